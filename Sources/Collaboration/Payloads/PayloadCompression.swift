import CLZ4

/// Payload version 2 (docs/PAYLOADS.md, "Compression"): `version = 2`, `flags u8`, then either the
/// version-1 payload's bytes after its version byte (flags 0), or, with flag bit 0, `length u32`
/// (the size of those bytes) and an LZ4 block of them (liblz4's block format).
///
/// Senders compress reliable payloads above ``threshold`` bytes for peers whose hello announced
/// ``PeerCapabilities/lz4``, when that makes them smaller; every receiver expands them back to the
/// version-1 form the decoders read. A corrupt block is a `PayloadError`: counted as malformed and
/// dropped like any malformed payload.
enum PayloadCompression {
    static let version: UInt8 = 2
    static let compressedFlag: UInt8 = 0x01
    /// Payloads up to this size go as they are: LZ4's gain on a short message does not pay for the work.
    static let threshold = 1024
    /// The largest expanded payload accepted: the largest message the engine's links carry.
    static let maximumExpandedLength = 262_144

    /// The version-2 compressed form of `payload` (a version-1 payload), or `payload` itself when
    /// it is small, not version 1, or does not shrink.
    static func compressed(_ payload: [UInt8]) -> [UInt8] {
        guard payload.count > threshold, payload.count <= maximumExpandedLength, payload.first == PayloadFormat.version else {
            return payload
        }
        let body = payload.count - 1
        let bound = Int(LZ4_compressBound(Int32(body)))
        guard bound > 0 else { return payload }
        var out = [UInt8](repeating: 0, count: 6 + bound)
        out[0] = version
        out[1] = compressedFlag
        out[2] = UInt8(truncatingIfNeeded: body >> 24)
        out[3] = UInt8(truncatingIfNeeded: body >> 16)
        out[4] = UInt8(truncatingIfNeeded: body >> 8)
        out[5] = UInt8(truncatingIfNeeded: body)
        let written = payload.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                source.baseAddress.flatMap { sourceBase in
                    destination.baseAddress.map { destinationBase in
                        LZ4_compress_default(
                            UnsafeRawPointer(sourceBase + 1).assumingMemoryBound(to: CChar.self),
                            UnsafeMutableRawPointer(destinationBase + 6).assumingMemoryBound(to: CChar.self),
                            Int32(body), Int32(bound))
                    }
                } ?? 0
            }
        }
        guard written > 0, 6 + Int(written) < payload.count else { return payload }
        out.removeLast(out.count - 6 - Int(written))
        return out
    }

    /// `bytes` in the version-1 form: expanded when version 2, as they are otherwise (the
    /// decoders check the version).
    ///
    /// - Throws: `invalidValue("compression.flags")` for unknown flags,
    ///   `lengthOverLimit` past ``maximumExpandedLength``, `invalidValue("compression.block")`
    ///   for a block that does not expand to exactly its stated length, `truncated` for a short header.
    static func expand(_ bytes: [UInt8]) throws(PayloadError) -> [UInt8] {
        guard bytes.first == version else { return bytes }
        var reader = PayloadReader(bytes)
        _ = try reader.readUInt8()
        let flags = try reader.readUInt8()
        guard flags & ~compressedFlag == 0 else { throw .invalidValue("compression.flags") }
        guard flags & compressedFlag != 0 else {
            let rest = reader.readRest()
            guard rest.count <= maximumExpandedLength else { throw .lengthOverLimit(length: rest.count, limit: maximumExpandedLength) }
            return [PayloadFormat.version] + rest
        }
        let length = Int(try reader.readUInt32())
        guard length > 0 else { throw .invalidValue("compression.length") }
        guard length <= maximumExpandedLength else { throw .lengthOverLimit(length: length, limit: maximumExpandedLength) }
        let block = reader.readRest()
        guard !block.isEmpty else { throw .truncated }
        var out = [UInt8](repeating: 0, count: 1 + length)
        out[0] = PayloadFormat.version
        // LZ4_decompress_safe never writes past the capacity it is given and returns a negative
        // number for a malformed block (lz4.h: "protected against malicious data packets").
        let produced = block.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                source.baseAddress.flatMap { sourceBase in
                    destination.baseAddress.map { destinationBase in
                        LZ4_decompress_safe(
                            UnsafeRawPointer(sourceBase).assumingMemoryBound(to: CChar.self),
                            UnsafeMutableRawPointer(destinationBase + 1).assumingMemoryBound(to: CChar.self),
                            Int32(block.count), Int32(length))
                    }
                } ?? -1
            }
        }
        guard produced == Int32(length) else { throw .invalidValue("compression.block") }
        return out
    }
}
