import Foundation
import NIOCore
import NIOEmbedded
import NIOWebSocket
import SignalingProtocol
@testable import SignalingServer
import Testing

/// The fast path's handler in an embedded channel, over a real hub: what it relays itself, what it
/// leaves to the task (and counts), and its unmasking (eight bytes at a time) against NIO's byte loop.
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

    /// A masked client frame, as NIO's decoder hands it on.
    static func frame(_ text: String, opcode: WebSocketOpcode = .text, fin: Bool = true) -> WebSocketFrame {
        let key = WebSocketMaskingKey.random()
        var data = ByteBuffer(string: text)
        data.webSocketMask(key)
        return WebSocketFrame(fin: fin, opcode: opcode, maskKey: key, data: data)
    }

    /// The messages queued in `outbox`, relays and others alike.
    static func drain(_ outbox: ConnectionOutbox) -> [ServerMessage] {
        let items = outbox.take(max: .max).items
        outbox.release(items.count)
        return items.compactMap { item in
            switch item {
            case .message(let message), .relay(let message, _): message
            // Only the cluster's LISTEN task queues raw text; read it back the same way.
            case .text(let buffer), .relayText(let buffer, _): try? ServerMessage.decode(utf8: buffer.readableBytesView)
            case .close: nil
            }
        }
    }

    /// Ordering (issue 15): while the task has a data frame in hand, every later one goes to it
    /// too, whole relays included; fragments, room-wide relays and everything after the client's
    /// close frame are the task's; a targeted relay of the plain case is queued for its target,
    /// stamped with the sender's ID, and never reaches the task.
    @Test func relaysOnlyWhatTheTaskHoldsNothingBefore() async throws {
        // The metrics outside the hub, so the test reads them without a hop to the hub's executor.
        let metrics = SignalingMetrics()
        let hub = SignalingHub(configuration: SignalingServerConfiguration(), metrics: metrics, logger: TestServer.logger)
        let (ana, anaOutbox, anaSeat) = await hub.open(address: "192.0.2.1", closeSocket: {})
        let (ben, benOutbox, _) = await hub.open(address: "192.0.2.2", closeSocket: {})
        _ = await hub.receiveReportingError(.createRoom(name: "Ana", password: nil), from: ana, received: .now)
        guard case .roomCreated(let created)? = Self.drain(anaOutbox).first else {
            Issue.record("no room")
            return
        }
        _ = await hub.receiveReportingError(
            .joinCode(roomCode: created.roomCode.value, name: "Ben", password: nil), from: ben, received: .now)
        guard case .joined(let joined)? = Self.drain(benOutbox).first else {
            Issue.record("no joined")
            return
        }
        _ = Self.drain(anaOutbox)
        let handler = RelayFastPathHandler(hub: hub, maxMessageBytes: 1024, messagesPerSecond: 1000, burst: 1000, now: .now)
        let channel = EmbeddedChannel(handler: handler)
        defer { _ = try? channel.finish() }
        let toBen = #"{"type":"offer","to":"\#(joined.participantID.uuidString)","sdp":"#
        func passed(_ frame: WebSocketFrame) throws -> Bool {
            try channel.writeInbound(frame)
            return try channel.readInbound(as: WebSocketFrame.self) != nil
        }

        // No seat yet (the task has not opened the fast path): the task's.
        #expect(try passed(Self.frame(toBen + #""0"}"#)))
        handler.handled()
        handler.open(anaSeat)
        #expect(try !passed(Self.frame(toBen + #""1"}"#)))
        #expect(Self.drain(benOutbox) == [.offer(from: created.participantID, sdp: "1")])
        // A room-wide offer is the hub's; the targeted one behind it waits for the task.
        #expect(try passed(Self.frame(#"{"type":"offer","sdp":"2"}"#)))
        #expect(try passed(Self.frame(toBen + #""3"}"#)))
        #expect(Self.drain(benOutbox).isEmpty)
        handler.handled()
        handler.handled()
        // A message in fragments is the task's, frame by frame, and so is what follows it until handled.
        #expect(try passed(Self.frame(toBen, fin: false)))
        #expect(try passed(Self.frame(#""4"}"#, opcode: .continuation)))
        handler.handled()
        handler.handled()
        #expect(try !passed(Self.frame(toBen + #""5"}"#)))
        #expect(Self.drain(benOutbox) == [.offer(from: created.participantID, sdp: "5")])
        // Not a relay: its token goes back and the frame to the task.
        #expect(try passed(Self.frame(#"{"type":"ping"}"#)))
        handler.handled()
        // After the client's close frame nothing is relayed here.
        #expect(try passed(WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer())))
        #expect(try passed(Self.frame(toBen + #""6"}"#)))
        #expect(Self.drain(benOutbox).isEmpty)
        // The two relays it queued itself are the fast path's in /metrics (a share of all relays).
        #expect(metrics.exposition().contains("\ncollab_signaling_fast_path_relays_total 2\n"))
    }
}
