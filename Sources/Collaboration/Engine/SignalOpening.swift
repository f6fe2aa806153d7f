import Foundation

/// What became of an SDP or candidate string relayed by the signaling server.
enum SignalOpening: Equatable {
    /// Usable text (opened, or plain in a room without a secret).
    case text(String)
    /// The peer told us it refuses us: our secrets differ.
    case rejected
    /// We cannot read it: sealed under another secret, or plain while we hold one, or sealed
    /// while we hold none. The secrets differ.
    case wrongSecret
    /// Sealed under our key but altered or re-addressed: dropped (a server is tampering).
    case tampered

    /// The text a peer sends back, in place of an answer, when it cannot open our offer.
    static let rejectText = "collab-reject:room-secret"

    /// Opens `text` from `from` to `to` with `sealer` (`nil`: the room has no secret).
    static func open(_ text: String, sealer: SignalSealer?, from: UUID, to: UUID) -> SignalOpening {
        let isSealed = text.hasPrefix(SealedEnvelope.compactPrefix)
        guard let sealer else {
            if isSealed { return .wrongSecret }
            return text == rejectText ? .rejected : .text(text)
        }
        guard isSealed else { return text == rejectText ? .rejected : .wrongSecret }
        do {
            let opened = try sealer.open(text, from: from, to: to)
            return opened == rejectText ? .rejected : .text(opened)
        } catch .wrongSecret {
            return .wrongSecret
        } catch {
            return .tampered
        }
    }
}
