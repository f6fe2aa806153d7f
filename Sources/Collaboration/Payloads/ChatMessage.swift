/// A chat line, sent on the `chat` channel.
///
/// Wire layout: version byte, then the UTF-8 text filling the rest of the message.
public struct ChatMessage: Hashable, Sendable {
    /// The longest text accepted, in UTF-8 bytes.
    public static let maximumUTF8Length = 4096

    /// The text (valid Unicode, at most `maximumUTF8Length` bytes of UTF-8).
    public let text: String

    /// Creates a message.
    ///
    /// - Throws: `lengthOverLimit` when the UTF-8 form is longer than `maximumUTF8Length`.
    public init(_ text: String) throws(PayloadError) {
        let length = text.utf8.count
        guard length <= Self.maximumUTF8Length else {
            throw .lengthOverLimit(length: length, limit: Self.maximumUTF8Length)
        }
        self.text = text
    }

    /// The binary form sent on the `chat` channel.
    public func encoded() -> [UInt8] {
        [PayloadFormat.version] + Array(text.utf8)
    }

    /// Decodes a `chat` channel payload.
    ///
    /// - Throws: `PayloadError` for any malformed input; never traps.
    public init(decoding bytes: [UInt8]) throws(PayloadError) {
        var reader = PayloadReader(bytes)
        try reader.readVersion(PayloadFormat.version)
        guard reader.remaining <= Self.maximumUTF8Length else {
            throw .lengthOverLimit(length: reader.remaining, limit: Self.maximumUTF8Length)
        }
        guard let text = String(validating: reader.readRest(), as: UTF8.self) else { throw .invalidUTF8 }
        self.text = text
    }
}
