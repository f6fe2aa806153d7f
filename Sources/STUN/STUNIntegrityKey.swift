import Crypto

/// The key for MESSAGE-INTEGRITY(-SHA256), derived as RFC 8489 §9 prescribes.
public struct STUNIntegrityKey: Hashable, Sendable {
    /// The raw key bytes fed to HMAC.
    public var bytes: [UInt8]

    /// Wraps raw key bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// RFC 8489 §9.1.1: the short-term key is the password (after OpaqueString, which ICE
    /// passwords never need: they are ASCII `ice-char`s).
    public static func shortTerm(password: String) -> STUNIntegrityKey {
        STUNIntegrityKey(bytes: Array(password.utf8))
    }

    /// RFC 8489 §9.2.2: `key = MD5(username ":" OpaqueString(realm) ":" OpaqueString(password))`.
    ///
    /// The caller passes already-prepared strings: this type does not apply SASLprep/OpaqueString.
    public static func longTerm(username: String, realm: String, password: String) -> STUNIntegrityKey {
        let digest = Insecure.MD5.hash(data: Array("\(username):\(realm):\(password)".utf8))
        return STUNIntegrityKey(bytes: Array(digest))
    }

    func hmacSHA1(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: bytes, using: SymmetricKey(data: self.bytes)))
    }

    func hmacSHA256(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: self.bytes)))
    }
}
