import Crypto
import Testing

@testable import STUN

/// `STUNIntegrityKey.hmacSHA1`, RFC 2104 written out over SHA-1, against swift-crypto's generic
/// `HMAC<Insecure.SHA1>` (the RFC 5769 vectors check it on real messages too).
@Suite struct IntegrityHMACTests {
    @Test("Equals HMAC<Insecure.SHA1> for keys of 0 to 130 bytes, longer than a block included")
    func matchesSwiftCrypto() {
        var generator = SystemRandomNumberGenerator()
        for keyLength in 0...130 {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let message = (0..<(keyLength * 7 % 200)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
            #expect(STUNIntegrityKey(bytes: key).hmacSHA1(message[...]) == expected, "key of \(keyLength) bytes")
        }
    }
}
