import Foundation
import SignalingProtocol

/// One live room: its members in order of arrival and its host.
struct Room: Sendable {
    let id: UUID
    let code: RoomCode
    let password: PasswordDigest?
    /// Address of the connection that created it (the per-address room cap counts these).
    let creatorAddress: String
    var hostID: UUID
    /// Members in order of arrival: the first is the longest present (next host).
    var members: [Member]

    func index(of participantID: UUID) -> Int? {
        members.firstIndex { $0.id == participantID }
    }

    var participants: [ParticipantInfo] {
        members.map { ParticipantInfo(id: $0.id, name: $0.name, role: $0.id == hostID ? .host : .participant) }
    }
}
