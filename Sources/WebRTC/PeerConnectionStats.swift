package import ICE
package import RTCDriver

/// A snapshot of a connection's counters (W3C `getStats()`, the parts a data-channel peer has).
public struct PeerConnectionStats: Sendable {
    /// The ICE pair carrying data.
    public var selectedPair: RTCIceCandidatePair? { selectedCandidatePair.map(RTCIceCandidatePair.init) }
    /// The same pair with ICE's details (generation, priorities), for tests and diagnostics.
    package var selectedCandidatePair: CandidatePair?
    /// Open (or closing) channels.
    public var channels: [DataChannelHandle: DataChannelStats]
    /// The sum over channels that have closed.
    public var closedChannels: DataChannelStats
    /// Drops and refusals.
    public var counters: PeerConnectionCounters
    /// The ICE agent's counters.
    package var ice: ICEStats?
    /// The UDP sockets' counters (datagrams, GSO writes and refusals), for tests and diagnostics.
    package var sockets = UDPDriverCounters()
    /// Bytes SCTP holds that the peer has not acknowledged.
    public var sctpBufferedAmount: Int
    /// The latest ICE round-trip time on the selected pair (W3C `currentRoundTripTime`), from
    /// connectivity and consent checks answered on their first transmission.
    public var roundTripTime: Duration?
}
