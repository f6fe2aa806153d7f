import Crypto
public import Foundation

/// Seals the SDP and ICE candidate strings relayed through the signaling server, so a server
/// can neither read them nor swap the DTLS fingerprint inside. Get one from `RoomKeys`.
///
/// Output is `SealedEnvelope`'s compact form, `"c1." + base64url(keyID | nonce | ciphertext |
/// tag)`, which fits in the signaling protocol's `sdp` and `candidate` string fields. The
/// associated data is `"collab signal v1" | from (16) | to (16)`: a message relayed to anyone
/// but its intended recipient, or claiming another sender, fails to open.
public struct SignalSealer: Sendable {
    let cipher: EnvelopeCipher

    init(key: SymmetricKey) {
        cipher = EnvelopeCipher(key: key)
    }

    /// Seals `text` from participant `from` to participant `to`.
    ///
    /// - Throws: `tooLarge` when `text` is over the envelope limit.
    public func seal(
        _ text: String, from: UUID, to: UUID, using random: inout some RandomNumberGenerator
    ) throws(SealError) -> String {
        try cipher.seal(Array(text.utf8), authenticating: Self.aad(from: from, to: to), using: &random).compact
    }

    /// Opens a compact sealed string from `from` to `to`.
    ///
    /// - Throws: `wrongSecret` when the sender used another room secret, `authenticationFailed`
    ///   when the text was altered or re-addressed, `malformed` for a bad envelope or UTF-8.
    public func open(_ sealed: String, from: UUID, to: UUID) throws(SealError) -> String {
        let envelope: SealedEnvelope
        do {
            envelope = try SealedEnvelope(compact: sealed)
        } catch {
            throw .malformed(error)
        }
        let plaintext = try cipher.open(envelope, authenticating: Self.aad(from: from, to: to))
        guard let text = String(validating: plaintext, as: UTF8.self) else { throw .malformed(.invalidUTF8) }
        return text
    }

    static func aad(from: UUID, to: UUID) -> [UInt8] {
        var writer = PayloadWriter()
        writer.write(contentsOf: "collab signal v1".utf8)
        writer.write(from)
        writer.write(to)
        return writer.bytes
    }
}
