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

    func send(_ message: DataChannelMessage, on handle: DataChannelHandle, size: Int) {
        let driver = self.driver
        if eventLoop.inEventLoop {
            driver.value.send(message, on: handle, size: size)
        } else {
            eventLoop.execute { driver.value.send(message, on: handle, size: size) }
        }
    }

    func closeChannel(_ handle: DataChannelHandle) {
        let driver = self.driver
        eventLoop.execute { driver.value.closeChannel(handle) }
    }
}
