package import NIOCore
import NIOPosix

/// The thread a connection runs on: its sockets, its timers, its core and every event handler.
///
/// Connections made on one loop share its thread, so a message sent to each of them wakes one
/// thread, not several. ``next()`` takes the shared group's loops in turn.
public struct PeerConnectionLoop: Sendable {
    package let eventLoop: any EventLoop

    package init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// A loop of the process-wide group (one thread per core), taken in turn.
    public static func next() -> PeerConnectionLoop {
        PeerConnectionLoop(MultiThreadedEventLoopGroup.singleton.next())
    }

    /// Runs `task` on the loop, after what is already queued there.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        eventLoop.execute(task)
    }

    /// Whether the caller is on this loop's thread.
    public var inLoop: Bool { eventLoop.inEventLoop }
}
