/// Why a payload received from a peer was refused.
///
/// Every decoder in this module reports malformed input with one of these cases and never traps:
/// the engine counts the error per channel and drops the message.
public enum PayloadError: Error, Hashable, Sendable {
    /// The payload ended before the layout was complete.
    case truncated
    /// The first byte names a format version this build does not speak.
    case unsupportedVersion(UInt8)
    /// The type (kind) byte names a message kind this version does not define.
    case unknownType(UInt8)
    /// A byte length is over its limit (text, audio payload, sealed envelope).
    case lengthOverLimit(length: Int, limit: Int)
    /// An element count is over its limit (MIDI events, RR intervals).
    case countOverLimit(count: Int, limit: Int)
    /// A floating-point field is NaN or infinite.
    case nonFiniteFloat
    /// A text field is not valid UTF-8.
    case invalidUTF8
    /// A field holds a value outside its documented range; the string names the field.
    case invalidValue(String)
    /// Bytes were left over after a complete message.
    case trailingBytes(Int)
}
