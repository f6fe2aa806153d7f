import Foundation
import Opus

/// One remote participant's receive chain on the pump side: its ``AudioReceiver`` decisions, its
/// Opus decoder and the ring the audio callback reads. Owns a decoder: not `Sendable`.
final class ParticipantAudio {
    let id: UUID
    let slot: Int
    let ring: AudioRing
    var receiver = AudioReceiver()
    /// Mean ring fill, samples per channel, just before each decoded slot is written: how long
    /// the slot's first sample waits in the ring. (The ring's mean fill over time would add half a
    /// frame that framing already counts: the first sample waits a frame for the last one to be
    /// captured, and every sample's capture-to-playout time equals the first one's.)
    var outputQueue: Double = 0

    private var queueSampled = false
    /// Whether audio flows: after a `.wait` (start, underrun) the ring is first primed.
    private var playing = false
    private var decoder: OpusDecoder?
    /// Decoded samples before they go to the ring, allocated once for the largest packet.
    private let scratch: UnsafeMutableBufferPointer<Float>
    /// Zeros for priming the ring.
    private let silenceBlock: UnsafeMutableBufferPointer<Float>

    init(id: UUID, slot: Int, ring: AudioRing) {
        self.id = id
        self.slot = slot
        self.ring = ring
        scratch = .allocate(capacity: OpusPacket.maximumSamples * AudioOutput.channels)
        scratch.initialize(repeating: 0)
        silenceBlock = .allocate(capacity: 1024)
        silenceBlock.initialize(repeating: 0)
    }

    deinit {
        scratch.deallocate()
        silenceBlock.deallocate()
    }

    /// Decodes the next slot into the ring when it holds less than `target` samples per channel;
    /// returns whether it produced audio (so the pump may call again).
    func step(now: Int64, target: Int) -> Bool {
        guard ring.available < target * AudioOutput.channels else { return false }
        let samples: Int
        switch receiver.next(now: now) {
        case .wait:
            playing = false
            return false
        case .decode(let frame):
            samples = frame.decodeStereo(into: scratch) { () throws(OpusError) in try opusDecoder() }
        case .decodeFEC(let source, let count):
            samples = (try? opusDecoder().decodeFEC(from: source.payload, samples: count, into: scratch)) ?? silence(count)
        case .conceal(let count):
            if case .opus? = receiver.codec {
                samples = (try? opusDecoder().conceal(samples: count, into: scratch)) ?? silence(count)
            } else {
                samples = silence(count)
            }
        }
        if !playing {
            // Prime the ring with silence up to the target, so the callback's pace (not the
            // arrival of frames) sets when each frame plays and a pump that runs late finds
            // audio still queued instead of an empty ring.
            playing = true
            prime(upTo: target)
        }
        noteQueue()
        ring.write(UnsafeBufferPointer(rebasing: scratch[0..<(samples * AudioOutput.channels)]))
        return true
    }

    private func prime(upTo target: Int) {
        let missing = min(target * AudioOutput.channels - ring.available, ring.capacity / 2)
        guard missing > 0 else { return }
        let zeros = UnsafeBufferPointer(rebasing: silenceBlock[0..<min(missing, silenceBlock.count)])
        var left = missing
        while left > 0 {
            left -= ring.write(UnsafeBufferPointer(rebasing: zeros[0..<min(left, zeros.count)]))
            if ring.available >= ring.capacity { break }
        }
    }

    /// Samples the ring's fill into ``outputQueue`` (the first sample sets it).
    private func noteQueue() {
        let fill = Double(ring.available / AudioOutput.channels)
        outputQueue += (fill - outputQueue) / (queueSampled ? 32 : 1)
        queueSampled = true
    }

    private func silence(_ count: Int) -> Int {
        let count = min(count, OpusPacket.maximumSamples)
        for index in 0..<(count * AudioOutput.channels) { scratch[index] = 0 }
        return count
    }

    private func opusDecoder() throws(OpusError) -> OpusDecoder {
        if let decoder { return decoder }
        let made = try OpusDecoder(channels: AudioOutput.channels)
        decoder = made
        return made
    }
}
