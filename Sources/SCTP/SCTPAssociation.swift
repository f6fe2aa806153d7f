public import RTCBase
import CUsrsctp
import Synchronization

/// One SCTP association (RFC 9260) over DTLS for WebRTC data channels (RFC 8831, RFC 8261), running
/// on the process's usrsctp stack in AF_CONN mode, sans-IO.
///
/// The contract of every protocol core: after any input (`connect`, `handle`, `handleTimeout`,
/// `send`, `resetStreams`, `close`) drain `pollTransmit()` (hand each packet to DTLS) and
/// `pollEvent()`, then call `handleTimeout` at `pollTimeout()`.
///
/// Threading: not `Sendable`; use it from one thread at a time (its owner's). usrsctp is one global
/// stack whose timers are global: another association's `handleTimeout` may produce packets for this
/// one on another thread. They are queued; if that happens outside a call on this association,
/// `onForeignOutput` runs (on that other thread) and the owner must then drain `pollTransmit()` on
/// its own thread.
///
/// Time: usrsctp has one timer wheel per process and reads the real clock itself (RTT, T3-rtx
/// eligibility, heartbeats, cookie lifetime). So the wheel follows the process's monotonic clock:
/// every call advances it to real time and runs whatever fell due, for every association. `now` only
/// drives this type's own deadlines (the bound on a graceful close) and `pollTimeout`. Consequences:
/// with a real clock (production) everything is consistent; under a virtual clock, connection
/// setup, transfer on a clean link, stream reset and close run at full speed, but anything that
/// waits on an SCTP timer (delayed SACK, retransmission after loss, heartbeat) takes real time, so
/// such tests must keep polling (bounded by count) rather than jump the virtual clock. Runs are not
/// bit-for-bit deterministic: one global usrsctp cannot be.
public final class SCTPAssociation {
    /// The settings this association was created with.
    public let configuration: SCTPConfiguration
    /// The largest message `send` accepts: the peer's `a=max-message-size` (RFC 8841 §6); 65,535 when
    /// the peer does not say (RFC 8841 §6.1 default is 64 KiB). 0 in the SDP means "any": set `Int.max`.
    public var remoteMaxMessageSize: Int = 65_535
    /// `bufferedAmountLow` is reported when `bufferedAmount` falls to this or below after being above.
    public var bufferedAmountLowThreshold: Int = 0
    /// Where the association is in its life cycle.
    public internal(set) var state: SCTPState = .new
    /// Negotiated outbound streams (0 until connected).
    public internal(set) var outboundStreams: UInt16 = 0
    /// Negotiated inbound streams (0 until connected).
    public internal(set) var inboundStreams: UInt16 = 0

    let token: UInt
    let mailbox: SCTPMailbox
    var socket: OpaquePointer?
    var heldPackets: [[UInt8]] = []
    var events: [SCTPEvent] = []
    var eventHead = 0
    var reassembly: SCTPReassembly
    var lastNow: RTCInstant?
    /// When `pollTimeout` next asks for `handleTimeout`. It moves only when the tick runs, not on
    /// every input: a deadline that slid with each packet made the driver cancel and re-schedule
    /// its event-loop timer for every datagram.
    var nextTick: RTCInstant?
    /// The last packet in or out, send or reset: usrsctp may have started a timer then.
    var lastActivity: RTCInstant?
    var closeDeadline: RTCInstant?
    var closeRequested = false
    var queuedBytes = 0
    var aboveLowThreshold = false

    /// Creates the usrsctp socket (bound to a fresh AF_CONN address) with `configuration` applied.
    /// Nothing is sent until `connect`.
    public init(configuration: SCTPConfiguration = .init()) throws(SCTPError) {
        self.configuration = configuration
        self.reassembly = SCTPReassembly(limit: configuration.maxReceiveMessageSize)
        (token, mailbox) = SCTPStack.register()
        var options = cusrsctp_options(
            local_port: configuration.localPort,
            streams: max(1, configuration.streams),
            send_buffer: UInt32(clamping: configuration.sendBufferSize),
            receive_buffer: UInt32(clamping: configuration.receiveBufferSize),
            // usrsctp's AF_CONN path MTU excludes the 12-byte SCTP common header (measured: 1200
            // yields 1212-byte packets), so subtract it to keep whole packets within `pathMTU`.
            path_mtu: UInt32(clamping: max(configuration.pathMTU - 12, 508)),
            heartbeat_ms: configuration.heartbeatInterval.sctpMilliseconds,
            rto_initial_ms: configuration.rtoInitial.sctpMilliseconds,
            rto_min_ms: configuration.rtoMin.sctpMilliseconds,
            rto_max_ms: configuration.rtoMax.sctpMilliseconds,
            sack_delay_ms: configuration.delayedAckTime.sctpMilliseconds,
            sack_frequency: configuration.usrsctpSACKFrequency
        )
        var error: Int32 = 0
        var step: UnsafePointer<CChar>?
        guard let socket = cusrsctp_open(token, &options, &error, &step) else {
            SCTPStack.unregister(token)
            let name = step.map { String(cString: $0) } ?? "usrsctp"
            throw .initFailed("\(name) failed (errno \(error))")
        }
        self.socket = socket
    }

    deinit {
        if let socket {
            cusrsctp_close(socket, 1)
            cusrsctp_deregister(token)
        }
        SCTPStack.unregister(token)
    }

    /// Runs on the foreign thread when packets for this association were produced outside a call on
    /// it (global usrsctp timers driven by another association). Only schedule work from it: hop to
    /// the owner's thread and drain `pollTransmit()` there. It runs at most once until the queue has
    /// been drained empty again.
    public var onForeignOutput: (@Sendable () -> Void)? {
        get { mailbox.state.withLock { $0.onForeignOutput } }
        set { mailbox.state.withLock { $0.onForeignOutput = newValue } }
    }

    /// Bytes accepted by `send` and not yet acknowledged by the peer (usrsctp's send queue), for the
    /// W3C `bufferedAmount`. Updated when SACKs arrive.
    public var bufferedAmount: Int { queuedBytes }

    /// Associations in this process whose usrsctp socket is still open (all owners together), for
    /// leak checks.
    public static var openAssociationCount: Int { SCTPStack.registeredCount }

    /// Messages dropped because they exceeded `maxReceiveMessageSize`.
    public var droppedOversizeMessages: Int { reassembly.droppedOversize }

    /// Starts the association (sends INIT, RFC 9260 §5.1). Both WebRTC peers call it: SCTP resolves
    /// the simultaneous open (RFC 8831 §6, RFC 9260 §5.2.1). Packets that arrived earlier are replayed.
    public func connect(now: RTCInstant) {
        guard state == .new, let socket else { return }
        lastNow = now
        lastActivity = now
        perform(now) {
            let error = cusrsctp_connect(socket, token, configuration.remotePort)
            if error != 0 {
                fail(.socketError(errno: error, "usrsctp_connect"))
                return
            }
            state = .connecting
            let held = heldPackets
            heldPackets = []
            for packet in held {
                input(packet)
            }
        }
    }

    /// Feeds one SCTP packet (the payload of one DTLS record). Before `connect` it is held (up to
    /// `maxHeldPackets`), because usrsctp answers an INIT that precedes its own connect with ABORT.
    /// Malformed packets are dropped by usrsctp (checksum and chunk validation).
    public func handle(packet: [UInt8], now: RTCInstant) {
        guard socket != nil, !packet.isEmpty else { return }
        guard state != .new else {
            if heldPackets.count < configuration.maxHeldPackets {
                heldPackets.append(packet)
            }
            return
        }
        lastActivity = now
        perform(now) {
            input(packet)
        }
    }

    /// Advances timers: usrsctp's global wheel and the bound on a graceful close.
    public func handleTimeout(now: RTCInstant) {
        guard socket != nil, state != .new else { return }
        // The next deadline is chosen afresh, fast or idle, by the next `pollTimeout`.
        if let nextTick, now >= nextTick { self.nextTick = nil }
        perform(now) {
            if let closeDeadline, now >= closeDeadline {
                finish(.closed, abort: true)
            }
        }
    }

    /// Queues one whole message on `stream` (RFC 9260 §6; PR-SCTP per RFC 3758 for
    /// `.maxRetransmits` / `.maxPacketLifeTime`; unordered delivery with `ordered: false`).
    ///
    /// - Throws: `.notConnected` / `.closed`; `.emptyMessage` for 0 bytes; `.messageTooLarge` above
    ///   `remoteMaxMessageSize` or the send buffer; `.invalidStream` beyond the negotiated streams;
    ///   `.sendBufferFull` when usrsctp's send buffer cannot take it now (nothing was queued: the
    ///   caller keeps the message and retries after `.bufferedAmountLow`).
    public func send(
        _ data: [UInt8],
        stream: UInt16,
        ppid: UInt32,
        ordered: Bool,
        reliability: SCTPReliability,
        now: RTCInstant
    ) throws(SCTPError) {
        guard let socket, state == .connected, !closeRequested else {
            throw state == .closed || state == .failed || closeRequested ? .closed : .notConnected
        }
        guard !data.isEmpty else { throw .emptyMessage }
        let limit = min(remoteMaxMessageSize, configuration.sendBufferSize)
        guard data.count <= limit else { throw .messageTooLarge(size: data.count, limit: limit) }
        guard stream < outboundStreams else { throw .invalidStream(stream) }
        // usrsctp refuses a message larger than its free space, and its free space only grows when
        // it reports it (after a SACK, or SENDER_DRY at zero): while our count says it cannot fit,
        // skip the call. A channel queue retried on every packet spent 4 % of the bulk path here.
        guard queuedBytes == 0 || queuedBytes + data.count <= configuration.sendBufferSize else { throw .sendBufferFull }
        let (policy, value): (Int32, UInt32) =
            switch reliability {
            case .reliable: (0, 0)
            case .maxPacketLifeTime(let milliseconds): (1, UInt32(milliseconds))
            case .maxRetransmits(let count): (2, UInt32(count))
            }
        var error: Int32 = 0
        lastActivity = now
        perform(now) {
            error = data.withUnsafeBytes { bytes in
                cusrsctp_send(socket, bytes.baseAddress, bytes.count, stream, ppid, ordered ? 0 : 1, policy, value)
            }
            if error == 0 {
                queuedBytes += data.count
                if queuedBytes > bufferedAmountLowThreshold {
                    aboveLowThreshold = true
                }
            }
        }
        guard error == 0 else {
            if cusrsctp_is_would_block(error) != 0 { throw .sendBufferFull }
            if cusrsctp_is_message_size(error) != 0 {
                throw .messageTooLarge(size: data.count, limit: configuration.sendBufferSize)
            }
            throw .socketError(errno: error, "usrsctp_sendv")
        }
    }

    /// Resets our outgoing side of `streams` (RFC 6525 §5.1.2, outgoing SSN reset request), as a data
    /// channel close requires (RFC 8831 §6.7). Queued data on them is sent first; requests made while
    /// another is outstanding are queued by usrsctp. Completion arrives as `.outgoingStreamsReset`.
    public func resetStreams(_ streams: [UInt16], now: RTCInstant) throws(SCTPError) {
        guard let socket, state == .connected else {
            throw state == .closed || state == .failed ? .closed : .notConnected
        }
        guard !streams.isEmpty else { return }
        if let bad = streams.first(where: { $0 >= outboundStreams }) { throw .invalidStream(bad) }
        var error: Int32 = 0
        lastActivity = now
        perform(now) {
            error = streams.withUnsafeBufferPointer { cusrsctp_reset_streams(socket, $0.baseAddress, $0.count) }
        }
        guard error == 0 else { throw .socketError(errno: error, "SCTP_RESET_STREAMS") }
    }

    /// Closes the association: a graceful SHUTDOWN once queued data is acknowledged (RFC 9260 §9.2),
    /// or an ABORT if that takes longer than `shutdownTimeout`, or right away when not yet connected.
    /// `.closed` follows. Idempotent.
    public func close(now: RTCInstant) {
        guard let socket, !closeRequested else { return }
        closeRequested = true
        switch state {
        case .new:
            finish(.closed, abort: true)
        case .connecting:
            perform(now) { finish(.closed, abort: true) }
        case .connected:
            perform(now) {
                if cusrsctp_shutdown(socket) == 0 {
                    closeDeadline = now + configuration.shutdownTimeout
                } else {
                    finish(.closed, abort: true)
                }
            }
        case .closed, .failed:
            break
        }
    }

    /// The next SCTP packet to hand to DTLS, oldest first.
    public func pollTransmit() -> [UInt8]? {
        guard let packet = mailbox.popTransmit() else { return nil }
        lastActivity = lastNow
        return packet
    }

    /// The next event, oldest first.
    public func pollEvent() -> SCTPEvent? {
        guard eventHead < events.count else { return nil }
        let event = events[eventHead]
        eventHead += 1
        if eventHead == events.count {
            events.removeAll(keepingCapacity: true)
            eventHead = 0
        }
        return event
    }

    /// When to call `handleTimeout`: every `timerInterval` while a handshake, a close, unacknowledged
    /// data or recent traffic may have a usrsctp timer running (usrsctp does not expose its next
    /// deadline), every `idleTimerInterval` once idle; nil before `connect` and once closed or
    /// failed, so ended associations cost nothing.
    public func pollTimeout() -> RTCInstant? {
        guard socket != nil, state != .new, let lastNow else { return nil }
        let soonest = lastNow + (isIdle ? configuration.idleTimerInterval : configuration.timerInterval)
        // Pulled in only when an idle association gets busy, never pushed out by traffic: a
        // deadline that slid with each packet made the driver re-arm its timer per datagram.
        if let nextTick, nextTick <= soonest { return nextTick }
        nextTick = soonest
        return soonest
    }

    /// Connected with nothing unacknowledged, no close under way and no traffic for
    /// `idleTimerInterval`.
    var isIdle: Bool {
        guard state == .connected, !closeRequested, queuedBytes == 0, let lastNow else { return false }
        guard let lastActivity else { return true }
        return lastNow >= lastActivity + configuration.idleTimerInterval
    }
}

extension Duration {
    /// Whole milliseconds, clamped to UInt32, for usrsctp options.
    var sctpMilliseconds: UInt32 {
        let (seconds, attoseconds) = components
        return UInt32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
