import SignalingProtocol

/// What a verified access token allows one connection (kept in its ``ConnectionRecord``).
struct AccessGrant: Sendable, Equatable {
    /// The one room it admits to; nil for any room (`"room": "*"`).
    let room: RoomCode?
    /// The display name the holder appears under.
    let name: String
    /// Whether it may create rooms.
    let mayCreate: Bool
    /// Whether it may hold the host role (and so `remove`).
    let mayHost: Bool
    /// The token had expired at the upgrade: the connection may only resume a membership.
    let resumeOnly: Bool

    /// Whether it admits to the room with `code`.
    func admits(_ code: RoomCode) -> Bool {
        room == nil || room == code
    }
}
