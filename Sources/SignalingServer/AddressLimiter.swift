import Synchronization

/// Counts open connections, per client address and in all, across event loops, and refuses one
/// over either cap. Loopback clients (benchmarks, the demo) are exempt from the per-address cap
/// unless `limitLoopback` is set, and trusted proxies always are; the instance-wide cap counts
/// every connection, because it is what bounds the server's memory.
final class AddressLimiter: Sendable {
    /// Which cap refused a connection.
    enum Refusal: Equatable {
        case perAddress
        /// `first`: the first refusal since the server was last below its cap (worth a log line;
        /// the rest of a flood is only counted).
        case instance(first: Bool)
    }

    private struct Counts {
        var perAddress: [String: Int] = [:]
        var total = 0
        var refusingFull = false
    }

    private let counts = Mutex(Counts())
    private let cap: Int
    private let totalCap: Int
    private let limitLoopback: Bool

    init(cap: Int, totalCap: Int = .max, limitLoopback: Bool) {
        self.cap = cap
        self.totalCap = totalCap
        self.limitLoopback = limitLoopback
    }

    /// Takes a place for `address` (not counted against the per-address cap when `exempt`);
    /// nil when admitted, else the cap it would go over. An admitted connection must be released.
    func admit(_ address: String, exempt: Bool = false) -> Refusal? {
        let perAddress = !exempt && (limitLoopback || !Self.isLoopback(address))
        return counts.withLock { counts in
            guard counts.total < totalCap else {
                defer { counts.refusingFull = true }
                return .instance(first: !counts.refusingFull)
            }
            counts.refusingFull = false
            if perAddress {
                let held = counts.perAddress[address, default: 0]
                guard held < cap else { return .perAddress }
                counts.perAddress[address] = held + 1
            }
            counts.total += 1
            return nil
        }
    }

    /// Gives back a place `admit` took, with the same `exempt`.
    func release(_ address: String, exempt: Bool = false) {
        let perAddress = !exempt && (limitLoopback || !Self.isLoopback(address))
        counts.withLock { counts in
            counts.total = max(0, counts.total - 1)
            guard perAddress else { return }
            let held = counts.perAddress[address, default: 0]
            counts.perAddress[address] = held > 1 ? held - 1 : nil
        }
    }

    /// 127.0.0.0/8, ::1 and their IPv4-mapped form.
    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
