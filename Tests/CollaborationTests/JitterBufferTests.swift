import RTCTestSupport
import Testing

@testable import Collaboration

@Suite("JitterBuffer", .timeLimit(.minutes(1)))
struct JitterBufferTests {
    /// A 10 ms stereo PCM frame (480 samples).
    static func frame(_ sequence: UInt32, first: UInt32 = 0) -> AudioFrame {
        try! AudioFrame(sequence: sequence, timestamp: (sequence &- first) &* 480, codec: .pcm16(channels: 2),
                        payload: [UInt8](repeating: 0, count: 16))
    }

    static func sequences(_ outputs: [JitterBufferOutput]) -> [String] {
        outputs.map {
            switch $0 {
            case .buffering: "b"
            case .underrun: "u"
            case .lost(let sequence): "l\(sequence)"
            case .frame(let frame): "\(frame.sequence)"
            }
        }
    }

    @Test("steady arrivals: low jitter, minimum depth, every frame played in order")
    func steady() {
        var buffer = JitterBuffer()
        var outputs: [JitterBufferOutput] = []
        for i in 0..<100 {
            let now = Int64(i) * 10_000
            buffer.insert(Self.frame(UInt32(i)), now: now)
            outputs.append(buffer.pop(now: now + 5_000))
        }
        #expect(buffer.jitter < 1)
        #expect(buffer.targetDepth == 10_000)
        #expect(Self.sequences(outputs) == (0..<100).map(String.init))
        #expect(buffer.statistics.played == 100 && buffer.statistics.lost == 0 && buffer.statistics.late == 0)
    }

    @Test("reordered frames come out in order; duplicates are dropped")
    func reorder() {
        var configuration = JitterBuffer.Configuration()
        configuration.minimumDepth = 60_000  // hold all six: this test is about order, not depth
        var buffer = JitterBuffer(configuration: configuration)
        for (i, sequence) in [1, 0, 3, 2, 2, 4, 5].enumerated() {
            let result = buffer.insert(Self.frame(UInt32(sequence)), now: Int64(i) * 10_000)
            #expect(result == (i == 4 ? .duplicate : .accepted))
        }
        var outputs: [JitterBufferOutput] = []
        for i in 0..<6 { outputs.append(buffer.pop(now: 70_000 + Int64(i) * 10_000)) }
        #expect(Self.sequences(outputs) == ["0", "1", "2", "3", "4", "5"])
        #expect(buffer.statistics.duplicates == 1)
    }

    @Test("a missing frame is concealed as lost; if it turns up later it counts as late instead")
    func lostThenLate() {
        var buffer = JitterBuffer()
        for sequence in [0, 1, 3, 4] { buffer.insert(Self.frame(UInt32(sequence)), now: 0) }
        let outputs = (0..<4).map { _ in buffer.pop(now: 0) }
        #expect(Self.sequences(outputs) == ["0", "1", "l2", "3"])
        #expect(buffer.statistics.lost == 1)
        #expect(buffer.insert(Self.frame(2), now: 0) == .late)
        #expect(buffer.statistics.lost == 0 && buffer.statistics.late == 1)
        #expect(buffer.insert(Self.frame(0), now: 0) == .late)
        #expect(buffer.statistics.late == 2)
    }

    @Test("sequence numbers wrap around 2³²")
    func wraparound() {
        var configuration = JitterBuffer.Configuration()
        configuration.minimumDepth = 60_000
        var buffer = JitterBuffer(configuration: configuration)
        let first = UInt32.max - 2
        let order: [UInt32] = [first, first + 1, 0, first + 2, 1, 2]
        for (i, sequence) in order.enumerated() { buffer.insert(Self.frame(sequence, first: first), now: Int64(i) * 10_000) }
        let outputs = (0..<6).map { _ in buffer.pop(now: 100_000) }
        #expect(Self.sequences(outputs) == ["\(first)", "\(first + 1)", "\(first + 2)", "0", "1", "2"])
    }

    @Test("the target depth grows with jitter and shrinks back when it calms down")
    func adaptive() {
        var buffer = JitterBuffer()
        var random = SeededRandom(seed: 11)
        var arrivals: [(Int64, AudioFrame)] = []
        for i in 0..<300 {
            // Up to 60 ms of random extra delay per frame.
            let delay = Int64(random.nextUnit() * 60_000)
            arrivals.append((Int64(i) * 10_000 + delay, Self.frame(UInt32(i))))
        }
        arrivals.sort { $0.0 < $1.0 }
        var index = 0
        var outputs: [JitterBufferOutput] = []
        for tick in 0..<300 {
            let now = Int64(tick) * 10_000
            while index < arrivals.count && arrivals[index].0 <= now {
                buffer.insert(arrivals[index].1, now: arrivals[index].0)
                index += 1
            }
            outputs.append(buffer.pop(now: now))
        }
        let jittery = buffer.targetDepth
        #expect(buffer.jitter > 10_000, "jitter \(buffer.jitter)")
        #expect(jittery >= 40_000 && jittery <= 200_000, "depth \(jittery)")
        // With a deep buffer most frames arrive in time.
        let stats = buffer.statistics
        #expect(stats.played >= 240, "\(stats)")
        #expect(stats.late + stats.lost <= 40, "\(stats)")

        // Then 300 steady frames: the estimate decays and the depth returns to the minimum.
        for i in 300..<600 {
            let now = Int64(i) * 10_000 + 100_000
            buffer.insert(Self.frame(UInt32(i)), now: now)
            _ = buffer.pop(now: now)
        }
        #expect(buffer.targetDepth == 10_000, "depth \(buffer.targetDepth)")
        #expect(buffer.bufferedCount <= buffer.targetFrames + 2)
    }

    @Test("underrun: silence, then re-buffer; a long outage resumes at the newest audio")
    func underrun() {
        var buffer = JitterBuffer()
        buffer.insert(Self.frame(0), now: 0)
        #expect(Self.sequences([buffer.pop(now: 0), buffer.pop(now: 10_000)]) == ["0", "u"])
        #expect(buffer.statistics.underruns == 1)
        // 500 frames never arrive; then the stream comes back.
        buffer.insert(Self.frame(501), now: 5_000_000)
        buffer.insert(Self.frame(502), now: 5_010_000)
        #expect(Self.sequences([buffer.pop(now: 5_010_000), buffer.pop(now: 5_020_000)]) == ["501", "502"])
        #expect(buffer.statistics.lost == 500)
    }

    @Test("the buffer is bounded")
    func bounded() {
        var buffer = JitterBuffer()
        for i in 0..<1000 { buffer.insert(Self.frame(UInt32(i)), now: 0) }
        #expect(buffer.bufferedCount == buffer.configuration.capacity)
        #expect(buffer.statistics.discarded == 1000 - buffer.configuration.capacity)
        if case .frame(let frame) = buffer.pop(now: 0) { #expect(frame.sequence == 936) } else { Issue.record("no frame") }
    }
}
