import Foundation
import RTCBase
import SignalingClient
import SignalingProtocol
import Synchronization

/// Drives relayed offers from every guest to its host and measures what arrives.
///
/// Each offer's `sdp` carries the phase and the send time in nanoseconds since a shared origin, so
/// the receiving side (same process, same clock) computes the one-way relay latency. One consumer
/// per host runs for the whole benchmark: cancelling a task that iterates an `AsyncStream` ends
/// the stream, so phases share the consumers and reset the tally instead.
final class RelayLoad: Sendable {
    let layout: RoomLayout
    let window: Int
    let tally = Tally()
    private let consumers: Mutex<[Task<Void, Never>]> = Mutex([])

    init(layout: RoomLayout, window: Int) {
        self.layout = layout
        self.window = window
        let tally = self.tally
        consumers.withLock { tasks in
            tasks = layout.hosts.map { host in
                Task {
                    for await event in host.session.events {
                        if case .message(.offer(let from, let sdp)) = event { tally.record(from: from, sdp: sdp) }
                    }
                }
            }
        }
    }

    /// What the hosts have received, shared by their consumer tasks and the senders.
    final class Tally: Sendable {
        struct State {
            var receivedFrom: [UUID: Int] = [:]
            var sent = 0
            var received = 0
            var total = 0
            var latencies: [Double] = []
        }

        let origin = ContinuousClock.now
        let state = Mutex(State())

        func record(from: UUID, sdp: String) {
            let now = ContinuousClock.now
            let sentNanos = sdp.split(separator: " ").last.flatMap { Int64($0) }
            state.withLock { state in
                state.receivedFrom[from, default: 0] += 1
                state.received += 1
                state.total += 1
                if sdp.hasPrefix("l "), let sentNanos {
                    let elapsed = (now - origin).rtcNanoseconds - sentNanos
                    state.latencies.append(Double(elapsed) / 1e9)
                }
            }
        }

        func nanosSinceOrigin() -> Int64 { (ContinuousClock.now - origin).rtcNanoseconds }

        func countSent() {
            state.withLock { $0.sent += 1 }
        }

        /// Waits (at most `limit`) until everything sent has arrived, then restarts the totals.
        func drainAndReset(limit: Duration) async throws {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline, state.withLock({ $0.received < $0.sent }) {
                try await Task.sleep(for: .milliseconds(5))
            }
            state.withLock { state in
                state.latencies = []
                state.total = 0
            }
        }
    }

    /// Every guest keeps `window` offers in flight for `seconds`; returns relayed messages per second.
    func runThroughput(seconds: Double) async throws -> Double {
        let tally = self.tally
        let window = self.window
        try await tally.drainAndReset(limit: .seconds(10))
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for guest in layout.guests {
                group.addTask {
                    var sent = 0
                    while ContinuousClock.now < deadline {
                        let received = tally.state.withLock { $0.receivedFrom[guest.id, default: 0] }
                        if sent - received < window {
                            try await guest.session.sendOffer(to: guest.host, sdp: "t \(tally.nanosSinceOrigin())")
                            tally.countSent()
                            sent += 1
                        } else {
                            // The window is full: wait a little for the host to catch up.
                            try await Task.sleep(for: .microseconds(200))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = (ContinuousClock.now - start).rtcSeconds
        return Double(tally.state.withLock { $0.total }) / elapsed
    }

    /// Sends `rate` offers a second in total, evenly paced, for `seconds`; returns the latencies.
    func runAtRate(_ rate: Double, seconds: Double) async throws -> (achieved: Double, latencies: [Double]) {
        let tally = self.tally
        try await tally.drainAndReset(limit: .seconds(10))
        let senders = layout.guests.count
        let interval = Duration.nanoseconds(Int64(Double(senders) / rate * 1e9))
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, guest) in layout.guests.enumerated() {
                group.addTask {
                    // Stagger the senders across one interval so the load is smooth.
                    var next = start + interval * (Double(index) / Double(senders))
                    while next < end {
                        try await Task.sleep(until: next, clock: .continuous)
                        try await guest.session.sendOffer(to: guest.host, sdp: "l \(tally.nanosSinceOrigin())")
                        tally.countSent()
                        next += interval
                    }
                }
            }
            try await group.waitForAll()
        }
        // Count the tail too (bounded): a message still queued is late, not lost.
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, tally.state.withLock({ $0.received < $0.sent }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let state = tally.state.withLock { $0 }
        return (Double(state.total) / seconds, state.latencies)
    }
}
