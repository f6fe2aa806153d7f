import Dispatch

/// The ``SignalingHub``'s serial executor, a dispatch queue of its own: connection tasks prefer
/// their event loop (``EventLoopTaskExecutor``), and a default actor would run there too when
/// they call it, so the hub's work (big rooms, logging) would stall that loop's other sockets.
/// With this one they hop off the loop for hub work, while the relay fast path stays on it.
final class HubExecutor: SerialExecutor {
    private let queue = DispatchQueue(label: "collab.signaling.hub")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
