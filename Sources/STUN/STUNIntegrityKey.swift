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

    /// RFC 2104 HMAC-SHA1, `H((K ^ opad) || H((K ^ ipad) || message))`, written out over
    /// `Insecure.SHA1`: the generic `HMAC<Insecure.SHA1>` cost ~12 us per message here, most of it
    /// generic metadata lookups and a `SymmetricKey` allocation, and every ICE check and answer
    /// is signed once and verified once (issue 15, connect).
    func hmacSHA1(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let blockSize = 64
        var key = self.bytes.count > blockSize ? Array(Insecure.SHA1.hash(data: self.bytes)) : self.bytes
        key.append(contentsOf: repeatElement(0, count: blockSize - key.count))
        var inner = Insecure.SHA1()
        inner.update(data: key.map { $0 ^ 0x36 })
        inner.update(data: bytes)
        var outer = Insecure.SHA1()
        outer.update(data: key.map { $0 ^ 0x5C })
        outer.update(data: Array(inner.finalize()))
        return Array(outer.finalize())
    }

    func hmacSHA256(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: self.bytes)))
    }
}
