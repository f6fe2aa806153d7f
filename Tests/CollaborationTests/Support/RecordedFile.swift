/// Reads back what a recording wrote, as a strict player would: the sizes a WAV header claims,
/// the chunks of a MIDI file.
enum RecordedFile {
    /// The RIFF and data sizes of a 44-byte PCM WAV header; nil when the header is not one.
    static func wavSizes(_ bytes: [UInt8]) -> (riff: UInt32, data: UInt32)? {
        guard bytes.count >= 44, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<16]) == Array("WAVEfmt ".utf8),
              Array(bytes[36..<40]) == Array("data".utf8) else { return nil }
        return (littleEndian32(bytes, at: 4), littleEndian32(bytes, at: 40))
    }

    static func littleEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    /// The track bodies of a Standard MIDI File (the tempo track first), or nil when the chunk
    /// lengths do not add up to the file exactly, the header's track count is wrong, or a track
    /// does not end with End of Track (`FF 2F 00`).
    static func midiTracks(_ bytes: [UInt8]) -> [[UInt8]]? {
        guard bytes.count >= 14, Array(bytes[0..<8]) == Array("MThd".utf8) + [0, 0, 0, 6] else { return nil }
        let count = Int(bytes[10]) << 8 | Int(bytes[11])
        var tracks: [[UInt8]] = []
        var offset = 14
        while offset < bytes.count {
            guard offset + 8 <= bytes.count, Array(bytes[offset..<(offset + 4)]) == Array("MTrk".utf8) else { return nil }
            let length = (0..<4).reduce(0) { $0 << 8 | Int(bytes[offset + 4 + $1]) }
            guard offset + 8 + length <= bytes.count else { return nil }
            let body = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            guard body.suffix(3) == [0xFF, 0x2F, 0x00] else { return nil }
            tracks.append(body)
            offset += 8 + length
        }
        return tracks.count == count ? tracks : nil
    }
}
