import RTCTestSupport
import SCTP
import RTCBase

/// Two associations wired back to back in memory, advanced by one virtual clock, with an optional
/// lossy link (drop, duplicate, reorder) driven by a seeded generator.
final class AssociationPair {
    let a: SCTPAssociation
    let b: SCTPAssociation
    var now: RTCInstant
    var random: SeededRandom
    var loss = 0.0
    var duplication = 0.0
    var reordering = 0.0
    var eventsA: [SCTPEvent] = []
    var eventsB: [SCTPEvent] = []
    private(set) var packets = 0
    private(set) var largestPacket = 0
    private var toA: [[UInt8]] = []
    private var toB: [[UInt8]] = []

    init(
        configuration: SCTPConfiguration = .init(),
        seed: UInt64 = 1,
        start: RTCInstant = .zero,
        connect: Bool = true
    ) throws {
        a = try SCTPAssociation(configuration: configuration)
        b = try SCTPAssociation(configuration: configuration)
        a.remoteMaxMessageSize = 262_144
        b.remoteMaxMessageSize = 262_144
        now = start
        random = SeededRandom(seed: seed)
        if connect {
            a.connect(now: now)
            b.connect(now: now)
        }
    }

    /// Moves every queued packet across the link once and collects events. Returns whether any
    /// packet moved.
    @discardableResult
    func exchange() -> Bool {
        var moved = false
        while let packet = a.pollTransmit() {
            transmit(packet, into: &toB)
            moved = true
        }
        while let packet = b.pollTransmit() {
            transmit(packet, into: &toA)
            moved = true
        }
        let forB = toB
        let forA = toA
        toA = []
        toB = []
        for packet in forB {
            b.handle(packet: packet, now: now)
        }
        for packet in forA {
            a.handle(packet: packet, now: now)
        }
        collect()
        return moved || !forA.isEmpty || !forB.isEmpty
    }

    /// Advances the clock by `step` and fires both associations' timers.
    func tick(_ step: Duration = .milliseconds(10)) {
        now += step
        a.handleTimeout(now: now)
        b.handleTimeout(now: now)
        collect()
    }

    /// Exchanges packets, ticking the clock whenever the link is idle, until `done` holds or
    /// `maxIterations` passes. Returns whether `done` held. usrsctp's timers run on the real clock
    /// (see `SCTPAssociation`), so waits on them (delayed SACK, retransmission) cost real time: the
    /// default bound is generous; it is a guard against hangs, not a timing assertion.
    @discardableResult
    func run(maxIterations: Int = 2_000_000, until done: () -> Bool) -> Bool {
        for _ in 0..<maxIterations {
            if done() { return true }
            if !exchange() {
                tick()
            }
        }
        return done()
    }

    func collect() {
        while let event = a.pollEvent() { eventsA.append(event) }
        while let event = b.pollEvent() { eventsB.append(event) }
    }

    /// The messages B received so far, in order.
    var messagesAtB: [(stream: UInt16, ppid: UInt32, data: [UInt8])] {
        eventsB.compactMap { if case .message(let s, let p, let d) = $0 { (s, p, d) } else { nil } }
    }

    private func transmit(_ packet: [UInt8], into queue: inout [[UInt8]]) {
        packets += 1
        largestPacket = max(largestPacket, packet.count)
        if random.chance(loss) { return }
        queue.append(packet)
        if random.chance(duplication) { queue.append(packet) }
        if queue.count >= 2, random.chance(reordering) {
            queue.swapAt(queue.count - 1, Int(random.next() % UInt64(queue.count - 1)))
        }
    }
}

/// A message that checks itself: sequence number, length, then bytes derived from both.
enum SelfCheckingMessage {
    static func make(sequence: UInt32, size: Int) -> [UInt8] {
        precondition(size >= 8)
        var bytes = [UInt8](repeating: 0, count: size)
        for shift in 0..<4 {
            bytes[shift] = UInt8(truncatingIfNeeded: sequence >> (24 - 8 * UInt32(shift)))
            bytes[4 + shift] = UInt8(truncatingIfNeeded: UInt32(size) >> (24 - 8 * UInt32(shift)))
        }
        for index in 8..<size {
            bytes[index] = UInt8(truncatingIfNeeded: Int(sequence) &* 31 &+ index &* 7)
        }
        return bytes
    }

    /// The sequence number if the message is intact, nil if it is corrupt.
    static func check(_ bytes: [UInt8]) -> UInt32? {
        guard bytes.count >= 8 else { return nil }
        let sequence = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let size = bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard size == bytes.count else { return nil }
        for index in 8..<bytes.count where bytes[index] != UInt8(truncatingIfNeeded: Int(sequence) &* 31 &+ index &* 7) {
            return nil
        }
        return sequence
    }
}

/// FNV-1a 64, to compare large payloads compactly.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
}
