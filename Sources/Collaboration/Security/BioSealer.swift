import Crypto
public import Foundation

/// Seals bio samples end to end with the room's bio key (AES-256-GCM). Get one from `RoomKeys`.
///
/// The sealed form is a `bio` channel payload of kind `0x02`:
/// `version | 0x02 | keyID (4) | nonce (12) | ciphertext | tag (16)`, where the plaintext is the
/// sample's body (flags onwards, as in kind `0x01`) and the associated data is
/// `"collab bio v1" | sender participant ID (16 bytes)`, so a sample cannot be passed off as
/// another participant's.
public struct BioSealer: Sendable {
    let cipher: EnvelopeCipher

    init(key: SymmetricKey) {
        cipher = EnvelopeCipher(key: key)
    }

    /// Seals `sample` as sent by `sender`; `random` supplies the nonce (use a CSPRNG, e.g.
    /// `SystemRandomNumberGenerator`).
    public func seal(
        _ sample: BioSample, sender: UUID, using random: inout some RandomNumberGenerator
    ) throws(SealError) -> [UInt8] {
        var body = PayloadWriter(capacity: 300)
        sample.encodeBody(into: &body)
        let envelope = try cipher.seal(body.bytes, authenticating: Self.aad(sender), using: &random)
        return [PayloadFormat.version, BioPayload.sealedKind] + envelope.binary
    }

    /// Opens a sealed `bio` payload (the whole channel message, or the bytes of
    /// `BioPayload.sealed`) that claims to come from `sender`.
    ///
    /// - Throws: `wrongSecret` when sealed under another key, `authenticationFailed` when altered
    ///   or from another sender, `malformed` for a bad envelope or sample.
    public func open(_ payload: [UInt8], sender: UUID) throws(SealError) -> BioSample {
        var reader = PayloadReader(payload)
        do throws(PayloadError) {
            try reader.readVersion(PayloadFormat.version)
            let kind = try reader.readUInt8()
            guard kind == BioPayload.sealedKind else { throw .unknownType(kind) }
        } catch {
            throw .malformed(error)
        }
        let envelope: SealedEnvelope
        do {
            envelope = try SealedEnvelope(binary: reader.readRest())
        } catch {
            throw .malformed(error)
        }
        let plaintext = try cipher.open(envelope, authenticating: Self.aad(sender))
        do throws(PayloadError) {
            var body = PayloadReader(plaintext)
            let sample = try BioSample(body: &body)
            try body.finish()
            return sample
        } catch {
            throw .malformed(error)
        }
    }

    static func aad(_ sender: UUID) -> [UInt8] {
        var writer = PayloadWriter()
        writer.write(contentsOf: "collab bio v1".utf8)
        writer.write(sender)
        return writer.bytes
    }
}
