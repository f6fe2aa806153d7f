import Foundation
import RTCBase
import SignalingProtocol

/// The signaling server's rooms and memberships as a sans-IO state machine.
///
/// It never touches a socket or a clock: the owner (``SignalingHub``) passes in each decoded
/// message with the current instant and a random source, and performs the returned
/// ``SignalingAction``s. That keeps every membership rule testable without a network.
struct SignalingState: Sendable {
    let configuration: SignalingServerConfiguration
    private(set) var rooms: [UUID: Room] = [:]
    private(set) var roomsByCode: [RoomCode: UUID] = [:]
    private(set) var connections: [ConnectionID: ConnectionRecord] = [:]
    /// Live rooms per creating address, for the per-address room cap.
    private var roomsByAddress: [String: Int] = [:]
    private var limiter: JoinAttemptLimiter
    /// Produces TURN/STUN entries for a participant reached under a request host (wall clock
    /// lives with the owner).
    private let makeICEServers: @Sendable (UUID, String?) -> [ICEServer]
    /// What happened since the owner last called ``takeEvents()`` (it logs them).
    private var events: [RoomEvent] = []
    /// How long a removed participant stays out of its room.
    static let removalBan: Duration = .seconds(600)

    init(configuration: SignalingServerConfiguration,
         iceServers: @escaping @Sendable (_ participantID: UUID, _ requestHost: String?) -> [ICEServer]) {
        self.configuration = configuration
        self.limiter = JoinAttemptLimiter(allowed: configuration.joinFailuresAllowed, window: configuration.joinFailureWindow)
        self.makeICEServers = iceServers
    }

    /// The servers for a participant on connection `id`, named as that client reaches us.
    private func iceServers(_ participantID: UUID, connection id: ConnectionID) -> [ICEServer] {
        makeICEServers(participantID, connections[id]?.requestHost)
    }

    // MARK: connections

    mutating func connected(_ id: ConnectionID, address: String, requestHost: String? = nil, grant: AccessGrant? = nil) {
        connections[id] = ConnectionRecord(address: address, requestHost: requestHost, grant: grant)
    }

    /// The room events not taken yet, oldest first (the hub's relay routes follow them).
    var pendingEvents: [RoomEvent] { events }

    /// The room events since the last call, oldest first.
    mutating func takeEvents() -> [RoomEvent] {
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    /// The socket is gone. A member keeps its place for the grace period.
    mutating func disconnected(_ id: ConnectionID, now: ContinuousClock.Instant) -> [SignalingAction] {
        guard let record = connections.removeValue(forKey: id), let membership = record.membership,
            var room = rooms[membership.roomID], let index = room.index(of: membership.participantID),
            room.members[index].connection == id
        else { return [] }
        guard configuration.resumeGrace > .zero else {
            return removeMember(membership.participantID, from: membership.roomID, why: "lost")
        }
        let deadline = now + configuration.resumeGrace
        room.members[index].connection = nil
        room.members[index].graceDeadline = deadline
        rooms[membership.roomID] = room
        events.append(.lost(roomID: membership.roomID, participantID: membership.participantID))
        return [.expireGrace(roomID: membership.roomID, participantID: membership.participantID, at: deadline)]
    }

    /// The server is closing this connection because it reads too slowly: its member leaves at
    /// once (no grace: a resume would only meet the same backlog) and the others are told why.
    mutating func tooSlow(_ id: ConnectionID) -> [SignalingAction] {
        guard let membership = connections[id]?.membership else { return [] }
        connections[id]?.membership = nil
        return removeMember(membership.participantID, from: membership.roomID, reason: .tooSlow, why: "too-slow")
    }

    /// A grace timer fired: drop the member if it is still away.
    mutating func expireGrace(roomID: UUID, participantID: UUID, now: ContinuousClock.Instant) -> [SignalingAction] {
        guard let room = rooms[roomID], let index = room.index(of: participantID),
            room.members[index].connection == nil, let deadline = room.members[index].graceDeadline, deadline <= now
        else { return [] }
        return removeMember(participantID, from: roomID, why: "grace-expired")
    }

    // MARK: messages

    mutating func receive(
        _ message: ClientMessage, from id: ConnectionID, now: ContinuousClock.Instant,
        random: inout some RandomNumberGenerator
    ) -> [SignalingAction] {
        guard let record = connections[id] else { return [] }
        switch message {
        case .ping:
            return [.send(id, .pong)]
        case .refreshICEServers:
            guard let membership = record.membership else {
                return [.send(id, .error(SignalingError(.notInRoom, "ice-servers needs a room: join first")))]
            }
            return [.send(id, .iceServers(iceServers(membership.participantID, connection: id)))]
        case .createRoom(let name, let password):
            return createRoom(name: name, password: password, connection: id, record: record, now: now, random: &random)
        case .joinCode(let rawCode, let name, let password):
            return join(.code(rawCode, name: name, password: password), connection: id, record: record, now: now, random: &random)
        case .join(let roomID, let name, let password, let resumeToken):
            return join(
                .id(roomID, name: name, password: password, resumeToken: resumeToken), connection: id, record: record,
                now: now, random: &random)
        case .offer(let to, let sdp):
            return relay(from: id, record: record, to: to) { .offer(from: $0, sdp: sdp) }
        case .answer(let to, let sdp):
            return relay(from: id, record: record, to: to) { .answer(from: $0, sdp: sdp) }
        case .candidate(let to, let candidate):
            return relay(from: id, record: record, to: to) { .candidate(from: $0, candidate: candidate) }
        case .leave:
            guard let membership = record.membership else {
                return [.send(id, .error(SignalingError(.notInRoom, "not in a room")))]
            }
            connections[id]?.membership = nil
            return removeMember(membership.participantID, from: membership.roomID, why: "leave")
        case .remove(let participantID):
            return hostRemoves(participantID, connection: id, record: record, now: now)
        }
    }

    // MARK: moderation

    /// `remove` from a host: the target leaves at once (no grace), its socket is closed, and
    /// it may not come back to this room for ``removalBan``.
    private mutating func hostRemoves(
        _ participantID: UUID, connection id: ConnectionID, record: ConnectionRecord, now: ContinuousClock.Instant
    ) -> [SignalingAction] {
        guard let membership = record.membership, let room = rooms[membership.roomID] else {
            return [.send(id, .error(SignalingError(.notInRoom, "remove needs a room")))]
        }
        guard room.hostID == membership.participantID, record.grant?.mayHost ?? true else {
            return [.send(id, .error(SignalingError(.unauthorized, "only the host may remove participants")))]
        }
        guard participantID != membership.participantID, room.index(of: participantID) != nil else {
            return [.send(id, .error(SignalingError(.unknownTarget, "no participant \(participantID) to remove in this room")))]
        }
        return remove(participantID, from: membership.roomID, now: now)
    }

    /// Removes a participant for good (host or administrator): closes its socket, bans its key.
    mutating func remove(_ participantID: UUID, from roomID: UUID, now: ContinuousClock.Instant) -> [SignalingAction] {
        guard var room = rooms[roomID], let index = room.index(of: participantID) else { return [] }
        let member = room.members[index]
        room.bans = room.bans.filter { now < $0.value }
        room.bans[member.banKey] = now + Self.removalBan
        rooms[roomID] = room
        var actions: [SignalingAction] = []
        if let connection = member.connection {
            connections[connection]?.membership = nil
            actions.append(.close(connection, .removed))
        }
        return actions + removeMember(participantID, from: roomID, reason: .removed, why: "removed")
    }

    /// Closes a room (administrator): every member is closed and the code freed.
    mutating func closeRoom(_ roomID: UUID) -> [SignalingAction] {
        guard let room = rooms[roomID] else { return [] }
        var actions: [SignalingAction] = []
        for member in room.members {
            if let connection = member.connection {
                connections[connection]?.membership = nil
                actions.append(.close(connection, .roomClosed))
            }
            events.append(.left(roomID: roomID, participantID: member.id, why: "room-closed"))
        }
        forget(room)
        return actions
    }

    /// Takes over a room from the database (its home instance died): every member is away,
    /// with a fresh grace period to resume in. Nothing when the room is already here.
    mutating func adopt(_ record: RoomRecord, now: ContinuousClock.Instant, wallNow: Date) -> [SignalingAction] {
        guard rooms[record.id] == nil, roomsByCode[record.code] == nil, !record.members.isEmpty else { return [] }
        let deadline = now + configuration.resumeGrace
        let members = record.members.map {
            Member(id: $0.id, name: $0.name, resumeDigest: $0.resumeDigest, mayHost: $0.mayHost, banKey: $0.banKey,
                   connection: nil, graceDeadline: deadline)
        }
        let hostID = members.contains { $0.id == record.hostID } ? record.hostID : members[0].id
        rooms[record.id] = Room(
            id: record.id, code: record.code, password: record.password, creatorAddress: record.creatorAddress,
            created: now, hostID: hostID, members: members, bans: record.bans(now: now, wallNow: wallNow))
        roomsByCode[record.code] = record.id
        roomsByAddress[record.creatorAddress, default: 0] += 1
        return members.map { .expireGrace(roomID: record.id, participantID: $0.id, at: deadline) }
    }

    /// The room with this code, for the admin API.
    func room(code: RoomCode) -> Room? {
        roomsByCode[code].flatMap { rooms[$0] }
    }

    // MARK: rooms

    /// `create-room` with a room ID and code already claimed in the shared database (several
    /// instances): the code is unique across all of them.
    mutating func createReservedRoom(
        _ reservation: (roomID: UUID, code: RoomCode), name: String, password: String?, from id: ConnectionID,
        now: ContinuousClock.Instant, random: inout some RandomNumberGenerator
    ) -> [SignalingAction] {
        guard let record = connections[id] else { return [] }
        return createRoom(
            name: name, password: password, connection: id, record: record, now: now, random: &random, reserved: reservation)
    }

    private mutating func createRoom(
        name: String, password: String?, connection id: ConnectionID, record: ConnectionRecord,
        now: ContinuousClock.Instant, random: inout some RandomNumberGenerator,
        reserved: (roomID: UUID, code: RoomCode)? = nil
    ) -> [SignalingAction] {
        guard record.membership == nil else {
            return [.send(id, .error(SignalingError(.alreadyInRoom, "leave the current room first")))]
        }
        if let grant = record.grant, !grant.mayCreate || grant.resumeOnly {
            return [.send(id, .error(SignalingError(.unauthorized, "this access token may not create rooms")))]
        }
        let validated: String
        do { validated = try validName(record.grant?.name ?? name) } catch { return [.send(id, .error(error))] }
        let capped = configuration.limitLoopback || !AddressLimiter.isLoopback(record.address)
        guard !capped || roomsByAddress[record.address, default: 0] < configuration.maxRoomsPerAddress else {
            return [.send(id, .error(SignalingError(.rateLimited, "too many live rooms from this address")))]
        }
        var code = reserved?.code ?? RoomCode.random(using: &random)
        // 32^6 codes: a collision is rare; the bound only guards against a broken random source.
        var tries = 0
        while reserved == nil, roomsByCode[code] != nil, tries < 64 {
            code = RoomCode.random(using: &random)
            tries += 1
        }
        guard roomsByCode[code] == nil else {
            return [.send(id, .error(SignalingError(.roomFull, "could not allocate a room code")))]
        }
        let roomID = reserved?.roomID ?? Self.uuid(using: &random)
        let participantID = Self.uuid(using: &random)
        let token = Self.token(using: &random)
        let digest = password.flatMap { $0.isEmpty ? nil : PasswordDigest(password: $0, using: &random) }
        let member = Member(
            id: participantID, name: validated, resumeDigest: ResumeDigest(token: token), banKey: record.banKey, connection: id)
        rooms[roomID] = Room(
            id: roomID, code: code, password: digest, creatorAddress: record.address, created: now, hostID: participantID,
            members: [member])
        roomsByAddress[record.address, default: 0] += 1
        roomsByCode[code] = roomID
        connections[id]?.membership = (roomID, participantID)
        events.append(.roomCreated(roomID: roomID, code: code))
        events.append(.joined(roomID: roomID, participantID: participantID))
        let body = RoomCreated(
            roomID: roomID, roomCode: code, participantID: participantID, resumeToken: token,
            iceServers: iceServers(participantID, connection: id))
        return [.send(id, .roomCreated(body))]
    }

    /// The two ways in: by code, or by room ID (with a resume token to take a place back).
    private enum JoinRequest {
        case code(String, name: String, password: String?)
        case id(UUID, name: String?, password: String?, resumeToken: String?)
    }

    /// Room check, brute-force guard and failure accounting shared by both joins.
    private mutating func join(
        _ request: JoinRequest, connection id: ConnectionID, record: ConnectionRecord, now: ContinuousClock.Instant,
        random: inout some RandomNumberGenerator
    ) -> [SignalingAction] {
        guard record.membership == nil else {
            return [.send(id, .error(SignalingError(.alreadyInRoom, "leave the current room first")))]
        }
        guard limiter.mayAttempt(address: record.address, now: now) else {
            return [.send(id, .error(SignalingError(.rateLimited, "too many failed join attempts; wait a minute")))]
        }
        do {
            return try attemptJoin(request, connection: id, record: record, now: now, random: &random)
        } catch {
            switch error.code {
            case .roomNotFound, .invalidCode, .wrongPassword:
                limiter.recordFailure(address: record.address, now: now)
            default:
                break
            }
            return [.send(id, .error(error))]
        }
    }

    private mutating func attemptJoin(
        _ request: JoinRequest, connection id: ConnectionID, record: ConnectionRecord, now: ContinuousClock.Instant,
        random: inout some RandomNumberGenerator
    ) throws(SignalingError) -> [SignalingAction] {
        switch request {
        case .code(let raw, let name, let password):
            let code = try RoomCode(raw)
            guard let roomID = roomsByCode[code] else { throw SignalingError(.roomNotFound, "no live room has code \(code)") }
            return try admit(name: name, password: password, roomID: roomID, connection: id, record: record, now: now, random: &random)
        case .id(let roomID, let name, let password, let resumeToken):
            guard rooms[roomID] != nil else { throw SignalingError(.roomNotFound, "no live room has ID \(roomID)") }
            // The resume token is the proof here: an access token that expired meanwhile does not
            // stop a member taking its place back (the access token guards entry).
            if let resumeToken { return try resume(token: resumeToken, roomID: roomID, connection: id) }
            return try admit(
                name: name ?? "", password: password, roomID: roomID, connection: id, record: record, now: now, random: &random)
        }
    }

    private mutating func admit(
        name: String, password: String?, roomID: UUID, connection id: ConnectionID, record: ConnectionRecord,
        now: ContinuousClock.Instant, random: inout some RandomNumberGenerator
    ) throws(SignalingError) -> [SignalingAction] {
        guard var room = rooms[roomID] else { throw SignalingError(.roomNotFound, "room is gone") }
        if let grant = record.grant {
            guard !grant.resumeOnly else { throw SignalingError(.unauthorized, "the access token has expired") }
            guard grant.admits(room.code) else { throw SignalingError(.unauthorized, "the access token is for another room") }
        }
        guard !room.bans(record.banKey, now: now) else {
            throw SignalingError(.unauthorized, "removed from this room by its host; try again later")
        }
        if let digest = room.password, !digest.matches(password ?? "") {
            throw SignalingError(.wrongPassword, "wrong room password")
        }
        let name = try validName(record.grant?.name ?? name)
        guard room.members.count < configuration.maxRoomSize else {
            throw SignalingError(.roomFull, "room holds \(configuration.maxRoomSize) participants")
        }
        let participantID = Self.uuid(using: &random)
        let token = Self.token(using: &random)
        room.members.append(Member(
            id: participantID, name: name, resumeDigest: ResumeDigest(token: token), mayHost: record.grant?.mayHost ?? true,
            banKey: record.banKey, connection: id))
        rooms[roomID] = room
        connections[id]?.membership = (roomID, participantID)
        events.append(.joined(roomID: roomID, participantID: participantID))
        var actions: [SignalingAction] = [
            .send(id, .joined(joinedBody(room, participantID: participantID, token: token, connection: id)))
        ]
        let info = ParticipantInfo(id: participantID, name: name, role: .participant)
        actions += deliverToOthers(in: roomID, except: participantID, .participantJoined(info))
        return actions
    }

    private mutating func resume(token: String, roomID: UUID, connection id: ConnectionID) throws(SignalingError) -> [SignalingAction] {
        guard var room = rooms[roomID],
            let index = room.members.firstIndex(where: { $0.resumeDigest.matches(token) })
        else { throw SignalingError(.roomNotFound, "no membership to resume in that room") }
        var actions: [SignalingAction] = []
        var member = room.members[index]
        if let old = member.connection, old != id {
            // A half-open old socket: the client knows better than our keepalive that it is dead.
            connections[old]?.membership = nil
            actions.append(.close(old, .replaced))
        }
        member.connection = id
        member.graceDeadline = nil
        let pending = member.pending
        member.pending = []
        member.droppedWhileAway = 0
        room.members[index] = member
        rooms[roomID] = room
        connections[id]?.membership = (roomID, member.id)
        events.append(.resumed(roomID: roomID, participantID: member.id))
        // The token the member presented: only its digest is kept here.
        actions.append(.send(id, .joined(joinedBody(room, participantID: member.id, token: token, connection: id))))
        actions += pending.map { .send(id, $0) }
        return actions
    }

    private func joinedBody(_ room: Room, participantID: UUID, token: String, connection id: ConnectionID) -> RoomJoined {
        RoomJoined(
            roomID: room.id, roomCode: room.code, participantID: participantID, resumeToken: token,
            hostID: room.hostID, participants: room.participants, iceServers: iceServers(participantID, connection: id))
    }

    /// Removes a member; migrates the host; deletes an empty room and frees its code at once.
    private mutating func removeMember(
        _ participantID: UUID, from roomID: UUID, reason: LeaveReason? = nil, why: String
    ) -> [SignalingAction] {
        guard var room = rooms[roomID], let index = room.index(of: participantID) else { return [] }
        room.members.remove(at: index)
        events.append(.left(roomID: roomID, participantID: participantID, why: why))
        guard let nextHost = room.nextHost else {
            forget(room)
            return []
        }
        let hostLeft = room.hostID == participantID
        if hostLeft { room.hostID = nextHost.id }
        rooms[roomID] = room
        var actions = deliverToOthers(in: roomID, except: nil, .participantLeft(participantID, reason: reason))
        if hostLeft {
            actions += deliverToOthers(in: roomID, except: nil, .hostChanged(nextHost.id))
        }
        return actions
    }

    /// Deletes a room and frees its code at once.
    private mutating func forget(_ room: Room) {
        rooms[room.id] = nil
        roomsByCode[room.code] = nil
        let left = roomsByAddress[room.creatorAddress, default: 1] - 1
        roomsByAddress[room.creatorAddress] = left > 0 ? left : nil
        events.append(.roomClosed(roomID: room.id, code: room.code))
    }

    // MARK: relay

    /// A targeted relay (what the engine uses) goes to `target`; without one (the integration
    /// guide's form) it goes to every other member of the sender's room.
    private mutating func relay(
        from id: ConnectionID, record: ConnectionRecord, to target: UUID?, _ make: (UUID) -> ServerMessage
    ) -> [SignalingAction] {
        guard let membership = record.membership else {
            return [.send(id, .error(SignalingError(.notInRoom, "join a room before relaying")))]
        }
        guard let target else {
            return deliverToOthers(in: membership.roomID, except: membership.participantID, make(membership.participantID))
        }
        guard target != membership.participantID, let room = rooms[membership.roomID], room.index(of: target) != nil else {
            return [.send(id, .error(SignalingError(.unknownTarget, "no participant \(target) in this room")))]
        }
        return deliver(make(membership.participantID), to: target, in: membership.roomID)
    }

    /// Sends to a member's socket, or keeps the message for it while it is away.
    private mutating func deliver(_ message: ServerMessage, to participantID: UUID, in roomID: UUID) -> [SignalingAction] {
        guard var room = rooms[roomID], let index = room.index(of: participantID) else { return [] }
        if let connection = room.members[index].connection {
            return [.send(connection, message)]
        }
        if room.members[index].pending.count < configuration.maxPendingWhileAway {
            room.members[index].pending.append(message)
        } else {
            room.members[index].droppedWhileAway += 1
        }
        rooms[roomID] = room
        return []
    }

    private mutating func deliverToOthers(in roomID: UUID, except: UUID?, _ message: ServerMessage) -> [SignalingAction] {
        guard let room = rooms[roomID] else { return [] }
        var actions: [SignalingAction] = []
        for member in room.members where member.id != except {
            actions += deliver(message, to: member.id, in: roomID)
        }
        return actions
    }

    // MARK: helpers

    private func validName(_ name: String) throws(SignalingError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SignalingError(.badMessage, "'name' must not be empty") }
        guard trimmed.utf8.count <= configuration.maxNameBytes else {
            throw SignalingError(.badMessage, "'name' is longer than \(configuration.maxNameBytes) bytes of UTF-8")
        }
        guard trimmed.count <= configuration.maxNameLength else {
            throw SignalingError(.badMessage, "'name' is longer than \(configuration.maxNameLength) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw SignalingError(.badMessage, "'name' contains control characters")
        }
        return trimmed
    }

    static func uuid(using random: inout some RandomNumberGenerator) -> UUID {
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// 256 random bits, base64url without padding.
    static func token(using random: inout some RandomNumberGenerator) -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        return Base64URL.encode(bytes)
    }

    /// Live counts for metrics and logs.
    var roomCount: Int { rooms.count }
}
