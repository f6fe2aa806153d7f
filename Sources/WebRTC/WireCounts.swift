/// A reading of ``WireCounters``; subtract two to get what was sent between them.
package struct WireCounts: Sendable, Equatable {
    package var records = 0
    package var datagrams = 0
    package var sctpPackets = 0
    package var sackOnlyPackets = 0

    package init(records: Int = 0, datagrams: Int = 0, sctpPackets: Int = 0, sackOnlyPackets: Int = 0) {
        self.records = records
        self.datagrams = datagrams
        self.sctpPackets = sctpPackets
        self.sackOnlyPackets = sackOnlyPackets
    }

    package static func - (lhs: WireCounts, rhs: WireCounts) -> WireCounts {
        WireCounts(records: lhs.records - rhs.records, datagrams: lhs.datagrams - rhs.datagrams,
                   sctpPackets: lhs.sctpPackets - rhs.sctpPackets, sackOnlyPackets: lhs.sackOnlyPackets - rhs.sackOnlyPackets)
    }
}
