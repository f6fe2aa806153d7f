import Synchronization

/// Counts open connections per client address across event loops and refuses one over the cap.
/// Loopback clients (benchmarks, the demo) are exempt unless `limitLoopback` is set.
final class AddressLimiter: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    private let cap: Int
    private let limitLoopback: Bool

    init(cap: Int, limitLoopback: Bool) {
        self.cap = cap
        self.limitLoopback = limitLoopback
    }

    /// Takes a place for `address`; false when it already holds `cap` connections.
    func admit(_ address: String) -> Bool {
        if !limitLoopback, Self.isLoopback(address) { return true }
        return counts.withLock { counts in
            let held = counts[address, default: 0]
            guard held < cap else { return false }
            counts[address] = held + 1
            return true
        }
    }

    /// Gives back a place `admit` took.
    func release(_ address: String) {
        if !limitLoopback, Self.isLoopback(address) { return }
        counts.withLock { counts in
            let held = counts[address, default: 0]
            counts[address] = held > 1 ? held - 1 : nil
        }
    }

    /// 127.0.0.0/8, ::1 and their IPv4-mapped form.
    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
