import Foundation
import SignalingProtocol

/// A participant of a room, connected or within its resume grace period.
struct Member: Sendable {
    let id: UUID
    let name: String
    /// Its resume token's digest (the token itself is only ever sent to the member).
    let resumeDigest: ResumeDigest
    /// Whether its access token lets it hold the host role (always without tokens).
    var mayHost = true
    /// What a removal bans: its token's name with access tokens, else its client address.
    var banKey = ""
    /// The socket it is on; nil while it is away (grace period running).
    var connection: ConnectionID?
    /// When an away member's place is given up.
    var graceDeadline: ContinuousClock.Instant?
    /// Messages that arrived while it was away, delivered on resume (bounded).
    var pending: [ServerMessage] = []
    /// How many messages did not fit in `pending` (logged on resume).
    var droppedWhileAway = 0
}
