import Foundation

extension Process {
    /// Ends a process this test started, by its own PID: `signal`, then SIGKILL if it is still
    /// running after `grace`, then waits at most 5 s more. Never `waitUntilExit()`: when
    /// Foundation misses the exit notice, that never returns (see ``ChildProcess``).
    func stopByPID(_ signal: Int32, grace: TimeInterval) {
        guard isRunning else { return }
        let pid = processIdentifier
        kill(pid, signal)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(10_000) }
        guard isRunning else { return }
        kill(pid, SIGKILL)
        let killed = Date().addingTimeInterval(5)
        while isRunning && Date() < killed { usleep(10_000) }
    }

    /// ``stopByPID(_:grace:)`` that waits with `Task.sleep`, holding no thread of the cooperative
    /// pool (see ``onOwnThread(_:)``).
    func stopByPID(_ signal: Int32, grace: TimeInterval) async {
        guard isRunning else { return }
        let pid = processIdentifier
        kill(pid, signal)
        if await exited(within: grace) { return }
        kill(pid, SIGKILL)
        _ = await exited(within: 5)
    }

    private func exited(within seconds: TimeInterval) async -> Bool {
        let seconds = max(0, seconds)
        let deadline = Date().addingTimeInterval(seconds)
        for _ in 0..<Int(seconds / 0.01 + 2) where isRunning && Date() < deadline {
            // A cancelled task's sleep returns at once: the rest of the wait goes on a thread
            // of its own, still bounded.
            do { try await Task.sleep(for: .milliseconds(10)) } catch {
                return await onOwnThread {
                    while self.isRunning && Date() < deadline { usleep(10_000) }
                    return !self.isRunning
                }
            }
        }
        return !isRunning
    }
}
