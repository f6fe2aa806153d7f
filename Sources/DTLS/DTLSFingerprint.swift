import RTCBase

/// A certificate fingerprint as signalled in SDP's `a=fingerprint` attribute (RFC 8122 §5).
///
/// ```
/// fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
/// hash-func   = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ...
/// fingerprint = 2UHEX *(":" 2UHEX)   ; uppercase hex pairs separated by colons
/// ```
/// The algorithm is kept in lowercase, as RFC 8122 §5 spells the hash function names, so that two
/// fingerprints compare equal however the SDP capitalised them.
public struct DTLSFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The hash function's textual name (RFC 8122 §5 / RFC 3279), lowercase, e.g. `"sha-256"`.
    public var algorithm: String
    /// The digest of the certificate's DER encoding.
    public var bytes: [UInt8]

    /// Creates a fingerprint; `algorithm` is lowercased.
    public init(algorithm: String, bytes: [UInt8]) {
        self.algorithm = algorithm.lowercased()
        self.bytes = bytes
    }

    /// Parses the value of an `a=fingerprint` line, e.g. `"sha-256 AB:CD:..."` (RFC 8122 §5);
    /// `nil` if it is malformed.
    public init?(sdpValue: String) {
        let parts = sdpValue.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        guard let bytes = Hex.decode(parts[1], separator: ":"), !bytes.isEmpty else { return nil }
        self.init(algorithm: String(parts[0]), bytes: bytes)
    }

    /// The value for an `a=fingerprint` line: the algorithm, a space, uppercase hex pairs joined by
    /// colons (RFC 8122 §5).
    public var sdpValue: String {
        "\(algorithm) \(hexPairs)"
    }

    /// Same as `sdpValue`.
    public var description: String { sdpValue }

    /// Uppercase hex pairs joined by colons, the format of `openssl x509 -fingerprint`.
    public var hexPairs: String {
        Hex.encode(bytes, uppercase: true, separator: ":")
    }
}
