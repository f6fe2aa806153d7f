package import NIOCore

/// Runs a task's jobs on one NIO event loop: a task that prefers it (`withTaskExecutorPreference`,
/// `Task(executorPreference:)`) runs on the loop's thread, so what it awaits from the loop resumes
/// it there instead of waking a thread of the global pool, and the loop is not woken for every
/// call it makes (work queued from the loop's own thread needs no wake-up). A server connection's
/// task reads, relays and writes on its channel's loop this way; a peer connection's caller makes
/// its API calls without a thread hop.
package final class EventLoopTaskExecutor: TaskExecutor {
    package let loop: any EventLoop

    package init(_ loop: any EventLoop) {
        self.loop = loop
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
