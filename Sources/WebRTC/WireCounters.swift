import Synchronization

/// Process-wide totals of what every ``PeerConnection`` put on the wire, for `collab bench engine`
/// (per-connection figures are in ``PeerConnectionCounters``). Relaxed atomics: a count, not a clock.
package enum WireCounters {
    /// DTLS outputs handed to ICE (one application record each).
    static let records = Atomic<Int>(0)
    /// UDP datagrams carrying them.
    static let datagrams = Atomic<Int>(0)
    /// SCTP packets handed to DTLS.
    static let sctpPackets = Atomic<Int>(0)
    /// Of those, packets of SACK chunks only.
    static let sackOnlyPackets = Atomic<Int>(0)

    /// The totals now.
    package static func snapshot() -> WireCounts {
        WireCounts(records: records.load(ordering: .relaxed), datagrams: datagrams.load(ordering: .relaxed),
                   sctpPackets: sctpPackets.load(ordering: .relaxed),
                   sackOnlyPackets: sackOnlyPackets.load(ordering: .relaxed))
    }
}
