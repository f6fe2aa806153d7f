import Crypto
public import Foundation
import _CryptoExtras

/// The keys a room secret gives, derived once per room and shared by the sealers.
///
/// Derivation (docs/PAYLOADS.md, "Sealing"):
/// 1. `master = PBKDF2-HMAC-SHA256(passphrase UTF-8, salt: "collab room v1" | roomID (16 bytes),
///    rounds: 210 000, 32 bytes)`: the slow step that makes guessing a passphrase expensive
///    (swift-crypto's `_CryptoExtras` `KDF.Insecure.PBKDF2`; 210 000 is its checked minimum and
///    OWASP's figure for PBKDF2-HMAC-SHA512; about 0.1-0.3 s here, once per room).
/// 2. `key(purpose) = HKDF-SHA256(master, salt: roomID, info: "collab bio v1" | "collab signal v1",
///    32 bytes)`: one independent AES-256 key per purpose.
///
/// The passphrase and these keys never leave the process; the signaling server sees only sealed
/// envelopes. The same passphrase in another room gives unrelated keys.
public struct RoomKeys: Sendable {
    /// The PBKDF2 round count of format version 1; every peer must use the same.
    public static let rounds = 210_000

    let bioKey: SymmetricKey
    let signalKey: SymmetricKey

    /// Derives the room's keys. Slow by design (PBKDF2): call once per room, off the audio path.
    ///
    /// - Throws: `SealError.keyDerivationFailed` if the crypto library refuses.
    public init(secret: String, roomID: UUID) throws(SealError) {
        try self.init(secret: secret, roomID: roomID, rounds: Self.rounds)
    }

    /// Derivation with another round count: tests only (peers must agree on `rounds`).
    init(secret: String, roomID: UUID, rounds: Int) throws(SealError) {
        let roomBytes = withUnsafeBytes(of: roomID.uuid) { Array($0) }
        let master: SymmetricKey
        do {
            master = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(secret.utf8),
                salt: Array("collab room v1".utf8) + roomBytes,
                using: .sha256,
                outputByteCount: 32,
                unsafeUncheckedRounds: rounds
            )
        } catch {
            throw .keyDerivationFailed
        }
        bioKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, salt: roomBytes, info: Array("collab bio v1".utf8), outputByteCount: 32
        )
        signalKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, salt: roomBytes, info: Array("collab signal v1".utf8), outputByteCount: 32
        )
    }

    /// Seals and opens bio samples for this room.
    public var bioSealer: BioSealer { BioSealer(key: bioKey) }

    /// Seals and opens SDP and candidate strings relayed through the signaling server.
    public var signalSealer: SignalSealer { SignalSealer(key: signalKey) }
}
