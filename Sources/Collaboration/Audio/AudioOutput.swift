public import Foundation
import Synchronization

/// The engine's received audio, pulled by the application's audio callback: per remote
/// participant a jitter buffer and decoder (run by the engine's audio pump every couple of
/// milliseconds), and a lock-free ring the callback reads.
///
/// ```swift
/// // in the real-time audio callback, `frames` samples per channel, stereo interleaved:
/// engine.audioOutput.render(frames: frames, into: mix)
/// ```
///
/// ``render(frames:into:participants:)`` takes no lock, allocates nothing and never waits: it
/// copies from rings that the pump fills (one writer, one reader, atomics only). Call it from
/// one thread at a time. Everything else here (``pump(now:)``, ``statistics()``) takes a lock and
/// must not be called from the audio callback.
public final class AudioOutput: Sendable {
    /// Output channels: stereo, interleaved. Mono senders play on both.
    public static let channels = 2
    /// How many remote participants have a slot (the room's maximum is 8).
    public let capacity: Int
    /// Samples per channel kept ready beyond the callback's block: what the callback may take
    /// between two pumps (the pump period).
    public let lead: Int

    private let rings: [AudioRing]
    private let state: Mutex<State>
    /// The largest `frames` the callback asked for, so the pump keeps that much ready.
    private let renderFrames = Atomic<Int>(0)

    private struct State: ~Copyable {
        var participants: [UUID: ParticipantAudio] = [:]
    }

    /// An output with `capacity` participant slots, pumped every `pumpInterval`; each ring holds
    /// 8192 samples per channel.
    public init(capacity: Int = 16, pumpInterval: Duration = .milliseconds(2)) {
        self.capacity = max(1, capacity)
        lead = max(1, Int(pumpInterval.engineMicroseconds * Int64(AudioCodec.clockRate) / 1_000_000))
        rings = (0..<max(1, capacity)).map { _ in AudioRing(minimumCapacity: 8192 * Self.channels) }
        state = Mutex(State())
    }

    // MARK: real-time side

    /// Fills `mix` with `frames` samples per channel (interleaved stereo) of every participant
    /// summed, and, when given, `participants` with each slot's own audio (slot `i` at offset
    /// `i × frames × 2`). Returns how many participants contributed. Real-time safe.
    @discardableResult
    public func render(frames: Int, into mix: UnsafeMutableBufferPointer<Float>,
                       participants: UnsafeMutableBufferPointer<Float>? = nil) -> Int {
        let count = min(frames * Self.channels, mix.count)
        if renderFrames.load(ordering: .relaxed) < frames { renderFrames.store(frames, ordering: .relaxed) }
        for index in 0..<count { mix[index] = 0 }
        var contributed = 0
        for (slot, ring) in rings.enumerated() where ring.active.load(ordering: .acquiring) {
            let read: Int
            if let participants, (slot + 1) * count <= participants.count {
                let own = UnsafeMutableBufferPointer(rebasing: participants[(slot * count)..<((slot + 1) * count)])
                read = ring.read(into: own, adding: false)
                for index in 0..<count { mix[index] += own[index] }
            } else {
                read = ring.read(into: UnsafeMutableBufferPointer(rebasing: mix[0..<count]), adding: true)
            }
            if read < count { ring.underflows.wrappingAdd(count - read, ordering: .relaxed) }
            if read > 0 { contributed += 1 }
        }
        return contributed
    }

    // MARK: pump side

    /// The slot of `participant` in ``render(frames:into:participants:)``, once its audio arrived.
    public func slot(of participant: UUID) -> Int? {
        state.withLock { $0.participants[participant]?.slot }
    }

    /// Takes a frame received from `participant` at `now` (µs). Frames from more participants
    /// than slots are dropped.
    public func receive(_ frame: AudioFrame, from participant: UUID, now: Int64) {
        state.withLock { state in
            if let audio = state.participants[participant] {
                audio.receiver.insert(frame, now: now)
                return
            }
            let used = Set(state.participants.values.map(\.slot))
            guard let slot = (0..<capacity).first(where: { !used.contains($0) }) else { return }
            let audio = ParticipantAudio(id: participant, slot: slot, ring: rings[slot])
            audio.receiver.insert(frame, now: now)
            state.participants[participant] = audio
            rings[slot].active.store(true, ordering: .releasing)
        }
    }

    /// Decodes what each participant's ring needs to stay ahead of the callback: called by the
    /// engine's audio pump (every `EngineTiming.audioPump`), or by a test on a virtual clock.
    public func pump(now: Int64) {
        let wanted = renderFrames.load(ordering: .relaxed)
        state.withLock { state in
            for audio in state.participants.values {
                // Enough for the next callback plus what it takes until the next pump.
                let target = max(wanted, 1) + lead
                var steps = 0
                while steps < 64, audio.step(now: now, target: target) { steps += 1 }
            }
        }
    }

    /// Forgets `participant` (it left): its slot goes silent and free.
    public func remove(_ participant: UUID) {
        state.withLock { state in
            guard let audio = state.participants.removeValue(forKey: participant) else { return }
            audio.ring.active.store(false, ordering: .releasing)
        }
    }

    /// Per-participant figures; `rtt` gives the round trip per participant for the latency estimate.
    public func statistics(rtt: [UUID: Int64] = [:]) -> [AudioParticipantStatistics] {
        state.withLock { state in
            state.participants.values.sorted { $0.slot < $1.slot }.map { audio in
                let receiver = audio.receiver.statistics
                let frame = Int64(receiver.frameSamples) * 1_000_000 / Int64(AudioCodec.clockRate)
                let lookahead: Int64 = switch audio.receiver.codec {
                case .opus?: receiver.frameSamples < 480 ? 2_500 : 6_500
                default: 0
                }
                let queue = Int64(audio.outputQueue * 1_000_000 / Double(AudioCodec.clockRate))
                return AudioParticipantStatistics(
                    participant: audio.id, slot: audio.slot, codec: audio.receiver.codec, receiver: receiver,
                    bufferedFrames: audio.receiver.bufferedCount, outputQueue: audio.outputQueue,
                    renderUnderflows: audio.ring.underflows.load(ordering: .relaxed) / Self.channels,
                    estimatedLatency: rtt[audio.id].map { frame + lookahead + $0 / 2 + Int64(receiver.bufferDelay) + queue })
            }
        }
    }
}
