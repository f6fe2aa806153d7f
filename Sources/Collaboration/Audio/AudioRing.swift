import Synchronization

/// A single-producer single-consumer ring of interleaved float samples, lock-free: the engine's
/// audio pump writes decoded audio, the application's real-time audio callback reads it.
///
/// Storage is allocated once; `write` and `read` only copy and publish an index with an atomic
/// store (release) that the other side loads (acquire). Exactly one thread may write and one
/// may read at a time; that is the contract `@unchecked Sendable` stands on.
final class AudioRing: @unchecked Sendable {
    /// Capacity in samples (a power of two).
    let capacity: Int
    /// Whether a participant owns the ring (set by the pump side, read by the render side).
    let active = Atomic<Bool>(false)
    /// Samples the reader wanted while active but the ring did not hold (render underflow).
    let underflows = Atomic<Int>(0)

    private let storage: UnsafeMutablePointer<Float>
    private let mask: Int
    private let written = Atomic<Int>(0)
    private let consumed = Atomic<Int>(0)

    /// A ring of at least `minimumCapacity` samples.
    init(minimumCapacity: Int) {
        var capacity = 1
        while capacity < minimumCapacity { capacity <<= 1 }
        self.capacity = capacity
        mask = capacity - 1
        storage = .allocate(capacity: capacity)
        storage.initialize(repeating: 0, count: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Samples ready to read.
    var available: Int { written.load(ordering: .acquiring) - consumed.load(ordering: .acquiring) }

    /// Producer: appends as many of `samples` as fit; returns how many.
    @discardableResult
    func write(_ samples: UnsafeBufferPointer<Float>) -> Int {
        let end = written.load(ordering: .relaxed)
        let count = min(samples.count, capacity - (end - consumed.load(ordering: .acquiring)))
        for offset in 0..<count { storage[(end + offset) & mask] = samples[offset] }
        written.store(end + count, ordering: .releasing)
        return count
    }

    /// Consumer: reads up to `output.count` samples, adding them to `output` when `adding`
    /// (mixing) or replacing them; what is missing is left (adding) or zeroed. Returns how many.
    @discardableResult
    func read(into output: UnsafeMutableBufferPointer<Float>, adding: Bool) -> Int {
        let start = consumed.load(ordering: .relaxed)
        let count = min(output.count, written.load(ordering: .acquiring) - start)
        if adding {
            for offset in 0..<count { output[offset] += storage[(start + offset) & mask] }
        } else {
            for offset in 0..<count { output[offset] = storage[(start + offset) & mask] }
            for offset in count..<output.count { output[offset] = 0 }
        }
        consumed.store(start + count, ordering: .releasing)
        return count
    }
}
