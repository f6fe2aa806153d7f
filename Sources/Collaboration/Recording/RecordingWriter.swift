import Foundation
import Logging
import Opus

/// The disk side of a recording: decodes audio and writes every file, on the recorder's own
/// thread (``SessionRecorder``), never on the audio or network path nor on the threads that run
/// the engine's tasks. Owns decoders and file handles: not `Sendable`.
///
/// Crash-safe by checkpoints (``checkpoint()``, about once a second): every WAV's sizes cover
/// what was written, the CSV and chat are synced, the MIDI file and the index are replaced whole
/// and atomically when due. A process killed between two keeps every file readable up to the
/// last one (docs/RECORDING.md, "After a crash").
final class RecordingWriter {
    static let sampleRate = 48_000
    static let channels = 2
    /// A gap up to this long is concealed (Opus PLC, the previous frame's sound fading); a longer
    /// one (a sender that stopped, a link that was down) is silence.
    static let concealLimit: Int64 = 48_000
    /// How far a track's place may drift from the arrival clock before it is placed anew.
    static let resyncLimit: Int64 = 48_000
    /// MIDI events kept in memory for the MIDI file (rewritten whole at checkpoints and the end).
    static let maximumMIDIEvents = 2_000_000
    /// The MIDI file is rewritten whole (its tracks interleave in time, so it cannot grow in
    /// place) once every 1 + events / this checkpoints: at most about this many events encoded
    /// per second however long the session, and after a kill at most that many seconds missing.
    static let midiEventsPerCheckpoint = 50_000
    /// The index is rewritten within a checkpoint of a change of participants, else this often.
    static let indexCheckpoints = 10

    private final class Track {
        let id: UUID
        var name: String
        let local: Bool
        let number: Int
        var wav: WAVFile?
        var decoder: OpusDecoder?
        /// The sender's media time and sequence of the frame the track is placed from, and the
        /// file position it was placed at.
        var anchor: (timestamp: UInt32, sequence: UInt32, position: Int64)?
        /// The frame size since the anchor, samples per channel.
        var samplesPerFrame = 240
        var frames = 0
        var concealed = 0
        var late = 0
        var resyncs = 0
        var midi = StandardMIDIFile.Track(name: "")
        /// Its MIDI track as last encoded, with the name it had; nil once an event arrived since.
        var midiChunk: (name: String, bytes: [UInt8])?
        var bio = 0
        var chat = 0

        init(id: UUID, name: String, local: Bool, number: Int) {
            self.id = id
            self.name = name
            self.local = local
            self.number = number
        }
    }

    let directory: URL
    let startClock: Int64
    let startedAt: Date
    let localID: UUID
    /// Items the queue dropped so far, for the index; the recorder's thread keeps it current.
    var dropped = 0
    /// Told what the writer starts on before each write or sync that may block on the disk, so
    /// that a finish that gives up waiting can say where it stuck.
    var working: (String) -> Void = { _ in }
    /// Told each index the writer makes, so that a finish that gives up still has its figures.
    var updated: (RecordingIndex) -> Void = { _ in }
    private let logger: Logger
    /// How the MIDI file and the index are replaced whole: ``DurableFile/replace(_:in:with:)``,
    /// or in a test one that fails.
    private let replace: (String, URL, [UInt8]) throws(RecordingError) -> Void
    private var tracks: [UUID: Track] = [:]
    private var order: [UUID] = []
    private var bioFile: FileHandle?
    private var chatFile: FileHandle?
    private var midiEvents = 0
    private var errors: [String] = []
    private var failed: Set<String> = []
    private let scratch: UnsafeMutableBufferPointer<Float>
    /// The latest clock an item carried: how far an incomplete index says the recording got.
    private var latestClock: Int64
    /// Checkpoints so far, and the one at which the MIDI file and the index were last written.
    private var checkpoints = 0
    private var midiWritten = 0
    private var indexWritten = 0
    /// What changed since it was last written or synced.
    private var midiChanged = false
    private var participantsChanged = false
    private var bioWritten = false
    private var chatWritten = false

    /// Creates the CSV and chat files and an index that says the recording is not complete.
    init(directory: URL, startClock: Int64, startedAt: Date, localID: UUID, localName: String,
         logger: Logger = Logger(label: "collab.recording"),
         replace: @escaping (String, URL, [UInt8]) throws(RecordingError) -> Void = DurableFile.replace) {
        self.directory = directory
        self.startClock = startClock
        self.startedAt = startedAt
        self.localID = localID
        self.logger = logger
        self.replace = replace
        latestClock = startClock
        scratch = .allocate(capacity: OpusPacket.maximumSamples * Self.channels)
        scratch.initialize(repeating: 0)
        bioFile = makeFile("bio.csv", header: "seconds,participant,name,heart_rate,rmssd,coherence,breathing_rate,breathing_phase,rr_intervals_ms\n")
        chatFile = makeFile("chat.txt", header: "")
        entry(for: localID, local: true).name = localName
        writeIndex(complete: false)
    }

    deinit { scratch.deallocate() }

    func handle(_ item: RecordingItem) {
        switch item {
        case .participant(let id, let name, let local):
            let track = entry(for: id, local: local)
            if track.name != name { participantsChanged = true }
            track.name = name
        case .localAudio(let samples, let channels, let at):
            latestClock = max(latestClock, at)
            localAudio(samples, channels: channels, at: at)
        case .remoteAudio(let from, let frame, let at):
            latestClock = max(latestClock, at)
            remoteAudio(frame, from: from, at: at)
        case .midi(let from, let events):
            let track = entry(for: from)
            for event in events where (0x80...0xEF).contains(event.status) {
                // Only channel messages: in a MIDI file 0xF0/0xF7 start SysEx and 0xFF is a meta
                // event, so real-time and system-common bytes cannot be stored as they are.
                guard midiEvents < Self.maximumMIDIEvents else { break }
                track.midi.events.append((time: max(0, event.timestamp.subtractingSaturating(startClock) / 1000), bytes: event.bytes))
                track.midiChunk = nil
                midiEvents += 1
                midiChanged = true
            }
        case .bio(let from, let sample, let at):
            latestClock = max(latestClock, at)
            bioWritten = true
            let track = entry(for: from)
            track.bio += 1
            // A peer's timestamp is its own claim: kept within the recording.
            let time = sample.timestamp != 0 ? min(max(sample.timestamp, startClock), at) : at
            let rr = sample.rrIntervals.map { $0.map { String(format: "%.0f", $0) }.joined(separator: ";") } ?? ""
            let phase = sample.breathingPhase.map { String(format: "%.3f", $0) } ?? ""
            let numbers = String(format: "%.1f,%.1f,%.3f,%.2f", sample.heartRate, sample.rmssd, sample.coherence, sample.breathingRate)
            let line = "\(String(format: "%.3f", seconds(time))),\(from.uuidString),\(Self.csvField(track.name)),\(numbers),\(phase),\(rr)\n"
            write(line, to: bioFile, name: "bio.csv")
        case .chat(let from, let text, let at):
            latestClock = max(latestClock, at)
            chatWritten = true
            let track = entry(for: from)
            track.chat += 1
            let flat = text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
            write("[\(Self.clockText(seconds(at)))] \(track.name): \(flat)\n", to: chatFile, name: "chat.txt")
        }
    }

    /// Makes what was written so far durable and readable after a kill: every WAV's sizes, the
    /// CSV and chat synced; the MIDI file (when due, see ``midiEventsPerCheckpoint``) and the
    /// index (after a change of participants, else every ``indexCheckpoints``) replaced whole.
    func checkpoint() {
        checkpoints += 1
        for id in order {
            guard let wav = tracks[id]?.wav else { continue }
            working("checkpoint of \(wav.name)")
            guarded(wav.name) { () throws(RecordingError) in try wav.checkpoint() }
        }
        if bioWritten { sync(bioFile, name: "bio.csv") }
        if chatWritten { sync(chatFile, name: "chat.txt") }
        bioWritten = false
        chatWritten = false
        if midiChanged, checkpoints - midiWritten >= 1 + midiEvents / Self.midiEventsPerCheckpoint { writeMIDI(final: false) }
        if participantsChanged || checkpoints - indexWritten >= Self.indexCheckpoints { writeIndex(complete: false) }
    }

    /// Pads every audio file to `end`, writes the MIDI file and the complete index, closes everything.
    func finish(at end: Int64) -> RecordingIndex {
        latestClock = end
        // Every file as long as the longest (a track placed by its media clock may end a little past `end`).
        let endPosition = order.compactMap { tracks[$0]?.wav?.frames }.reduce(position(end), max)
        // The index says the files' length, which such a track lengthened for all of them.
        latestClock = max(end, startClock.addingSaturating(endPosition * 1_000_000 / Int64(Self.sampleRate)))
        for id in order {
            guard let track = tracks[id], let wav = track.wav else { continue }
            working("end of \(wav.name)")
            guarded(wav.name) { () throws(RecordingError) in
                if wav.frames < endPosition { try wav.appendSilence(frames: endPosition - wav.frames) }
                try wav.finish()
            }
        }
        writeMIDI(final: true)
        sync(bioFile, name: "bio.csv")
        sync(chatFile, name: "chat.txt")
        try? bioFile?.close()
        try? chatFile?.close()
        if midiEvents >= Self.maximumMIDIEvents { errors.append("session.mid: more than \(Self.maximumMIDIEvents) events; the rest were not kept") }
        return writeIndex(complete: true, final: true)
    }

    /// What the index says now: figures as of the last checkpoint for the audio.
    func index(complete: Bool) -> RecordingIndex {
        RecordingIndex(
            format: 1, complete: complete, startedAt: ISO8601DateFormatter().string(from: startedAt), startClock: startClock,
            durationSeconds: seconds(latestClock), sampleRate: Self.sampleRate, channels: Self.channels,
            participants: order.compactMap { tracks[$0] }.map { track in
                RecordingIndex.Participant(
                    id: track.id.uuidString, name: track.name, local: track.local, audioFile: track.wav?.name,
                    audioSeconds: Double(track.wav?.checkpointedFrames ?? 0) / Double(Self.sampleRate), audioFrames: track.frames,
                    concealedFrames: track.concealed, lateFrames: track.late, resyncs: track.resyncs, midiEvents: track.midi.events.count,
                    bioSamples: track.bio, chatLines: track.chat)
            },
            midiFile: "session.mid", bioFile: "bio.csv", chatFile: "chat.txt", droppedItems: dropped, errors: errors)
    }

    /// Replaces `index.json` atomically. A failure before the end is only logged: the next
    /// update tries again. The final one goes into the errors of the index returned, which the
    /// caller gets even though the file could not say it.
    @discardableResult
    private func writeIndex(complete: Bool, final: Bool = false) -> RecordingIndex {
        indexWritten = checkpoints
        participantsChanged = false
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let index = self.index(complete: complete)
        updated(index)
        working("index.json")
        do throws(RecordingError) {
            let bytes: Data
            do {
                bytes = try encoder.encode(index)
            } catch {
                // Never replace a good index with an empty one.
                throw .write(file: "index.json", reason: "encode: \(error)")
            }
            try replace("index.json", directory, Array(bytes))
            return index
        } catch {
            logger.error("recording index not updated", metadata: ["directory": "\(directory.path)", "error": "\(error)"])
            guard final else { return index }
            errors.append("\(error)")
            return self.index(complete: complete)
        }
    }

    /// Replaces `session.mid` atomically with every event kept so far.
    ///
    /// The events stay in memory whatever happens to the file, so a failure (a moment of a full
    /// disk) is logged and the file stays due: the next due checkpoint tries again, and the end
    /// (`final`) always does. Only a failure there goes into `errors`.
    private func writeMIDI(final: Bool) {
        midiWritten = checkpoints
        // Only tracks that changed are sorted and encoded again: in a long session most of the
        // file is the tracks of participants who are not playing at the moment.
        let chunks = order.compactMap { tracks[$0] }.map { track in
            if let kept = track.midiChunk, kept.name == track.name { return kept.bytes }
            var copy = track.midi
            copy.name = track.name
            let bytes = StandardMIDIFile.chunk(of: copy)
            track.midiChunk = (track.name, bytes)
            return bytes
        }
        working("session.mid")
        do throws(RecordingError) {
            try replace("session.mid", directory, StandardMIDIFile.file(trackChunks: chunks))
            midiChanged = false
        } catch {
            if final {
                note(error, file: "session.mid")
            } else {
                logger.warning("recording MIDI file not updated; tried again at a later checkpoint",
                               metadata: ["directory": "\(directory.path)", "error": "\(error)"])
            }
        }
    }

    // MARK: audio

    private func localAudio(_ samples: [Float], channels: Int, at: Int64) {
        let track = entry(for: localID, local: true)
        guard channels == 1 || channels == 2, let wav = wav(for: track) else { return }
        let count = samples.count / channels
        guard count > 0, count <= OpusPacket.maximumSamples else { return }
        if track.anchor == nil {
            // Captured just before it was handed over: its first sample is `count` before now.
            track.anchor = (0, 0, max(0, position(at) - Int64(count)))
        }
        // Captured frames follow each other, but capture may stop (muted, a stall): more than a
        // second behind the clock, the gap is silence; more than a second ahead, frames are dropped.
        let expected = position(at) - Int64(count)
        if wav.frames > expected + Self.resyncLimit {
            track.late += 1
            return
        }
        guarded(wav.name) { () throws(RecordingError) in
            if let anchor = track.anchor, wav.frames < anchor.position { try wav.appendSilence(frames: anchor.position - wav.frames) }
            if wav.frames < expected - Self.resyncLimit { try wav.appendSilence(frames: expected - wav.frames) }
            for index in 0..<count {
                scratch[2 * index] = samples[index * channels]
                scratch[2 * index + 1] = samples[index * channels + channels - 1]
            }
            try wav.append(UnsafeBufferPointer(rebasing: scratch[0..<(2 * count)]))
        }
        track.frames += 1
    }

    private func remoteAudio(_ frame: AudioFrame, from: UUID, at: Int64) {
        let track = entry(for: from)
        guard let wav = wav(for: track), let count = frame.sampleCount, count > 0 else { return }
        let anchor: (timestamp: UInt32, sequence: UInt32, position: Int64)
        if let known = track.anchor, count != track.samplesPerFrame {
            // The host changed the frame size, which restarts the media clock of the compact Opus
            // form (sequence × frame size). The frames since the anchor were all of the old size, so
            // the new size continues the track from it by sequence, sample-exact; a frame of the old
            // size that arrives after the first of the new one (the channel is unordered) is late;
            // more than a second back, the sender started its sequence again (the arrival rule
            // below places it).
            let frames = Int64(Int32(bitPattern: frame.sequence &- known.sequence))
            guard frames > 0 || -frames * Int64(count) > Self.resyncLimit else {
                track.late += 1
                return
            }
            anchor = (frame.timestamp, frame.sequence, known.position + frames * Int64(track.samplesPerFrame))
            track.anchor = anchor
        } else if let known = track.anchor {
            anchor = known
        } else {
            // Its first frame: silence until it (the participant was not heard before).
            anchor = (frame.timestamp, frame.sequence, max(wav.frames, position(at) - Int64(count)))
            track.anchor = anchor
            guarded(wav.name) { () throws(RecordingError) in try wav.appendSilence(frames: anchor.position - wav.frames) }
        }
        track.samplesPerFrame = count
        // Its place is the first frame's place plus the media time between them (signed: a frame
        // older than the first lands before it). The sender's media clock counts only frames it
        // sent, so after a pause (muted, capture stopped), a restart or a long drift it no longer
        // matches the arrival time: more than a second apart, the track is placed anew from here.
        var target = anchor.position + Int64(Int32(bitPattern: frame.timestamp &- anchor.timestamp))
        let expected = position(at) - Int64(count)
        if abs(target - expected) > Self.resyncLimit {
            let position = max(wav.frames, expected)
            track.anchor = (frame.timestamp, frame.sequence, position)
            track.resyncs += 1
            target = position
            guarded(wav.name) { () throws(RecordingError) in try wav.appendSilence(frames: position - wav.frames) }
        }
        guard target >= wav.frames else {
            track.late += 1
            return
        }
        guarded(wav.name) { () throws(RecordingError) in
            var gap = target - wav.frames
            if gap > 0, gap == Int64(count), !frame.redundancy.isEmpty,
               let recovered = try? decoder(track).decode(frame.redundancy, into: scratch) {
                // The frame before this one rode along as redundancy (RFC 6716 packets at 2.5 and 5 ms).
                try wav.append(UnsafeBufferPointer(rebasing: scratch[0..<(2 * recovered)]))
                gap -= Int64(recovered)
            }
            if gap > 0 {
                track.concealed += Int((gap + Int64(count) - 1) / Int64(count))
                if gap <= Self.concealLimit, case .opus = frame.codec {
                    var left = gap
                    while left > 0 {
                        let chunk = Int(min(left, Int64(count)))
                        let made = (try? decoder(track).conceal(samples: chunk, into: scratch)) ?? 0
                        guard made > 0 else { break }
                        try wav.append(UnsafeBufferPointer(rebasing: scratch[0..<(2 * made)]))
                        left -= Int64(made)
                    }
                    if left > 0 { try wav.appendSilence(frames: left) }
                } else {
                    try wav.appendSilence(frames: gap)
                }
            }
            let decoded = frame.decodeStereo(into: scratch) { () throws(OpusError) in try decoder(track) }
            try wav.append(UnsafeBufferPointer(rebasing: scratch[0..<(2 * decoded)]))
        }
        track.frames += 1
    }

    private func decoder(_ track: Track) throws(OpusError) -> OpusDecoder {
        if let decoder = track.decoder { return decoder }
        let made = try OpusDecoder(channels: Self.channels)
        track.decoder = made
        return made
    }

    private func wav(for track: Track) -> WAVFile? {
        if let wav = track.wav { return wav }
        let name = "audio-\(track.number < 10 ? "0" : "")\(track.number)-\(Self.fileSafe(track.name)).wav"
        guard !failed.contains(name) else { return nil }
        do throws(RecordingError) {
            let made = try WAVFile(url: directory.appendingPathComponent(name), channels: Self.channels, sampleRate: Self.sampleRate)
            track.wav = made
            participantsChanged = true
            return made
        } catch {
            note(error, file: name)
            return nil
        }
    }

    // MARK: plumbing

    private func entry(for id: UUID, local: Bool = false) -> Track {
        if let track = tracks[id] { return track }
        let track = Track(id: id, name: String(id.uuidString.prefix(8)), local: local, number: order.count + 1)
        tracks[id] = track
        order.append(id)
        participantsChanged = true
        return track
    }

    private func position(_ clock: Int64) -> Int64 {
        // At most about 6 days of samples: far past any recording, and no overflow below.
        min(max(0, clock.subtractingSaturating(startClock)), 1 << 39) * Int64(Self.sampleRate) / 1_000_000
    }

    private func seconds(_ clock: Int64) -> Double {
        Double(clock.subtractingSaturating(startClock)) / 1_000_000
    }

    private func guarded(_ file: String, _ body: () throws(RecordingError) -> Void) {
        guard !failed.contains(file) else { return }
        do {
            try body()
        } catch {
            note(error, file: file)
        }
    }

    private func note(_ error: RecordingError, file: String) {
        failed.insert(file)
        errors.append("\(error)")
        logger.error("recording file failed; the rest of the recording goes on without it",
                     metadata: ["directory": "\(directory.path)", "error": "\(error)"])
    }

    /// Syncs an appended text file's data to the disk.
    private func sync(_ handle: FileHandle?, name: String) {
        guard let handle else { return }
        working("sync of \(name)")
        guarded(name) { () throws(RecordingError) in try DiskSync.data(handle.fileDescriptor, file: name) }
    }

    private func makeFile(_ name: String, header: String) -> FileHandle? {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(header.utf8)),
              let handle = try? FileHandle(forWritingTo: url) else {
            note(.write(file: name, reason: "cannot create"), file: name)
            return nil
        }
        _ = try? handle.seekToEnd()
        return handle
    }

    private func write(_ text: String, to handle: FileHandle?, name: String) {
        guard let handle, !failed.contains(name) else { return }
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            note(.write(file: name, reason: "\(error)"), file: name)
        }
    }

    /// `1:02.345`: minutes and seconds from the start.
    static func clockText(_ seconds: Double) -> String {
        let milliseconds = Int((max(0, seconds) * 1000).rounded())
        return String(format: "%d:%02d.%03d", milliseconds / 60_000, milliseconds / 1000 % 60, milliseconds % 1000)
    }

    /// Letters, digits, `-` and `_` of a display name (at most 32), for a file name.
    static func fileSafe(_ name: String) -> String {
        let kept = name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "_"
        }
        let text = String(kept.prefix(32))
        return text.isEmpty ? "participant" : text
    }

    /// A CSV field: quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
