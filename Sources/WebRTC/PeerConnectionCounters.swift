/// Things a ``PeerConnectionCore`` dropped or refused, for logs and stats.
public struct PeerConnectionCounters: Hashable, Sendable {
    /// DTLS datagrams that arrived before the DTLS endpoint existed and overflowed the hold queue.
    public var earlyDTLSDropped = 0
    /// Handshakes we answered as the DTLS server before the answer arrived: the peer's ClientHello
    /// beat its answer (RFC 8842 §5.2), and the handshake went on up to its certificate.
    public var earlyServerHandshakes = 0
    /// Datagrams that were neither STUN nor DTLS (RFC 7983 ranges).
    public var unknownDatagrams = 0
    /// DTLS records the selected pair could not carry (not connected yet); DTLS retransmits.
    public var dtlsSendsFailed = 0
    /// SCTP packets DTLS refused.
    public var sctpSendsFailed = 0
    /// Messages on a stream without an open channel, or with an unknown PPID.
    public var strayMessages = 0
    /// DCEP messages that did not parse, or an OPEN for a stream already in use.
    public var badDCEPMessages = 0
    /// Text messages that were not UTF-8.
    public var invalidTextMessages = 0
    /// Remote candidates that did not parse or were refused.
    public var rejectedCandidates = 0

    /// SCTP packets handed to DTLS.
    public var sctpPacketsSent = 0
    /// Of those, packets whose only chunks are SACKs (RFC 9260 §3.3.4).
    public var sackOnlyPacketsSent = 0
    /// DTLS outputs handed on to ICE: one application record each (a handshake datagram of several
    /// records counts once).
    public var dtlsRecordsSent = 0
    /// UDP datagrams those outputs left in (fewer with ``PeerConnectionConfiguration/coalescesRecords``).
    public var dtlsDatagramsSent = 0

    /// Zero counters.
    public init() {}
}
