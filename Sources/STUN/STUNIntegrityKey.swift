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

    /// RFC 2104 HMAC-SHA1 for MESSAGE-INTEGRITY (RFC 8489 §14.5).
    func hmacSHA1(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        hmac(Insecure.SHA1.self, bytes)
    }

    /// RFC 2104 HMAC-SHA256 for MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6).
    func hmacSHA256(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        hmac(SHA256.self, bytes)
    }

    /// RFC 2104 HMAC, `H((K ^ opad) || H((K ^ ipad) || message))`, written out over the hash:
    /// swift-crypto's generic `HMAC<H>` is not specialised across the module boundary and cost
    /// ~12 us per message here, most of it generic metadata lookups and a `SymmetricKey`
    /// allocation; this one is specialised for both callers, and every ICE check and answer is
    /// signed once and verified once (issue 15, connect).
    private func hmac<H: HashFunction>(_: H.Type, _ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let blockSize = H.blockByteCount
        var key = self.bytes.count > blockSize ? Array(H.hash(data: self.bytes)) : self.bytes
        key.append(contentsOf: repeatElement(0, count: blockSize - key.count))
        var inner = H()
        inner.update(data: key.map { $0 ^ 0x36 })
        inner.update(data: bytes)
        var outer = H()
        outer.update(data: key.map { $0 ^ 0x5C })
        outer.update(data: Array(inner.finalize()))
        return Array(outer.finalize())
    }
}
