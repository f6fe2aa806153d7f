import ICE
import NIOCore
import Synchronization

/// What a ``DataChannel`` needs of its connection: a way onto the event loop, and the limits
/// `send` checks synchronously. Shared by the connection and all its channels.
final class PeerConnectionLink: Sendable {
    let eventLoop: any EventLoop
    let driver: NIOLoopBoundBox<PeerDriver>
    let maxQueueBytes: Int
    private let limits = Mutex(65_535)
    private let outbox = Mutex<(pending: [PendingSend], scheduled: Bool)>(([], false))
    /// The W3C state attributes, readable without a hop to the event loop.
    let states = Mutex(StateSnapshot())

    struct StateSnapshot {
        var connection: PeerConnectionState = .new
        var ice: ICEConnectionState = .new
        var signaling: PeerSignalingState = .stable
        var gathering: ICEGatheringState = .new
    }

    init(eventLoop: any EventLoop, driver: NIOLoopBoundBox<PeerDriver>, maxQueueBytes: Int) {
        self.eventLoop = eventLoop
        self.driver = driver
        self.maxQueueBytes = maxQueueBytes
    }

    /// The remote's `a=max-message-size` (65,535 until a remote description says otherwise).
    var maxMessageSize: Int {
        get { limits.withLock { $0 } }
        set { limits.withLock { $0 = newValue } }
    }

    /// Queues the message for the event loop. Sends from other threads are coalesced: the first
    /// of a burst schedules one hop, and that hop hands the whole burst to the core and flushes
    /// once, so the datagrams leave in one `sendmmsg` instead of one hop and one syscall each.
    func send(_ message: DataChannelMessage, on handle: DataChannelHandle, size: Int) {
        let send = PendingSend(message: message, handle: handle, size: size)
        if eventLoop.inEventLoop {
            drainOutbox(then: send)
            return
        }
        let schedule: Bool = outbox.withLock { box in
            box.pending.append(send)
            guard !box.scheduled else { return false }
            box.scheduled = true
            return true
        }
        if schedule { eventLoop.execute { self.drainOutbox(then: nil) } }
    }

    /// On the loop: everything queued, in order, then `last`, with one flush.
    private func drainOutbox(then last: PendingSend?) {
        var batch: [PendingSend] = outbox.withLock { box in
            box.scheduled = false
            defer { box.pending = [] }
            return box.pending
        }
        if let last { batch.append(last) }
        guard !batch.isEmpty else { return }
        driver.value.send(batch)
    }

    func closeChannel(_ handle: DataChannelHandle) {
        let driver = self.driver
        eventLoop.execute { driver.value.closeChannel(handle) }
    }
}
