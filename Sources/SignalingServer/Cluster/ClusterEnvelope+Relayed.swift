import Foundation
import SignalingProtocol

extension ClusterEnvelope {
    /// The relayed kinds as ``line()`` writes them without an attachment,
    /// `{"k":"in","c":N[,"r":N],"m":MESSAGE}` and `{"k":"out","c":N,"m":MESSAGE}`, read without
    /// `JSONDecoder` (the message through the relay scanner); nil for any other shape and for a
    /// message that does not decode, which ``parse(_:)`` then reads in full (and judges).
    static func parseRelayed(_ bytes: UnsafeBufferPointer<UInt8>) -> ClusterEnvelope? {
        var reader = EnvelopeHeadReader(bytes: bytes)
        let input: Bool
        if reader.take(#"{"k":"in","c":"#) { input = true } else if reader.take(#"{"k":"out","c":"#) { input = false } else {
            return nil
        }
        guard let connection = reader.number() else { return nil }
        var request: UInt64?
        if input, reader.take(#","r":"#) {
            guard let number = reader.number() else { return nil }
            request = number
        }
        guard reader.take(#","m":"#), bytes.count - reader.index >= 3, bytes[bytes.count - 1] == UInt8(ascii: "}") else {
            return nil
        }
        let message = UnsafeBufferPointer(rebasing: bytes[reader.index..<(bytes.count - 1)])
        do {
            if input {
                return .input(connection: connection, message: try ClientMessage.decode(utf8: message), attach: nil, request: request)
            }
            return .output(connection: connection, message: try ServerMessage.decode(utf8: message))
        } catch {
            return nil
        }
    }
}
