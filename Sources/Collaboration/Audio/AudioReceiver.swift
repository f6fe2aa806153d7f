import Opus

/// The receive decisions for one remote participant's audio (sans-IO, value type; time is an
/// argument): the adaptive ``JitterBuffer`` in front, then per play-out slot what to decode.
///
/// `insert(_:now:)` each arriving frame; `next(now:)` once per slot when the output wants audio.
/// A lost slot is rebuilt, best first, from the redundant copy in the frame after it (inserted on
/// arrival when its slot is still ahead), from that frame's Opus in-band FEC (SILK/hybrid frames
/// only), else concealed; an Opus underrun is concealed for one slot too. The first frame fixes
/// the frame size; a newer frame of another size or codec starts a fresh buffer (the host changed
/// the room's settings), an older one is dropped (``AudioReceiverStatistics/superseded``).
public struct AudioReceiver: Sendable {
    /// The codec and size the buffer is tuned for.
    public private(set) var codec: AudioCodec?
    /// The counters.
    public private(set) var statistics = AudioReceiverStatistics()

    private var buffer = JitterBuffer()
    private var frameSamples = 0
    /// The sequence of the first frame of the current codec and size.
    private var sizeStart: UInt32?
    /// Whether the buffer was deepened by a frame after the first loss (once per stream).
    private var deepened = false
    /// A loss was seen: stretch once by a concealed frame so one more frame waits from now on.
    private var stretchPending = false
    /// Arrival instants by `sequence % 128`, to measure each played frame's wait.
    private var arrivals = [Int64](repeating: 0, count: 128)
    /// Sequences inserted from redundancy and not yet played, by `sequence % 128` (+1; 0: none).
    private var rebuilt = [UInt64](repeating: 0, count: 128)

    /// An empty receiver.
    public init() {}

    /// The jitter buffer's tuning for frames of `samples` per channel: one frame deep at least (the
    /// jitter estimate raises it), since a LAN's jitter is small and every millisecond counts.
    public static func bufferConfiguration(frameSamples: Int) -> JitterBuffer.Configuration {
        var configuration = JitterBuffer.Configuration()
        configuration.frameDuration = Int64(frameSamples) * 1_000_000 / Int64(AudioCodec.clockRate)
        configuration.minimumDepth = configuration.frameDuration
        configuration.maximumDepth = 200_000
        configuration.capacity = max(16, Int(250_000 / configuration.frameDuration))
        return configuration
    }

    /// Frames held.
    public var bufferedCount: Int { buffer.bufferedCount }

    /// Takes a frame that arrived at `now` (µs).
    public mutating func insert(_ frame: AudioFrame, now: Int64) {
        guard let samples = frame.sampleCount, samples > 0 else { return }
        if codec != frame.codec || samples != frameSamples {
            // The audio channel is unordered: a frame of the previous size that arrives after the
            // first of the new one is late, not a reason to throw the new buffer away. Further
            // back than the buffer could hold, it is a sender that started its sequence again.
            if let start = sizeStart, case let behind = Int32(bitPattern: start &- frame.sequence),
               behind > 0, Int(behind) <= buffer.configuration.capacity {
                statistics.arrived += 1
                statistics.superseded += 1
                return
            }
            sizeStart = frame.sequence
            codec = frame.codec
            frameSamples = samples
            buffer = JitterBuffer(configuration: Self.bufferConfiguration(frameSamples: samples))
            deepened = false
            stretchPending = false
            statistics.frameSamples = samples
        }
        statistics.arrived += 1
        if buffer.insert(frame, now: now) == .accepted {
            arrivals[Int(frame.sequence % 128)] = now
        }
        if !frame.redundancy.isEmpty, buffer.wants(sequence: frame.sequence &- 1),
           let previous = try? AudioFrame(sequence: frame.sequence &- 1, timestamp: frame.timestamp &- UInt32(samples),
                                          codec: frame.codec, payload: frame.redundancy),
           buffer.insert(previous, now: now, measuresJitter: false) == .accepted {
            arrivals[Int(previous.sequence % 128)] = now
            rebuilt[Int(previous.sequence % 128)] = UInt64(previous.sequence) + 1
        }
        refresh()
    }

    /// What to do for the next play-out slot at `now` (µs).
    public mutating func next(now: Int64) -> AudioPlayout {
        defer { refresh() }
        if stretchPending {
            stretchPending = false
            if buffer.bufferedCount < 2 {
                statistics.stretched += 1
                return .conceal(samples: frameSamples)
            }
        }
        switch buffer.pop(now: now) {
        case .buffering:
            return .wait
        case .underrun:
            // The next frame is late: conceal this slot rather than cut to silence, then refill.
            guard case .opus? = codec, statistics.decoded > 0 else { return .wait }
            deepenOnce()
            statistics.concealed += 1
            return .conceal(samples: frameSamples)
        case .frame(let frame):
            let slot = Int(frame.sequence % 128)
            let waited = Double(now.subtractingSaturating(arrivals[slot]))
            statistics.bufferDelay += (waited - statistics.bufferDelay) / (statistics.decoded == 0 ? 1 : 16)
            if rebuilt[slot] == UInt64(frame.sequence) + 1 {
                rebuilt[slot] = 0
                statistics.redundancyRecovered += 1
            }
            statistics.decoded += 1
            return .decode(frame)
        case .lost:
            if case .opus? = codec, let next = buffer.peekNext(), OpusDecoder.canCarryFEC(next.payload) {
                statistics.fecRecovered += 1
                return .decodeFEC(source: next, samples: frameSamples)
            }
            deepenOnce()
            statistics.concealed += 1
            return .conceal(samples: frameSamples)
        }
    }

    /// Loss or an underrun is real: hold one frame more from now on (stretch once, and refill to
    /// two frames after an underrun), so that the next loss finds the frame after it (its FEC or
    /// redundant copy) already here. Opus only: PCM has neither.
    private mutating func deepenOnce() {
        guard case .opus? = codec, !deepened else { return }
        deepened = true
        stretchPending = true
        buffer.setMinimumDepth(2 * buffer.configuration.frameDuration)
    }

    private mutating func refresh() {
        let counters = buffer.statistics
        statistics.late = counters.late
        statistics.lost = counters.lost
        statistics.underruns = counters.underruns
        statistics.targetDepth = buffer.targetDepth
        statistics.jitter = buffer.jitter
    }
}
