import RTCBase

/// A certificate fingerprint from `a=fingerprint`, binding the DTLS certificate to the signaling.
///
/// RFC 8122 section 5:
/// ```
/// attribute            =/ fingerprint-attribute
/// fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
/// fingerprint          =  2UHEX *(":" 2UHEX)
/// ```
/// Several may be present (RFC 8122 section 5: "multiple 'fingerprint' attributes ... MAY be used").
public struct SDPFingerprint: Hashable, Sendable {
    /// The hash function name, lowercased: `sha-256`, `sha-1`, ...
    public var algorithm: String
    /// The digest bytes.
    public var bytes: [UInt8]

    /// Creates a fingerprint; `algorithm` is stored lowercased.
    public init(algorithm: String, bytes: [UInt8]) {
        self.algorithm = algorithm.lowercased()
        self.bytes = bytes
    }

    /// Digest lengths for the hash functions RFC 8122 section 5 lists; unknown ones are not checked.
    static let digestLengths: [String: Int] = [
        "md2": 16, "md5": 16, "sha-1": 20, "sha-224": 28, "sha-256": 32, "sha-384": 48, "sha-512": 64,
    ]

    /// Parses an attribute value such as `sha-256 AB:CD:...`.
    ///
    /// Hex digits are accepted in either case, although RFC 8122 writes them uppercase
    /// ("UHEX"), because some stacks emit lowercase.
    ///
    /// - Throws: ``SDPError/invalidFingerprint(_:)``.
    public init(attributeValue value: String) throws(SDPError) {
        // Split on bytes: splitting the String by Characters was a third of reading a remote
        // description (issue 15, connect).
        let parts = value.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw .invalidFingerprint(value) }
        let algorithm = String(Substring(parts[0])).lowercased()
        guard let bytes = Hex.decode(Substring(parts[1]), separator: ":"), !bytes.isEmpty else {
            throw .invalidFingerprint(value)
        }
        if let expected = Self.digestLengths[algorithm], expected != bytes.count {
            throw .invalidFingerprint(value)
        }
        self.algorithm = algorithm
        self.bytes = bytes
    }

    /// The attribute value, `<algorithm> <uppercase hex pairs joined by ':'>`.
    public var attributeValue: String {
        "\(algorithm) \(Hex.encode(bytes, uppercase: true, separator: ":"))"
    }
}
