import Foundation
import SignalingProtocol

/// One live room: its members in order of arrival and its host.
struct Room: Sendable {
    let id: UUID
    let code: RoomCode
    let password: PasswordDigest?
    /// Address of the connection that created it (the per-address room cap counts these).
    let creatorAddress: String
    /// When it was created (its age in the admin API).
    let created: ContinuousClock.Instant
    var hostID: UUID
    /// Members in order of arrival: the first is the longest present (next host).
    var members: [Member]
    /// Who the host or an administrator removed, by ``Member/banKey``, until when they may not
    /// come back. Bounded by the removals, which cost the host a rate-limited message each.
    var bans: [String: ContinuousClock.Instant] = [:]

    func index(of participantID: UUID) -> Int? {
        members.firstIndex { $0.id == participantID }
    }

    /// The member the host role goes to when the host leaves: the longest present that its token
    /// allows to host, else the longest present (a room always has a host).
    var nextHost: Member? {
        members.first { $0.mayHost } ?? members.first
    }

    /// Whether `key` was removed and may not come back before `now`.
    func bans(_ key: String, now: ContinuousClock.Instant) -> Bool {
        bans[key].map { now < $0 } ?? false
    }

    var participants: [ParticipantInfo] {
        members.map { ParticipantInfo(id: $0.id, name: $0.name, role: $0.id == hostID ? .host : .participant) }
    }
}
