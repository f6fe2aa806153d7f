/// What arrives on the `bio` channel: a plain sample, or one sealed with the room secret.
public enum BioPayload: Hashable, Sendable {
    /// Kind `0x01`: a sample in the clear (rooms without a secret).
    case sample(BioSample)
    /// Kind `0x02`: a sample sealed by `BioSealer`; open it with the room's sealer.
    case sealed([UInt8])

    /// The largest sealed envelope accepted (a full sample is under 300 bytes).
    public static let maximumSealedLength = 1024
    static let sealedKind: UInt8 = 0x02

    /// Decodes a `bio` channel payload without opening a sealed one.
    ///
    /// - Throws: `PayloadError` for any malformed input; never traps.
    public init(decoding bytes: [UInt8]) throws(PayloadError) {
        var reader = PayloadReader(bytes)
        try reader.readVersion(PayloadFormat.version)
        let kind = try reader.readUInt8()
        switch kind {
        case BioSample.kind:
            self = .sample(try BioSample(body: &reader))
            try reader.finish()
        case Self.sealedKind:
            guard bytes.count <= Self.maximumSealedLength else {
                throw .lengthOverLimit(length: bytes.count, limit: Self.maximumSealedLength)
            }
            self = .sealed(bytes)
        default:
            throw .unknownType(kind)
        }
    }

    /// The bytes to send on the `bio` channel.
    public func encoded() -> [UInt8] {
        switch self {
        case .sample(let sample): sample.encoded()
        case .sealed(let bytes): bytes
        }
    }
}
