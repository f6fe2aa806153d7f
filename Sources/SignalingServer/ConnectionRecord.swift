import Foundation

/// What the state knows of one open connection.
struct ConnectionRecord: Sendable {
    /// The client's IP address, the key of the join-failure guard.
    let address: String
    /// The room and participant it is bound to, if any.
    var membership: (roomID: UUID, participantID: UUID)?
}
