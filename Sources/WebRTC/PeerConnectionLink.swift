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
    /// `PeerConnection.setDataChannelHandler`: called on the loop for each channel the remote opens.
    /// In a struct: see `HandlerBox`.
    let dataChannelHandler = Mutex(HandlerBox<DataChannel>())
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

    /// Queues the message for the event loop. Sends are coalesced: the first of a burst schedules
    /// one task on the loop, which hands the whole burst to the core and flushes once, so the
    /// datagrams leave in one `sendmmsg`. Always through the loop's queue, even when called on the
    /// loop: a send from inside an event handler must not run the core re-entrantly, or the core's
    /// events would re-enter that handler's caller (the engine sends while holding its lock; a
    /// real path-cut test crashed on exactly that).
    func send(_ message: DataChannelMessage, on handle: DataChannelHandle, size: Int) {
        let send = PendingSend(message: message, handle: handle, size: size)
        let schedule: Bool = outbox.withLock { box in
            box.pending.append(send)
            guard !box.scheduled else { return false }
            box.scheduled = true
            return true
        }
        if schedule { eventLoop.execute { self.drainOutbox() } }
    }

    /// On the loop: everything queued, in order, with one flush.
    private func drainOutbox() {
        let batch: [PendingSend] = outbox.withLock { box in
            box.scheduled = false
            defer { box.pending = [] }
            return box.pending
        }
        guard !batch.isEmpty else { return }
        driver.value.send(batch)
    }

    func closeChannel(_ handle: DataChannelHandle) {
        let driver = self.driver
        eventLoop.execute { driver.value.closeChannel(handle) }
    }
}
