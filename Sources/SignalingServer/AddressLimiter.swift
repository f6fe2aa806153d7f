import Synchronization

/// Counts open connections, per client address and in all, across event loops, and refuses one
/// over either cap. Loopback clients (benchmarks, the demo) are exempt from the per-address cap
/// unless `limitLoopback` is set, and trusted proxies always are; the instance-wide cap counts
/// every connection, because it is what bounds the server's memory.
final class AddressLimiter: Sendable {
    /// Which cap refused a connection. `first`: the first refusal of an episode (worth a log line;
    /// the rest of a flood is only counted).
    enum Refusal: Error, Equatable {
        /// Its address holds the per-address cap; an episode lasts until that address is below it.
        case perAddress(first: Bool)
        /// The server holds its cap; an episode lasts until the server is below it.
        case instance(first: Bool)
    }

    /// A connection's place, taken by ``admit(_:exempt:)`` and given back with ``release(_:)``.
    struct Place: Sendable {
        fileprivate let address: String
        /// Whether it counts against its address's cap (decided once, at admission).
        fileprivate let perAddress: Bool
    }

    /// The connections one address holds against the per-address cap.
    private struct Held {
        var count = 0
        /// A refusal of this address was reported since it was last below the cap.
        var refusing = false
    }

    private struct Counts {
        var perAddress: [String: Held] = [:]
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

    /// Takes a place for `address` (not counted against the per-address cap when `exempt`), or
    /// says which cap it would go over. An admitted connection's place must be released.
    func admit(_ address: String, exempt: Bool = false) -> Result<Place, Refusal> {
        let place = Place(address: address, perAddress: !exempt && (limitLoopback || !Self.isLoopback(address)))
        return counts.withLock { counts in
            guard counts.total < totalCap else {
                defer { counts.refusingFull = true }
                return .failure(.instance(first: !counts.refusingFull))
            }
            counts.refusingFull = false
            if place.perAddress {
                var held = counts.perAddress[address, default: Held()]
                guard held.count < cap else {
                    defer { counts.perAddress[address]?.refusing = true }
                    return .failure(.perAddress(first: !held.refusing))
                }
                held.count += 1
                held.refusing = false
                counts.perAddress[address] = held
            }
            counts.total += 1
            return .success(place)
        }
    }

    /// Gives back a place `admit` took.
    func release(_ place: Place) {
        counts.withLock { counts in
            counts.total = max(0, counts.total - 1)
            guard place.perAddress, let held = counts.perAddress[place.address] else { return }
            // Below the cap again: the address's next refusal starts a new episode.
            counts.perAddress[place.address] = held.count > 1 ? Held(count: held.count - 1) : nil
        }
    }

    /// 127.0.0.0/8, ::1 and their IPv4-mapped form.
    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
