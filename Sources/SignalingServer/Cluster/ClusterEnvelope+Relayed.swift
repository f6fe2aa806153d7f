import Foundation
import SignalingProtocol

extension ClusterEnvelope {
    /// The relayed kinds as ``line()`` writes them without an attachment,
    /// `{"k":"in","c":N[,"r":N],"m":MESSAGE}` and `{"k":"out","c":N,"m":MESSAGE}`, read without
    /// `JSONDecoder` (the message through the relay scanner); nil for any other shape and for a
    /// message that does not decode, which ``parse(_:)`` then reads in full (and judges).
    static func parseRelayed(_ bytes: UnsafeBufferPointer<UInt8>) -> ClusterEnvelope? {
        guard let head = RelayedHead(bytes) else { return nil }
        let message = UnsafeBufferPointer(rebasing: bytes[head.message])
        do {
            if head.input {
                return .input(connection: head.connection, message: try ClientMessage.decode(utf8: message), attach: nil, request: head.request)
            }
            return .output(connection: head.connection, message: try ServerMessage.decode(utf8: message))
        } catch {
            return nil
        }
    }

    /// The connection and where the message's JSON lies in an `input` envelope as ``line()``
    /// writes it without an attachment or a request (the message itself unread); nil for any
    /// other shape.
    static func relayedInput(_ bytes: UnsafeBufferPointer<UInt8>) -> (connection: UInt64, message: Range<Int>)? {
        guard let head = RelayedHead(bytes), head.input, head.request == nil else { return nil }
        return (head.connection, head.message)
    }

    /// The connection and where the message's JSON lies in an `output` envelope as ``line()``
    /// writes it (the message itself unread); nil for any other shape.
    static func relayedOutput(_ bytes: UnsafeBufferPointer<UInt8>) -> (connection: UInt64, message: Range<Int>)? {
        guard let head = RelayedHead(bytes), !head.input else { return nil }
        return (head.connection, head.message)
    }
}

/// The fixed head of a relayed envelope and where its message lies.
private struct RelayedHead {
    let input: Bool
    let connection: UInt64
    let request: UInt64?
    let message: Range<Int>

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var reader = FixedFormReader(UnsafeRawBufferPointer(bytes))
        if reader.take(#"{"k":"in","c":"#) { input = true } else if reader.take(#"{"k":"out","c":"#) { input = false } else {
            return nil
        }
        guard let connection = reader.number() else { return nil }
        self.connection = connection
        var request: UInt64?
        if input, reader.take(#","r":"#) {
            guard let number = reader.number() else { return nil }
            request = number
        }
        self.request = request
        guard reader.take(#","m":"#), bytes.count - reader.index >= 3, bytes[bytes.count - 1] == UInt8(ascii: "}") else {
            return nil
        }
        message = reader.index..<(bytes.count - 1)
    }
}
