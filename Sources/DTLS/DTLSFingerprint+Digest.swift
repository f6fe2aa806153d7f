extension DTLSFingerprint {
    /// The shim's (OpenSSL-style) digest name for `algorithm`, or `nil` for hash functions we refuse.
    ///
    /// RFC 8122 §5 lists the names; MD5 and MD2 are not accepted (RFC 8122 §5: "...SHA-256 ...
    /// MUST be supported"; the weak ones are not worth a match).
    var openSSLDigestName: String? {
        switch algorithm {
        case "sha-1": "SHA1"
        case "sha-224": "SHA224"
        case "sha-256": "SHA256"
        case "sha-384": "SHA384"
        case "sha-512": "SHA512"
        default: nil
        }
    }
}
