extension CloseReason {
    /// The reason as a kind and its text, for an envelope.
    var wire: (String, String) {
        switch self {
        case .policyViolation(let text): ("policy", text)
        case .replaced: ("replaced", "")
        case .invalidData(let text): ("invalid-data", text)
        case .protocolError(let text): ("protocol", text)
        case .tooBig(let text): ("too-big", text)
        case .joinTimeout: ("join-timeout", "")
        case .goingAway: ("going-away", "")
        case .removed: ("removed", "")
        case .roomClosed: ("room-closed", "")
        }
    }

    /// The reason an envelope names; nil for an unknown kind.
    init?(wire kind: String, text: String) {
        switch kind {
        case "policy": self = .policyViolation(text)
        case "replaced": self = .replaced
        case "invalid-data": self = .invalidData(text)
        case "protocol": self = .protocolError(text)
        case "too-big": self = .tooBig(text)
        case "join-timeout": self = .joinTimeout
        case "going-away": self = .goingAway
        case "removed": self = .removed
        case "room-closed": self = .roomClosed
        default: return nil
        }
    }
}
