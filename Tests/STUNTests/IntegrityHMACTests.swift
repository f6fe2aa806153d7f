import Crypto
import Testing

@testable import STUN

/// `STUNIntegrityKey`'s HMACs, RFC 2104 written out over SHA-1 and SHA-256, against swift-crypto's
/// generic `HMAC` (the RFC 5769 vectors check SHA-1 on real messages too).
@Suite struct IntegrityHMACTests {
    @Test("Equals HMAC<Insecure.SHA1> and HMAC<SHA256> for keys of 0 to 130 bytes, longer than a block included")
    func matchesSwiftCrypto() {
        var generator = SystemRandomNumberGenerator()
        for keyLength in 0...130 {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let message = (0..<(keyLength * 7 % 200)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let symmetric = SymmetricKey(data: key)
            let sha1 = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: symmetric))
            let sha256 = Array(HMAC<SHA256>.authenticationCode(for: message, using: symmetric))
            #expect(STUNIntegrityKey(bytes: key).hmacSHA1(message[...]) == sha1, "SHA-1, key of \(keyLength) bytes")
            #expect(STUNIntegrityKey(bytes: key).hmacSHA256(message[...]) == sha256, "SHA-256, key of \(keyLength) bytes")
        }
    }
}
