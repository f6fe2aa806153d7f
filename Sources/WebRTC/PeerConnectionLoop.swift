package import NIOCore
import NIOPosix
import RTCBase
import RTCDriver

/// The thread a connection runs on: its sockets, its timers, its core and every event handler.
///
/// Connections made on one loop share its thread, so a message sent to each of them wakes one
/// thread, not several. ``next()`` takes the shared group's loops in turn.
public struct PeerConnectionLoop: Sendable {
    package let eventLoop: any EventLoop
    private let executor: EventLoopTaskExecutor

    package init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
        executor = EventLoopTaskExecutor(eventLoop)
    }

    /// Runs a task's jobs on this loop's thread. A task that prefers it
    /// (`Task(executorPreference: loop.taskExecutor)` or `withTaskExecutorPreference`) makes the
    /// async calls of the connections on this loop without a thread wake-up: each call still
    /// queues behind the work already queued for the loop (calls keep their order), but the loop
    /// runs it and resumes the task on the same thread, where any other task waits for the loop
    /// and then for its own thread to wake. It reads their events without a wake-up either. The
    /// loop's thread is then also the task's: keep long work off such a task.
    public var taskExecutor: any TaskExecutor { executor }

    /// A loop of the process-wide group (one thread per core), taken in turn.
    public static func next() -> PeerConnectionLoop {
        PeerConnectionLoop(MultiThreadedEventLoopGroup.singleton.next())
    }

    /// Runs `task` on the loop, after what is already queued there.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        eventLoop.execute(task)
    }

    /// Runs `task` on the loop once, after `delay`. A timer on the loop that is awake anyway for
    /// the connections' sockets costs no thread wake-up of its own, unlike a sleeping task.
    @discardableResult
    public func execute(after delay: Duration, _ task: @escaping @Sendable () -> Void) -> LoopTimer {
        let scheduled = eventLoop.scheduleTask(in: .nanoseconds(max(0, delay.rtcNanoseconds)), task)
        return LoopTimer { scheduled.cancel() }
    }

    /// Runs `task` on the loop every `period` (measured from the end of one run to the start of
    /// the next) until the returned timer is cancelled.
    public func repeating(every period: Duration, _ task: @escaping @Sendable () -> Void) -> LoopTimer {
        let amount = TimeAmount.nanoseconds(max(0, period.rtcNanoseconds))
        let repeated = eventLoop.scheduleRepeatedTask(initialDelay: amount, delay: amount) { _ in task() }
        return LoopTimer { repeated.cancel() }
    }

    /// Whether the caller is on this loop's thread.
    public var inLoop: Bool { eventLoop.inEventLoop }
}

