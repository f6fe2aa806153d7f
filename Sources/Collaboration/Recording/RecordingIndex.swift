/// `index.json` of a recording directory (docs/RECORDING.md): what was recorded, in which file,
/// and what was lost on the way.
public struct RecordingIndex: Codable, Hashable, Sendable {
    /// One participant heard during the recording (the recorder itself included).
    public struct Participant: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        /// Whether this is the recorder's own participant.
        public var local: Bool
        /// The WAV file of its decoded audio, if any arrived.
        public var audioFile: String?
        /// Seconds of audio in that file (equal for every file: all start at the recording's
        /// start and are padded to its end).
        public var audioSeconds: Double
        /// Audio frames decoded.
        public var audioFrames: Int
        /// Frames that never arrived, filled by concealment (or silence after a long gap).
        public var concealedFrames: Int
        /// Frames that arrived after their place in the file was written.
        public var lateFrames: Int
        /// Times the track was placed anew because its media clock and the arrival clock drifted
        /// more than a second apart (a pause in sending, a restart).
        public var resyncs: Int
        /// MIDI events in its track of the MIDI file.
        public var midiEvents: Int
        public var bioSamples: Int
        public var chatLines: Int
    }

    /// The format of this index; 1.
    public var format: Int
    /// False while recording and in a recording whose process was killed (or lost power) before
    /// it stopped: then the figures are those of the last update (at most about 10 s old, at
    /// most a second after a participant appeared) and the files hold what was written up to
    /// the last checkpoint (docs/RECORDING.md). Absent in indexes written before it existed
    /// (same format, 1), which read as false: nothing there vouches for the files.
    public var complete: Bool
    /// Wall-clock start, ISO 8601 UTC.
    public var startedAt: String
    /// The engine clock (microseconds, `CollaborationEngine.now()`) at the start: time 0 in every
    /// file. Remote timestamps were converted to this clock by the engine's clock sync.
    public var startClock: Int64
    /// Seconds recorded; in an incomplete index, up to its last update.
    public var durationSeconds: Double
    public var sampleRate: Int
    public var channels: Int
    public var participants: [Participant]
    /// The Standard MIDI File (format 1, a track per participant, 1 tick = 1 ms).
    public var midiFile: String
    /// Bio samples as CSV.
    public var bioFile: String
    /// The chat as a text log.
    public var chatFile: String
    /// Items the recorder could not keep up with and dropped (the disk was too slow).
    public var droppedItems: Int
    /// Write errors, one line each; empty when every file is whole.
    public var errors: [String]
}

extension RecordingIndex {
    /// As synthesized, except that a missing `complete` (an index from before it) reads as false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(Int.self, forKey: .format)
        complete = try container.decodeIfPresent(Bool.self, forKey: .complete) ?? false
        startedAt = try container.decode(String.self, forKey: .startedAt)
        startClock = try container.decode(Int64.self, forKey: .startClock)
        durationSeconds = try container.decode(Double.self, forKey: .durationSeconds)
        sampleRate = try container.decode(Int.self, forKey: .sampleRate)
        channels = try container.decode(Int.self, forKey: .channels)
        participants = try container.decode([Participant].self, forKey: .participants)
        midiFile = try container.decode(String.self, forKey: .midiFile)
        bioFile = try container.decode(String.self, forKey: .bioFile)
        chatFile = try container.decode(String.self, forKey: .chatFile)
        droppedItems = try container.decode(Int.self, forKey: .droppedItems)
        errors = try container.decode([String].self, forKey: .errors)
    }
}
