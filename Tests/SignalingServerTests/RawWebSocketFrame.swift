/// One WebSocket frame as a raw test client sees it on the wire.
struct RawWebSocketFrame: Sendable, Equatable {
    static let continuation: UInt8 = 0x0
    static let text: UInt8 = 0x1
    static let binary: UInt8 = 0x2
    static let close: UInt8 = 0x8
    static let ping: UInt8 = 0x9
    static let pong: UInt8 = 0xA

    var opcode: UInt8
    var fin: Bool
    var payload: [UInt8]

    /// The payload read as UTF-8 text.
    var text: String { String(decoding: payload, as: UTF8.self) }

    /// The status code of a close frame (RFC 6455 section 5.5.1), if it carries one.
    var closeCode: UInt16? {
        guard opcode == Self.close, payload.count >= 2 else { return nil }
        return UInt16(payload[0]) << 8 | UInt16(payload[1])
    }

    /// The frame's bytes, masked with a fixed key when `masked` (clients must mask, RFC 6455 5.3).
    func encoded(masked: Bool) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        let maskBit: UInt8 = masked ? 0x80 : 0
        switch payload.count {
        case 0..<126:
            bytes.append(maskBit | UInt8(payload.count))
        case 126...0xFFFF:
            bytes.append(maskBit | 126)
            bytes += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default:
            bytes.append(maskBit | 127)
            bytes += (0..<8).reversed().map { UInt8((UInt64(payload.count) >> (8 * UInt64($0))) & 0xFF) }
        }
        guard masked else { return bytes + payload }
        let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        bytes += key
        // Through buffer pointers: a large frame masked byte by byte through the array's checked
        // accessors took seconds of a debug build's CPU on the pool the other tests wait for.
        let start = bytes.count
        bytes += payload
        bytes.withUnsafeMutableBufferPointer { frame in
            key.withUnsafeBufferPointer { key in
                for index in 0..<payload.count { frame[start + index] ^= key[index & 3] }
            }
        }
        return bytes
    }
}
