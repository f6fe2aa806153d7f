/// Splits a TURN byte stream (TCP or TLS-over-TCP) into the messages it carries, sans-IO.
///
/// RFC 8656 §3.1: over a stream "the ChannelData messages and STUN messages" follow each other
/// with no other framing: a STUN message is self-delimiting through the length in its header
/// (RFC 8489 §6.2.2), a ChannelData frame through its Length field, and §12.5: "Over TCP and
/// TLS-over-TCP, the ChannelData message MUST be padded to a multiple of four bytes".
///
/// ```
///  STUN:        |0 0| type (14) | length (16) | magic cookie | txid (96) | attributes (length) |
///  ChannelData: | channel 0x4000-0x7FFF | length (16) | data (length) | padding to 4 |
/// ```
///
/// Feed every read with ``append(_:)``; it returns the complete messages in order (ChannelData
/// without its padding) and keeps at most one incomplete frame. Anything that cannot start a
/// frame, or a frame longer than ``maxFrameSize``, is a ``StreamFramingError``, after which the
/// framer stays failed: a stream that lost its framing cannot be resynchronised.
public struct StreamFramer: Hashable, Sendable {
    /// The longest legal frame: a STUN header and 65,532 bytes of attributes (a ChannelData frame
    /// with 65,535 bytes and its padding is 65,540).
    public static let largestFrame = 20 + 65_532

    /// Frames longer than this fail the stream.
    public let maxFrameSize: Int
    /// The error the stream failed with, if it did.
    public private(set) var failure: StreamFramingError?

    private var buffer: [UInt8] = []
    private var head = 0

    /// Creates a framer; `maxFrameSize` is capped at ``largestFrame``.
    public init(maxFrameSize: Int = StreamFramer.largestFrame) {
        self.maxFrameSize = max(4, min(maxFrameSize, Self.largestFrame))
    }

    /// Bytes held for an incomplete frame.
    public var bufferedCount: Int { buffer.count - head }

    /// Appends bytes read from the stream and returns every message they complete, in order.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(StreamFramingError) -> [[UInt8]] {
        if let failure { throw failure }
        buffer.append(contentsOf: bytes)
        var messages: [[UInt8]] = []
        while true {
            let frame: (length: Int, message: Int)?
            do {
                frame = try nextFrame()
            } catch {
                failure = error
                buffer = []
                head = 0
                throw error
            }
            guard let frame, bufferedCount >= frame.length else { break }
            messages.append(Array(buffer[head..<(head + frame.message)]))
            head += frame.length
        }
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 4096)
            head = 0
        } else if head > 4096 && head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        return messages
    }

    /// The size of the frame at `head` on the wire and of the message in it, once its header is in.
    private func nextFrame() throws(StreamFramingError) -> (length: Int, message: Int)? {
        guard bufferedCount >= 4 else {
            if let first = buffer.dropFirst(head).first, first >= 0x80 { throw .garbage(firstByte: first) }
            return nil
        }
        let first = buffer[head]
        let length = Int(buffer[head + 2]) << 8 | Int(buffer[head + 3])
        switch first {
        case 0x00...0x3F:
            // RFC 8489 §5: "The most significant 2 bits of every STUN message MUST be zeroes."
            guard length % 4 == 0 else { throw .badLength(length) }
            let total = 20 + length
            guard total <= maxFrameSize else { throw .oversize(total) }
            if bufferedCount >= 8 {
                let cookie = UInt32(buffer[head + 4]) << 24 | UInt32(buffer[head + 5]) << 16
                    | UInt32(buffer[head + 6]) << 8 | UInt32(buffer[head + 7])
                guard cookie == 0x2112_A442 else { throw .badMagicCookie }
            }
            return (total, total)
        case 0x40...0x7F:
            // RFC 8656 §12.4: channel numbers 0x4000 through 0x7FFF; §12.5: padded to 4 on a stream.
            let message = 4 + length
            let total = message + (4 - length % 4) % 4
            guard total <= maxFrameSize else { throw .oversize(total) }
            return (total, message)
        default:
            throw .garbage(firstByte: first)
        }
    }

    /// The bytes to write on a stream for one message: ChannelData padded to a multiple of 4
    /// (RFC 8656 §12.5), STUN unchanged (always a multiple of 4).
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        guard let first = message.first, (0x40...0x7F).contains(first) else { return message }
        let padding = (4 - message.count % 4) % 4
        return padding == 0 ? message : message + [UInt8](repeating: 0, count: padding)
    }
}
