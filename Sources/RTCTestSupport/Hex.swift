import RTCBase

/// Parses hex text, ignoring whitespace (test vectors are written in hex); a malformed vector
/// stops the test run with the text it could not read.
public func hex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text.filter { !$0.isWhitespace }) else {
        preconditionFailure("not hex: \(text)")
    }
    return bytes
}
