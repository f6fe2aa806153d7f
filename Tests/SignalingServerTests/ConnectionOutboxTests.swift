import Foundation
import SignalingProtocol
@testable import SignalingServer
import Testing

/// The outbox's byte budget (session 17 audit): a count alone let a slow reader pin `limit`
/// offers of the largest size.
@Suite struct ConnectionOutboxTests {
    /// An offer whose SDP is `size` bytes; it weighs `size` + 256.
    static func offer(_ size: Int) -> OutboundItem {
        .message(.offer(from: UUID(), sdp: String(repeating: "v", count: size)))
    }

    @Test func bytesBeyondTheBudgetAreDroppedAlthoughTheCountAllowsThem() {
        let outbox = ConnectionOutbox(limit: 100, byteLimit: 10_000)
        #expect(Self.offer(3_000).weight == 3_256)
        for _ in 0..<3 { #expect(outbox.yield(Self.offer(3_000)) == .enqueued) }
        #expect(outbox.yield(Self.offer(3_000)) == .dropped, "9,768 + 3,256 bytes exceed 10,000")
        #expect(outbox.yield(.message(.pong)) == .closing, "nothing follows a drop")
    }

    @Test func aRelayedCandidateWeighsItsStrings() {
        let candidate = ICECandidateInit(candidate: String(repeating: "c", count: 60_000), sdpMid: "0")
        #expect(OutboundItem.relay(.candidate(from: UUID(), candidate: candidate), received: .now).weight == 60_257)
        #expect(OutboundItem.message(.pong).weight == 256)
    }

    @Test func anEmptyOutboxTakesOneMessageOfAnySize() {
        let outbox = ConnectionOutbox(limit: 100, byteLimit: 1_000)
        #expect(outbox.yield(Self.offer(5_000)) == .enqueued)
        #expect(outbox.yield(.message(.pong)) == .dropped)
    }

    @Test func bytesTheKernelTookAreFreedOldestFirst() {
        let outbox = ConnectionOutbox(limit: 100, byteLimit: 10_000)
        for size in [3_000, 1_000, 3_000] { #expect(outbox.yield(Self.offer(size)) == .enqueued) }
        #expect(outbox.take(max: 10).items.count == 3)
        // Written and released: the oldest (3,256 bytes) only; 4,512 stay counted.
        outbox.release(1)
        #expect(outbox.yield(Self.offer(5_000)) == .enqueued, "4,512 + 5,256 fit in 10,000")
        #expect(outbox.yield(Self.offer(100)) == .dropped, "9,768 + 356 do not")
    }

    @Test func aCloseIsQueuedWhateverTheBytes() {
        let outbox = ConnectionOutbox(limit: 100, byteLimit: 1_000)
        #expect(outbox.yield(Self.offer(5_000)) == .enqueued)
        #expect(outbox.yield(.close(.goingAway)) == .enqueued)
    }
}
