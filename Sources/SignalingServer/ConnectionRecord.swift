import Foundation

/// What the state knows of one open connection.
struct ConnectionRecord: Sendable {
    /// The client's IP address, the key of the join-failure guard.
    let address: String
    /// The host the client's upgrade request named (its `Host` header, without the port): the
    /// name under which this client reaches the server, so also its STUN responder.
    let requestHost: String?
    /// What its access token allows; nil when the server needs none.
    var grant: AccessGrant?
    /// The room and participant it is bound to, if any.
    var membership: (roomID: UUID, participantID: UUID)? {
        didSet { if membership != nil { hasJoined = true } }
    }
    /// What a removal of this connection's member bans (see ``Member/banKey``).
    var banKey: String {
        grant.map { "name:" + $0.name } ?? "address:" + address
    }
    /// Whether it ever joined a room (the join timeout spares it from then on).
    private(set) var hasJoined = false
}
