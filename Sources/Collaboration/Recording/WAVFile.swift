import Foundation
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A 16-bit PCM WAVE file written as samples arrive, its sizes patched at every checkpoint, so a
/// process killed outright leaves a file that opens, up to the last checkpoint.
///
/// The RIFF layout (Microsoft's "Multimedia Programming Interface and Data Specifications 1.0",
/// WAVE form): `RIFF <size> WAVE`, a 16-byte `fmt ` chunk (format 1 = PCM), then `data <size>`
/// and the interleaved little-endian samples. 16-bit PCM is what every reader opens (Python's
/// `wave` module reads nothing else).
///
/// ```
///  0 RIFF | 4 size = 36 + data | 8 WAVE | 12 fmt  16 PCM channels rate bytes/s align 16
/// 36 data | 40 size = data bytes | 44 samples...
/// ```
final class WAVFile {
    let name: String
    let channels: Int
    let sampleRate: Int
    private let handle: FileHandle
    /// Frames (one sample per channel) written so far.
    private(set) var frames: Int64 = 0
    /// Frames the header's sizes cover: what a reader sees after a kill.
    private(set) var checkpointedFrames: Int64 = 0
    private var buffer: [UInt8] = []

    /// Creates `url` (refusing to replace a file) and writes a header with zero sizes.
    init(url: URL, channels: Int, sampleRate: Int = 48_000) throws(RecordingError) {
        self.name = url.lastPathComponent
        self.channels = channels
        self.sampleRate = sampleRate
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw .write(file: url.lastPathComponent, reason: "cannot create")
        }
        self.handle = handle
        buffer = Self.header(channels: channels, sampleRate: sampleRate, dataBytes: 0)
        try flush()
    }

    /// Appends interleaved samples in -1...1 (clipped); a partial last frame is dropped.
    func append(_ samples: UnsafeBufferPointer<Float>) throws(RecordingError) {
        let whole = samples.count - samples.count % channels
        buffer.reserveCapacity(buffer.count + whole * 2)
        for index in 0..<whole {
            let sample = samples[index]
            let value = Int16(((sample.isFinite ? max(-1, min(1, sample)) : 0) * 32_767).rounded())
            buffer.append(UInt8(truncatingIfNeeded: value))
            buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        }
        frames += Int64(whole / channels)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends `count` frames of silence.
    func appendSilence(frames count: Int64) throws(RecordingError) {
        var left = count
        while left > 0 {
            let chunk = Int(min(left, 4_800))
            buffer.append(contentsOf: repeatElement(0, count: chunk * channels * 2))
            frames += Int64(chunk)
            left -= Int64(chunk)
            if buffer.count >= 1 << 16 { try flush() }
        }
    }

    /// Writes what is buffered, makes it durable, then patches the RIFF and data sizes to cover it.
    ///
    /// In this order the header never claims samples that are not on the disk, even after a
    /// power cut (the patch itself reaches the disk with the next checkpoint's sync). Samples
    /// flushed in blocks after it lie past the data chunk, where readers ignore them, until the
    /// next checkpoint. Costs a write, a sync (``DiskSync/data(_:file:)``) and two 4-byte `pwrite`s.
    func checkpoint() throws(RecordingError) {
        try flush()
        try DiskSync.data(handle.fileDescriptor, file: name)
        // RIFF sizes are 32-bit: past 4 GiB (about 6 hours of stereo) readers see the cap.
        let dataBytes = UInt32(clamping: min(frames * Int64(channels) * 2, Int64(UInt32.max) - 36))
        try patch(dataBytes + 36, at: 4)
        try patch(dataBytes, at: 40)
        checkpointedFrames = frames
    }

    /// A last checkpoint, its patched sizes synced too, then closes the file.
    func finish() throws(RecordingError) {
        try checkpoint()
        // No next checkpoint will carry the patch to the disk, and the index that says the
        // recording is complete must not become durable before the sizes it vouches for.
        try DiskSync.data(handle.fileDescriptor, file: name)
        do {
            try handle.close()
        } catch {
            throw .write(file: name, reason: "\(error)")
        }
    }

    /// Writes `value` little-endian at `offset`, leaving the file position (the end) alone.
    private func patch(_ value: UInt32, at offset: off_t) throws(RecordingError) {
        var little = value.littleEndian
        let written = withUnsafeBytes(of: &little) { pwrite(handle.fileDescriptor, $0.baseAddress, 4, offset) }
        guard written == 4 else { throw written < 0 ? DiskSync.failure(name, "pwrite") : .write(file: name, reason: "pwrite: short write") }
    }

    private func flush() throws(RecordingError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .write(file: name, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The 44-byte header for `dataBytes` of 16-bit samples.
    static func header(channels: Int, sampleRate: Int, dataBytes: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44)
        func put(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }
        func put32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
        func put16(_ value: UInt16) { bytes.append(UInt8(truncatingIfNeeded: value)); bytes.append(UInt8(value >> 8)) }
        let blockAlign = UInt16(channels * 2)
        put("RIFF"); put32(dataBytes + 36); put("WAVE")
        put("fmt "); put32(16); put16(1); put16(UInt16(channels)); put32(UInt32(sampleRate))
        put32(UInt32(sampleRate) * UInt32(blockAlign)); put16(blockAlign); put16(16)
        put("data"); put32(dataBytes)
        return bytes
    }
}
