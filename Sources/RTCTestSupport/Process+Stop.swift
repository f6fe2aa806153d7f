import Foundation

extension Process {
    /// Ends a process this test started, by its own PID: `signal`, then SIGKILL if it is still
    /// running after `grace`; waits for it to exit.
    func stopByPID(_ signal: Int32, grace: TimeInterval) {
        guard isRunning else { return }
        let pid = processIdentifier
        kill(pid, signal)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(10_000) }
        if isRunning { kill(pid, SIGKILL) }
        waitUntilExit()
    }
}
