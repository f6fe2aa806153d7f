/// A Standard MIDI File (format 1) with one track per participant, timed in milliseconds.
///
/// From the MIDI 1.0 "Standard MIDI Files" specification: an `MThd` chunk (format, track count,
/// division) and one `MTrk` chunk per track of (variable-length delta time, event) pairs ending
/// with the End of Track meta event `FF 2F 00`. With a division of 500 ticks per quarter note and
/// the default tempo of 500,000 µs per quarter (`FF 51 03 07 A1 20`, said explicitly in the first
/// track), one tick is one millisecond, so a reader needs no tempo map to place the events.
struct StandardMIDIFile {
    static let ticksPerQuarter: UInt16 = 500
    static let microsecondsPerQuarter: UInt32 = 500_000

    struct Track {
        var name: String
        /// (milliseconds from the start, MIDI bytes), kept in arrival order and sorted when encoded.
        var events: [(time: Int64, bytes: [UInt8])] = []
    }

    var tracks: [Track] = []

    /// The whole file.
    func encoded() -> [UInt8] {
        Self.file(trackChunks: tracks.map(Self.chunk(of:)))
    }

    /// The file around `trackChunks` (each from ``chunk(of:)``): a caller that keeps the chunks
    /// of tracks that did not change encodes only those that did.
    static func file(trackChunks: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = Array("MThd".utf8)
        put32(6, into: &out)
        put16(1, into: &out)
        put16(UInt16(clamping: trackChunks.count + 1), into: &out)
        put16(ticksPerQuarter, into: &out)
        var tempo: [UInt8] = [0x00, 0xFF, 0x51, 0x03]
        tempo += [UInt8(microsecondsPerQuarter >> 16), UInt8(truncatingIfNeeded: microsecondsPerQuarter >> 8),
                  UInt8(truncatingIfNeeded: microsecondsPerQuarter)]
        chunk(tempo + [0x00, 0xFF, 0x2F, 0x00], into: &out)
        out.reserveCapacity(out.count + trackChunks.reduce(0) { $0 + $1.count })
        for trackChunk in trackChunks { out += trackChunk }
        return out
    }

    /// One track's `MTrk` chunk: its name, its events sorted by time, End of Track.
    static func chunk(of track: Track) -> [UInt8] {
        var body: [UInt8] = [0x00, 0xFF, 0x03]
        // At most 127 bytes, cut between characters.
        var name: [UInt8] = []
        for character in track.name where name.count + character.utf8.count <= 127 { name += Array(character.utf8) }
        putVariable(UInt32(name.count), into: &body)
        body += name
        var last: Int64 = 0
        // Stable: events at the same millisecond keep their order (a note-off before its note-on).
        let sorted = track.events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        for (_, event) in sorted {
            let time = max(event.time, last)
            putVariable(UInt32(clamping: time - last), into: &body)
            body += event.bytes
            last = time
        }
        body += [0x00, 0xFF, 0x2F, 0x00]
        var out: [UInt8] = []
        chunk(body, into: &out)
        return out
    }

    private static func chunk(_ body: [UInt8], into out: inout [UInt8]) {
        out += Array("MTrk".utf8)
        put32(UInt32(body.count), into: &out)
        out += body
    }

    /// Big-endian, 7 bits per byte, the high bit set on all but the last (at most 0x0FFFFFFF).
    static func putVariable(_ value: UInt32, into out: inout [UInt8]) {
        let value = min(value, 0x0FFF_FFFF)
        var groups: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            groups.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out += groups.reversed()
    }

    private static func put32(_ value: UInt32, into out: inout [UInt8]) {
        out += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    private static func put16(_ value: UInt16, into out: inout [UInt8]) {
        out += [UInt8(value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
