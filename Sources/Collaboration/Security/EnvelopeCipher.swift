import Crypto

/// AES-256-GCM with a key ID and random nonces: the common core of the sealers.
struct EnvelopeCipher: Sendable {
    let key: SymmetricKey
    let keyID: [UInt8]

    init(key: SymmetricKey) {
        self.key = key
        let mac = HMAC<SHA256>.authenticationCode(for: Array("collab key id v1".utf8), using: key)
        keyID = Array(Array(mac).prefix(4))
    }

    func seal(
        _ plaintext: [UInt8], authenticating aad: [UInt8], using random: inout some RandomNumberGenerator
    ) throws(SealError) -> SealedEnvelope {
        let limit = SealedEnvelope.maximumLength - SealedEnvelope.overhead
        guard plaintext.count <= limit else { throw .tooLarge(length: plaintext.count, limit: limit) }
        var nonceBytes = [UInt8](repeating: 0, count: 12)
        for index in nonceBytes.indices { nonceBytes[index] = UInt8.random(in: .min ... .max, using: &random) }
        do {
            let box = try AES.GCM.seal(
                plaintext, using: key, nonce: try AES.GCM.Nonce(data: nonceBytes), authenticating: aad
            )
            return SealedEnvelope(keyID: keyID, nonce: nonceBytes, ciphertext: Array(box.ciphertext), tag: Array(box.tag))
        } catch {
            throw .keyDerivationFailed
        }
    }

    func open(_ envelope: SealedEnvelope, authenticating aad: [UInt8]) throws(SealError) -> [UInt8] {
        guard envelope.keyID == keyID else { throw .wrongSecret }
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: envelope.nonce), ciphertext: envelope.ciphertext, tag: envelope.tag
            )
        } catch {
            throw .malformed(.invalidValue("sealed.box"))
        }
        do {
            return Array(try AES.GCM.open(box, using: key, authenticating: aad))
        } catch {
            throw .authenticationFailed
        }
    }
}
