/// Why a participant left, when it was not its own choice or a lapsed grace period: the
/// `reason` of `participant-left`. An open set, like error codes: a client must accept any value.
public struct LeaveReason: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire text.
    public var rawValue: String

    /// Wraps a wire value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The server closed it because it read too slowly to keep up with the room.
    public static let tooSlow = LeaveReason(rawValue: "too-slow")

    /// The host removed it (`remove`); it cannot rejoin that room for a while.
    public static let removed = LeaveReason(rawValue: "removed")
}
