import NIOCore

/// Runs a task's jobs on one NIO event loop: a connection's task preferring its channel's loop
/// reads, relays and writes on that thread, instead of waking a thread of the global pool for
/// every frame the loop hands it and the loop again for every batch it writes.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
