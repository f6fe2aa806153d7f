import Foundation
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

/// Issue 12, operations: `# HELP` lines, the relay-latency histogram, `build_info`, and /metrics
/// on a separate loopback listener.
@Suite(.timeLimit(.minutes(1))) struct MetricsTests {
    @Test func metricsExplainThemselvesAndTimeRelays() async throws {
        try await TestServer.with { server in
            let (host, _) = try await makeClient(server)
            let (guest, guestEvents) = try await makeClient(server)
            let room = try await host.createRoom(name: "Host")
            _ = try await guest.join(code: room.roomCode.value, name: "Guest")
            try await host.sendOffer(to: try #require(await guest.membership?.participantID), sdp: "v=0")
            try await guestEvents.waitMessage("offer relayed") { if case .offer = $0 { true } else { false } }
            let text = try await RawHTTP.get(port: server.port, path: "/metrics")
            #expect(text.contains("# HELP collab_signaling_relayed_messages_total "))
            #expect(text.contains("# HELP collab_signaling_fast_path_relays_total "))
            #expect(text.contains("# HELP collab_signaling_relay_latency_seconds "))
            #expect(text.contains(#"collab_signaling_build_info{version="#))
            // The offer was handed to the guest's socket, so one relay was timed.
            #expect(try await HardLimitTests.metric("collab_signaling_relay_latency_seconds_count", port: server.port) == 1)
            await host.close()
            await guest.close()
        } as Void
    }

    @Test func aMetricsPortTakesMetricsOffThePublicListener() async throws {
        var configuration = SignalingServerConfiguration()
        configuration.port = 0
        configuration.metricsPort = 0
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let running = try await TestServer.start(configuration) { sink.yield($0) }
        let metricsPort = try await withTimeout(.seconds(20), "metrics listener") {
            var iterator = ports.makeAsyncIterator()
            return await iterator.next() ?? -1
        }
        let onPublic = try await RawHTTP.get(port: running.port, path: "/metrics")
        let onPrivate = try await RawHTTP.get(port: metricsPort, path: "/metrics")
        await running.stop()
        #expect(onPublic.hasPrefix("HTTP/1.1 404"))
        #expect(onPrivate.hasPrefix("HTTP/1.1 200"))
        #expect(onPrivate.contains("collab_signaling_connections"))
    }
}
