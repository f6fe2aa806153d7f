import NIOCore
import NIOWebSocket
@testable import SignalingServer
import Testing

/// The fast path's unmasking (eight bytes at a time) against NIO's byte loop.
@Suite struct RelayFastPathHandlerTests {
    @Test func unmaskAgreesWithNIOForEveryLengthAndOffset() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let key = WebSocketMaskingKey.random(using: &generator)
            let payload = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var ours = payload
            RelayFastPathHandler.unmask(&ours, key)
            var theirs = ByteBuffer(bytes: payload)
            theirs.webSocketUnmask(key)
            #expect(ours == Array(theirs.readableBytesView), "length \(length)")
        }
    }
}
