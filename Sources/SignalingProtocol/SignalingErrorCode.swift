/// The stable error codes of protocol v1, sent in `error {code, message}`.
///
/// Clients match on these strings; never rename one. New codes may be added in a later
/// version, so a client must treat an unknown code as a generic failure (``unknown(_:)``).
public enum SignalingErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// Bad JSON, or a field missing or of the wrong type.
    case badMessage
    /// A `type` the server does not know.
    case unknownType
    /// The message is larger than the server's message limit.
    case tooLarge
    /// A well-formed room code or ID that names no live room.
    case roomNotFound
    /// A room code that is not 6 characters of the room-code alphabet.
    case invalidCode
    /// The room has a password and this one does not match.
    case wrongPassword
    /// The room already holds its maximum number of participants.
    case roomFull
    /// Too many messages, or too many failed join attempts from this address.
    case rateLimited
    /// `to` names nobody in the sender's room.
    case unknownTarget
    /// The message needs a room and the connection is in none.
    case notInRoom
    /// The connection is already in a room (one room per connection).
    case alreadyInRoom
    /// The client asked for a protocol version the server does not speak.
    case unsupportedVersion
    /// The connection's access token does not allow this (another room, no room creation), a
    /// `remove` from someone other than the host, or a rejoin by a removed participant.
    case unauthorized
    /// A code this library does not know (sent by a newer server).
    case unknown(String)

    /// Every code protocol v1 defines.
    public static let allKnown: [SignalingErrorCode] = [
        .badMessage, .unknownType, .tooLarge, .roomNotFound, .invalidCode, .wrongPassword, .roomFull,
        .rateLimited, .unknownTarget, .notInRoom, .alreadyInRoom, .unsupportedVersion, .unauthorized,
    ]

    /// Parses a wire string; never fails (unknown strings become ``unknown(_:)``).
    public init(rawValue: String) {
        self = Self.allKnown.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .badMessage: "bad-message"
        case .unknownType: "unknown-type"
        case .tooLarge: "too-large"
        case .roomNotFound: "room-not-found"
        case .invalidCode: "invalid-code"
        case .wrongPassword: "wrong-password"
        case .roomFull: "room-full"
        case .rateLimited: "rate-limited"
        case .unknownTarget: "unknown-target"
        case .notInRoom: "not-in-room"
        case .alreadyInRoom: "already-in-room"
        case .unsupportedVersion: "unsupported-version"
        case .unauthorized: "unauthorized"
        case .unknown(let raw): raw
        }
    }

    public var description: String { rawValue }
}
