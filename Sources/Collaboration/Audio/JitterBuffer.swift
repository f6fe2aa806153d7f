/// A receive-side audio jitter buffer for one peer (sans-IO; time is an argument).
///
/// `insert(_:now:)` each arriving frame; the audio output calls `pop(now:)` once per frame
/// duration. Frames are reordered by sequence number (32-bit, wrapping: sequences are unwrapped
/// against the newest seen, as RTP does), duplicates are dropped, and the depth adapts:
///
/// - Inter-arrival jitter `J` is estimated as in RFC 3550 §6.4.1: for consecutive arrivals,
///   `D = (a_j − a_i) − (ts_j − ts_i)` (timestamps converted from 48 kHz samples to µs) and
///   `J += (|D| − J) / 16`.
/// - Target depth `= clamp(jitterMultiplier × J, 10 ms, 200 ms)`, rounded up to whole frames.
/// - Play-out starts, and resumes after an underrun, once the buffer holds the target depth.
///   While playing, when more than `target + 2` frames are buffered the oldest is discarded
///   (at most one per pop), so latency shrinks back when the jitter calms down.
/// - A frame whose slot has passed is `late`; a slot with no frame while later ones wait is
///   `lost` (concealed).
public struct JitterBuffer: Sendable {
    /// Tuning of the buffer.
    public struct Configuration: Hashable, Sendable {
        /// Play-out time of one frame, µs (10 ms = 480 samples at 48 kHz).
        public var frameDuration: Int64 = 10_000
        /// Smallest target depth, µs.
        public var minimumDepth: Int64 = 10_000
        /// Largest target depth, µs.
        public var maximumDepth: Int64 = 200_000
        /// Target depth in multiples of the jitter estimate.
        public var jitterMultiplier: Double = 4
        /// The most frames held; must cover `maximumDepth` plus slack.
        public var capacity = 64

        /// The defaults above.
        public init() {}
    }

    private enum State: Sendable {
        case waitingForFirst
        case buffering
        case playing
    }

    /// The tuning in use (the owner may raise ``Configuration/minimumDepth`` with
    /// ``setMinimumDepth(_:)``).
    public private(set) var configuration: Configuration
    /// The counters.
    public private(set) var statistics = JitterBufferStatistics()
    /// The RFC 3550 inter-arrival jitter estimate, µs.
    public private(set) var jitter: Double = 0

    private var state = State.waitingForFirst
    private var frames: [Int64: AudioFrame] = [:]   // by unwrapped sequence
    private var nextIndex: Int64 = 0                  // the next slot to play
    private var highestIndex: Int64 = 0
    private var highestSequence: UInt32 = 0
    private var lastArrival: (at: Int64, timestamp: UInt32)?
    private var concealed: [Int64] = []               // recent `.lost` slots, bounded
    private var hasPlayed = false

    /// Creates an empty buffer.
    public init(configuration: Configuration = Configuration()) {
        var configuration = configuration
        configuration.frameDuration = max(1, configuration.frameDuration)
        configuration.minimumDepth = max(0, configuration.minimumDepth)
        configuration.maximumDepth = max(configuration.minimumDepth, configuration.maximumDepth)
        configuration.capacity = max(2, configuration.capacity)
        self.configuration = configuration
    }

    /// Changes the smallest target depth, µs (kept within 0...`maximumDepth`): a receiver holds
    /// one frame more once it sees loss, so the frame after a lost one is there to rebuild it.
    public mutating func setMinimumDepth(_ depth: Int64) {
        configuration.minimumDepth = min(max(0, depth), configuration.maximumDepth)
    }

    /// The current target depth, µs.
    public var targetDepth: Int64 {
        let wanted = Int64((configuration.jitterMultiplier * jitter).rounded(.up))
        return min(max(wanted, configuration.minimumDepth), configuration.maximumDepth)
    }

    /// The target depth in whole frames (at least 1).
    public var targetFrames: Int {
        let duration = configuration.frameDuration
        return max(1, Int((targetDepth + duration - 1) / duration))
    }

    /// Frames held.
    public var bufferedCount: Int { frames.count }

    /// What happened to an inserted frame.
    public enum InsertResult: Hashable, Sendable {
        /// Queued for play-out.
        case accepted
        /// Already held or already played.
        case duplicate
        /// Its slot has passed.
        case late
    }

    /// Takes a frame that arrived at `now` (µs). `measuresJitter: false` for a frame rebuilt from
    /// another's redundancy: its arrival says nothing about its own timing.
    @discardableResult
    public mutating func insert(_ frame: AudioFrame, now: Int64, measuresJitter: Bool = true) -> InsertResult {
        if measuresJitter { updateJitter(frame, now: now) }
        let index: Int64
        if case .waitingForFirst = state {
            index = 0
            highestIndex = 0
            highestSequence = frame.sequence
            nextIndex = 0
            state = .buffering
        } else {
            index = highestIndex + Int64(Int32(bitPattern: frame.sequence &- highestSequence))
        }
        if frames[index] != nil {
            statistics.duplicates += 1
            return .duplicate
        }
        if index < nextIndex {
            if !hasPlayed && highestIndex - index < Int64(configuration.capacity) {
                nextIndex = index  // reordered before play-out started: start earlier
            } else {
                if let position = concealed.firstIndex(of: index) {
                    concealed.remove(at: position)
                    statistics.lost -= 1
                }
                statistics.late += 1
                return .late
            }
        }
        if index > highestIndex {
            highestIndex = index
            highestSequence = frame.sequence
        }
        frames[index] = frame
        statistics.received += 1
        // Too far ahead: give up the oldest slots to stay within capacity.
        let oldestAllowed = highestIndex - Int64(configuration.capacity) + 1
        if nextIndex < oldestAllowed {
            var dropped = 0
            for key in frames.keys where key < oldestAllowed {
                frames[key] = nil
                dropped += 1
            }
            statistics.discarded += dropped
            if hasPlayed {
                // Slots skipped with no frame are gone for good: lost.
                statistics.lost += Int(min(oldestAllowed - nextIndex, Int64(Int.max / 2))) - dropped
            }
            nextIndex = oldestAllowed
        }
        return .accepted
    }

    /// The frame waiting for the slot after the one `pop` just reported `.lost`, if it came:
    /// the source of the lost frame's in-band FEC.
    public func peekNext() -> AudioFrame? {
        frames[nextIndex]
    }

    /// Whether a frame with `sequence` would still be played if it came now (its slot has not
    /// passed and it is not held): redundancy is worth inserting only then.
    public func wants(sequence: UInt32) -> Bool {
        guard case .waitingForFirst = state else {
            let index = highestIndex + Int64(Int32(bitPattern: sequence &- highestSequence))
            return index >= nextIndex && frames[index] == nil && highestIndex - index < Int64(configuration.capacity)
        }
        return false
    }

    /// The output for the next play-out slot, called once per `frameDuration` by the audio clock.
    public mutating func pop(now: Int64) -> JitterBufferOutput {
        switch state {
        case .waitingForFirst:
            return .buffering
        case .buffering:
            guard let oldest = frames.keys.min(), highestIndex - oldest + 1 >= Int64(targetFrames) else {
                return .buffering
            }
            if hasPlayed && oldest > nextIndex {
                // Resuming after an underrun: the slots of the outage are gone, not concealed.
                statistics.lost += Int(min(oldest - nextIndex, Int64(Int.max)))
            }
            nextIndex = oldest
            state = .playing
        case .playing:
            break
        }
        guard !frames.isEmpty else {
            statistics.underruns += 1
            state = .buffering
            return .underrun
        }
        let index = nextIndex
        nextIndex += 1
        hasPlayed = true
        guard let frame = frames.removeValue(forKey: index) else {
            statistics.lost += 1
            concealed.append(index)
            if concealed.count > 64 { concealed.removeFirst() }
            return .lost(sequence: highestSequence &- UInt32(truncatingIfNeeded: highestIndex - index))
        }
        statistics.played += 1
        if frames.count > targetFrames + 2, frames.removeValue(forKey: nextIndex) != nil {
            nextIndex += 1
            statistics.discarded += 1
        }
        return .frame(frame)
    }

    private mutating func updateJitter(_ frame: AudioFrame, now: Int64) {
        defer { lastArrival = (now, frame.timestamp) }
        guard let last = lastArrival else { return }
        let mediaDelta = Double(Int32(bitPattern: frame.timestamp &- last.timestamp)) * 1_000_000
            / Double(AudioCodec.clockRate)
        let arrivalDelta = Double(now.subtractingSaturating(last.at))
        let difference = abs(arrivalDelta - mediaDelta)
        guard difference.isFinite else { return }
        jitter += (min(difference, 10_000_000) - jitter) / 16
    }
}
