import Foundation
import RTCBase
import SignalingProtocol

/// A room as the database keeps it: enough for another instance to adopt it.
struct RoomRecord: Sendable, Equatable {
    let id: UUID
    let code: RoomCode
    let creatorAddress: String
    let hostID: UUID
    let password: PasswordDigest?
    /// In order of arrival.
    let members: [MemberRecord]
    /// Removed members' ban keys and until when (wall clock: instances do not share a monotonic one).
    let bans: [String: Date]

    /// One member: what a resume and the host rule need.
    struct MemberRecord: Sendable, Equatable {
        let id: UUID
        let name: String
        let resumeDigest: ResumeDigest
        let mayHost: Bool
        let banKey: String
    }

    init(
        id: UUID, code: RoomCode, creatorAddress: String, hostID: UUID, password: PasswordDigest?, members: [MemberRecord],
        bans: [String: Date] = [:]
    ) {
        self.id = id
        self.code = code
        self.creatorAddress = creatorAddress
        self.hostID = hostID
        self.password = password
        self.members = members
        self.bans = bans
    }

    /// The record of a live room; `now` and `wallNow` are the same moment on the two clocks.
    init(_ room: Room, now: ContinuousClock.Instant, wallNow: Date) {
        self.init(
            id: room.id, code: room.code, creatorAddress: room.creatorAddress, hostID: room.hostID, password: room.password,
            members: room.members.map {
                MemberRecord(id: $0.id, name: $0.name, resumeDigest: $0.resumeDigest, mayHost: $0.mayHost, banKey: $0.banKey)
            },
            bans: room.bans.compactMapValues { until in
                let left = now.duration(to: until)
                return left > .zero ? wallNow.addingTimeInterval(left.rtcSeconds) : nil
            })
    }

    /// The bans still running at `wallNow`, on this instance's monotonic clock.
    func bans(now: ContinuousClock.Instant, wallNow: Date) -> [String: ContinuousClock.Instant] {
        bans.compactMapValues { until in
            // Clamped: a corrupted row must not trap on the conversion (bans last minutes).
            let left = min(until.timeIntervalSince(wallNow), 86_400)
            return left > 0 ? now + .milliseconds(Int64(left * 1000)) : nil
        }
    }

    /// The bans as the database keeps them: a JSON object of ban key to Unix time.
    var storedBans: String {
        let object = bans.mapValues(\.timeIntervalSince1970)
        return (try? String(decoding: JSONEncoder().encode(object), as: UTF8.self)) ?? "{}"
    }

    /// Bans read back from the database; empty when the text does not parse (a ban is lost, the
    /// room is not).
    static func bans(stored: String) -> [String: Date] {
        guard let object = try? JSONDecoder().decode([String: Double].self, from: Data(stored.utf8)) else { return [:] }
        return object.mapValues { Date(timeIntervalSince1970: $0) }
    }
}
