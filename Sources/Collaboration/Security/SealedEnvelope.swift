import RTCBase

/// An AES-256-GCM sealed message: key ID, nonce, ciphertext and tag.
///
/// Binary form: `keyID (4) | nonce (12) | ciphertext | tag (16)`. Compact text form (for the
/// signaling server's `sdp` and `candidate` strings): `"c1."` followed by the binary form in
/// unpadded base64url. The key ID lets a receiver tell a wrong secret from tampering.
public struct SealedEnvelope: Hashable, Sendable {
    /// The largest binary envelope accepted (the signaling server's 64 KiB message limit).
    public static let maximumLength = 48 * 1024
    /// The prefix of the compact text form; the digit is the format version.
    public static let compactPrefix = "c1."
    static let overhead = 4 + 12 + 16

    /// First 4 bytes of HMAC-SHA256(key, "collab key id v1"): identifies the key, reveals nothing
    /// an attacker could not learn by trying to open the envelope.
    public let keyID: [UInt8]
    /// The 96-bit AES-GCM nonce, random per message.
    public let nonce: [UInt8]
    /// The encrypted message.
    public let ciphertext: [UInt8]
    /// The 128-bit authentication tag.
    public let tag: [UInt8]

    init(keyID: [UInt8], nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        self.keyID = keyID
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.tag = tag
    }

    /// Parses the binary form.
    ///
    /// - Throws: `truncated` below 32 bytes, `lengthOverLimit` over `maximumLength`.
    public init(binary bytes: [UInt8]) throws(PayloadError) {
        guard bytes.count <= Self.maximumLength else {
            throw .lengthOverLimit(length: bytes.count, limit: Self.maximumLength)
        }
        guard bytes.count >= Self.overhead else { throw .truncated }
        keyID = Array(bytes[0..<4])
        nonce = Array(bytes[4..<16])
        ciphertext = Array(bytes[16..<(bytes.count - 16)])
        tag = Array(bytes[(bytes.count - 16)...])
    }

    /// Parses the compact text form.
    ///
    /// - Throws: `unsupportedVersion(0)` without the `c1.` prefix, `invalidValue` for bad
    ///   base64url, and the binary form's errors.
    public init(compact text: String) throws(PayloadError) {
        guard text.utf8.count <= (Self.maximumLength * 4 + 2) / 3 + Self.compactPrefix.utf8.count else {
            throw .lengthOverLimit(length: text.utf8.count, limit: (Self.maximumLength * 4 + 2) / 3)
        }
        guard text.hasPrefix(Self.compactPrefix) else { throw .unsupportedVersion(0) }
        guard let bytes = Base64URL.decode(text.dropFirst(Self.compactPrefix.count)) else {
            throw .invalidValue("sealed.base64url")
        }
        try self.init(binary: bytes)
    }

    /// The binary form.
    public var binary: [UInt8] { keyID + nonce + ciphertext + tag }

    /// The compact text form.
    public var compact: String { Self.compactPrefix + Base64URL.encode(binary) }
}
