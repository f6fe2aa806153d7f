import Foundation
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

    /// One member: what a resume and the host rule need.
    struct MemberRecord: Sendable, Equatable {
        let id: UUID
        let name: String
        let resumeDigest: ResumeDigest
        let mayHost: Bool
        let banKey: String
    }

    init(id: UUID, code: RoomCode, creatorAddress: String, hostID: UUID, password: PasswordDigest?, members: [MemberRecord]) {
        self.id = id
        self.code = code
        self.creatorAddress = creatorAddress
        self.hostID = hostID
        self.password = password
        self.members = members
    }

    init(_ room: Room) {
        self.init(
            id: room.id, code: room.code, creatorAddress: room.creatorAddress, hostID: room.hostID, password: room.password,
            members: room.members.map {
                MemberRecord(id: $0.id, name: $0.name, resumeDigest: $0.resumeDigest, mayHost: $0.mayHost, banKey: $0.banKey)
            })
    }
}
