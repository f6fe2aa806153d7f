/// Settings of one SCTP association; the defaults are what WebRTC peers expect (RFC 8831, RFC 8841).
///
/// The ports come from the SDP's `a=sctp-port` (5000 unless told otherwise). Stream counts are
/// negotiated down to the smaller of ours and the peer's (RFC 9260 §5.1.1); 1024 outbound and inbound
/// streams leave room for any realistic number of data channels while keeping usrsctp's per-stream
/// tables small (browsers offer 65535; the negotiated count is then 1024).
public struct SCTPConfiguration: Sendable {
    /// Our SCTP port (`a=sctp-port` of our description).
    public var localPort: UInt16
    /// The peer's SCTP port (`a=sctp-port` of its description).
    public var remotePort: UInt16
    /// usrsctp's send buffer (SO_SNDBUF) in bytes: how much `send` accepts before `.sendBufferFull`.
    public var sendBufferSize: Int
    /// usrsctp's receive buffer (SO_RCVBUF) in bytes; sets the advertised receive window.
    public var receiveBufferSize: Int
    /// The largest message delivered; bigger ones are dropped and counted
    /// (`SCTPAssociation.droppedOversizeMessages`). Advertise it as our `a=max-message-size`.
    public var maxReceiveMessageSize: Int
    /// Outbound streams we ask for and inbound streams we accept (SCTP_INITMSG OS/MIS), 1...65535.
    public var streams: UInt16
    /// The largest SCTP packet, common header included: a fixed path MTU (PMTU discovery off) so that
    /// every packet fits one DTLS record (RFC 8261 §5).
    public var pathMTU: Int
    /// Heartbeat interval on an idle path (RFC 9260 §8.3).
    public var heartbeatInterval: Duration
    /// Initial retransmission timeout (RFC 9260 §6.3.1, RTO.Initial).
    public var rtoInitial: Duration
    /// Lower bound of the retransmission timeout (RTO.Min).
    public var rtoMin: Duration
    /// Upper bound of the retransmission timeout (RTO.Max).
    public var rtoMax: Duration
    /// Delayed SACK time (RFC 9260 §6.2).
    public var delayedAckTime: Duration
    /// A SACK leaves at the latest after this many received packets with DATA (usrsctp's
    /// `sack_freq`), and always at once on a gap or a duplicate. RFC 9260 §6.2 says SHOULD 2, which
    /// suits bulk transfer (each SACK grows the congestion window). A link that sends data itself
    /// at least every `delayedAckTime` may raise it: a pending SACK rides on its next DATA packet
    /// instead of leaving alone. A value below 1 means 2 (RFC 9260's); this is the one place the
    /// value is checked (``usrsctpSACKFrequency``), the C shim passes it on as it is.
    public var sackFrequency: Int
    /// How often `pollTimeout` asks to be woken while timers may be pending (usrsctp's global timer
    /// wheel has no "next deadline" query, so an open association ticks at this interval).
    public var timerInterval: Duration
    /// How often an idle association ticks: connected, nothing unacknowledged, no close under way,
    /// and no packet in or out for this long. The usrsctp timers then pending are heartbeats or
    /// backed-off retransmissions, which this much lateness does not harm, and an idle connection
    /// stops waking its event loop a hundred times a second.
    public var idleTimerInterval: Duration
    /// How long a graceful SHUTDOWN may take before `close` aborts the association.
    public var shutdownTimeout: Duration
    /// How many packets handed to `handle` before `connect` are held for replay; more are dropped.
    public var maxHeldPackets: Int

    /// Creates a configuration; every parameter has the WebRTC default.
    public init(
        localPort: UInt16 = 5000,
        remotePort: UInt16 = 5000,
        sendBufferSize: Int = 1 << 20,
        receiveBufferSize: Int = 1 << 20,
        maxReceiveMessageSize: Int = 262_144,
        streams: UInt16 = 1024,
        pathMTU: Int = 1200,
        heartbeatInterval: Duration = .seconds(10),
        rtoInitial: Duration = .seconds(1),
        rtoMin: Duration = .milliseconds(200),
        rtoMax: Duration = .seconds(10),
        delayedAckTime: Duration = .milliseconds(20),
        sackFrequency: Int = 2,
        timerInterval: Duration = .milliseconds(10),
        idleTimerInterval: Duration = .seconds(1),
        shutdownTimeout: Duration = .seconds(3),
        maxHeldPackets: Int = 64
    ) {
        self.localPort = localPort
        self.remotePort = remotePort
        self.sendBufferSize = sendBufferSize
        self.receiveBufferSize = receiveBufferSize
        self.maxReceiveMessageSize = maxReceiveMessageSize
        self.streams = streams
        self.pathMTU = pathMTU
        self.heartbeatInterval = heartbeatInterval
        self.rtoInitial = rtoInitial
        self.rtoMin = rtoMin
        self.rtoMax = rtoMax
        self.delayedAckTime = delayedAckTime
        self.sackFrequency = sackFrequency
        self.timerInterval = timerInterval
        self.idleTimerInterval = idleTimerInterval
        self.shutdownTimeout = shutdownTimeout
        self.maxHeldPackets = maxHeldPackets
    }
}

extension SCTPConfiguration {
    /// ``sackFrequency`` as usrsctp's `sack_freq` takes it: 1 or more (usrsctp reads 0 as "leave
    /// as it is"), so below 1 means RFC 9260 §6.2's 2, and above `UInt32.max` is `UInt32.max`.
    var usrsctpSACKFrequency: UInt32 {
        sackFrequency >= 1 ? UInt32(clamping: sackFrequency) : 2
    }
}
