import CUsrsctp
import Synchronization

/// The one usrsctp stack of the process: lazy initialisation, the token registry, the global timer
/// clock and the deferred foreign-output hooks.
///
/// usrsctp is a single global stack (one set of sockets, one timer wheel). Associations are named by
/// integer tokens that are never reused; usrsctp only ever sees the token (as its AF_CONN address and
/// socket `ulp_info`), and callbacks look it up here, so a late callback after `close` finds nothing.
enum SCTPStack {
    private static let registry = Mutex<[UInt: SCTPMailbox]>([:])
    private static let nextToken = Atomic<UInt>(1)
    private static let pendingHooks = Mutex<[@Sendable () -> Void]>([])

    /// usrsctp's clock: milliseconds of the process's monotonic clock already handed to
    /// `usrsctp_handle_timers`, counted from `origin`.
    private static let clock = Mutex<Int64>(0)
    private static let origin = ContinuousClock.now

    /// Initialises usrsctp once (thread-safe: `static let` runs once, and the shim locks too).
    static let initialized: Void = {
        cusrsctp_initialize(
            { token, data, length in
                guard let data else { return }
                SCTPStack.output(token: token, packet: UnsafeRawBufferPointer(start: data, count: length))
            },
            { token, data, length, stream, ppid, _, endOfRecord in
                let bytes = data.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: length)) } ?? []
                SCTPStack.mailbox(token)?.appendInbound(
                    .data(stream: stream, ppid: ppid, bytes: bytes, endOfRecord: endOfRecord != 0)
                )
            },
            { token, kind, flag, outbound, inbound, streams, count in
                SCTPStack.notification(token, kind, flag, outbound, inbound, streams, count)
            },
            { token, free in
                SCTPStack.mailbox(token)?.state.withLock { $0.sendBufferFree = free }
            }
        )
    }()

    /// A fresh token and its registered mailbox.
    static func register() -> (token: UInt, mailbox: SCTPMailbox) {
        _ = initialized
        let token = nextToken.wrappingAdd(1, ordering: .relaxed).oldValue
        let mailbox = SCTPMailbox()
        registry.withLock { $0[token] = mailbox }
        return (token, mailbox)
    }

    /// Forgets a token: later callbacks for it are dropped.
    static func unregister(_ token: UInt) {
        _ = registry.withLock { $0.removeValue(forKey: token) }
    }

    /// The number of registered associations (for leak tests).
    static var registeredCount: Int { registry.withLock { $0.count } }

    static func mailbox(_ token: UInt) -> SCTPMailbox? {
        registry.withLock { $0[token] }
    }

    /// Advances usrsctp's one timer wheel to the process's monotonic clock and runs the timers that
    /// fell due. The timers are global: this may emit packets for any association, on this thread.
    ///
    /// Why the real clock and not the callers' `now`: usrsctp reads the real clock (gettimeofday)
    /// itself for RTT measurement, for which chunks a T3-rtx expiry may retransmit (only those
    /// outstanding for an RTO of real time), for heartbeats and cookie lifetime. A wheel driven by a
    /// virtual clock that runs ahead of real time fires T3 timers that retransmit nothing yet count
    /// errors and double the RTO, so loss recovery stalls and the association dies; and one process
    /// with several virtual clocks (parallel tests) would fire each other's timers early. On the real
    /// clock all associations agree and behave as in production.
    static func advanceTimers() {
        let elapsed = ContinuousClock.now - origin
        let target = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let due: Int64 = clock.withLock { clock in
            guard target > clock else { return 0 }
            defer { clock = target }
            return target - clock
        }
        if due > 0 {
            cusrsctp_handle_timers(UInt32(clamping: due))
        }
    }

    /// Runs the foreign-output hooks collected by callbacks, outside every lock and usrsctp call.
    static func firePendingHooks() {
        let hooks = pendingHooks.withLock { hooks -> [@Sendable () -> Void] in
            guard !hooks.isEmpty else { return [] }
            defer { hooks.removeAll() }
            return hooks
        }
        for hook in hooks {
            hook()
        }
    }

    private static func output(token: UInt, packet: UnsafeRawBufferPointer) {
        guard let mailbox = mailbox(token) else { return }
        if let hook = mailbox.appendTransmit([UInt8](packet)) {
            pendingHooks.withLock { $0.append(hook) }
        }
    }

    private static func notification(
        _ token: UInt,
        _ kind: Int32,
        _ flag: UInt32,
        _ outbound: UInt16,
        _ inbound: UInt16,
        _ streams: UnsafePointer<UInt16>?,
        _ count: Int
    ) {
        guard let mailbox = mailbox(token) else { return }
        let item: SCTPInbound
        switch UInt32(kind) {
        case CUSRSCTP_COMM_UP.rawValue, CUSRSCTP_RESTART.rawValue:
            item = .communicationUp(outbound: outbound, inbound: inbound)
        case CUSRSCTP_COMM_LOST.rawValue:
            item = .communicationLost(byPeer: flag != 0)
        case CUSRSCTP_SHUTDOWN_COMPLETE.rawValue:
            item = .shutdownComplete
        case CUSRSCTP_CANT_START.rawValue:
            item = .cannotStart
        case CUSRSCTP_STREAM_RESET.rawValue:
            let list = streams.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
            item = .streamReset(flags: flag, streams: list)
        case CUSRSCTP_SENDER_DRY.rawValue:
            item = .senderDry
        case CUSRSCTP_PARTIAL_DELIVERY_ABORTED.rawValue:
            item = .partialDeliveryAborted
        default:
            return
        }
        mailbox.appendInbound(item)
    }
}
