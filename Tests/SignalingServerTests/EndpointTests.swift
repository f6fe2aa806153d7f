import RTCTestSupport
import SignalingServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOPosix
import SignalingClient
import Testing
import RTCTestSupport
import RTCBase

@Suite(.timeLimit(.minutes(1))) struct EndpointTests {
    @Test func healthzAndMetrics() async throws {
        try await TestServer.with { server in
            let (client, _) = try await makeClient(server)
            try await client.createRoom(name: "Ana")
            try await client.sendRaw("nope")
            _ = try await client.ping()
            let health = try await RawHTTP.get(port: server.port, path: "/healthz")
            #expect(health.hasPrefix("HTTP/1.1 200"))
            #expect(health.hasSuffix("ok\n"))
            let metrics = try await RawHTTP.get(port: server.port, path: "/metrics")
            #expect(metrics.contains("collab_signaling_connections 1"))
            #expect(metrics.contains("collab_signaling_rooms 1"))
            #expect(metrics.contains(#"collab_signaling_errors_total{code="bad-message"} 1"#))
            await client.close()
        } as Void
    }

    @Test func aConnectionThatStopsAnsweringPingsIsClosed() async throws {
        try await TestServer.with({ $0.pingInterval = .milliseconds(200) }) { server in
            // Upgrades, then never answers a ping: the server must close it (two intervals are
            // 400 ms; the exchange fails if the socket is still open after 30 s, and no tighter
            // figure is asserted, since a busy machine may take seconds).
            let received = try await RawHTTP.exchange(
                port: server.port, request: RawHTTP.upgradeRequest(path: "/ws"), timeout: .seconds(30))
            #expect(received.hasPrefix("HTTP/1.1 101"))
        } as Void
    }
}

/// A bare TCP client for what the WebSocket client library does for us otherwise.
enum RawHTTP {
    static func get(port: Int, path: String) async throws -> String {
        try await exchange(port: port, request: "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", timeout: .seconds(10))
    }

    static func upgradeRequest(path: String, headers: [String] = []) -> String {
        "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + headers.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    /// Sends `request` and reads until the server closes the connection (bounded by `timeout`).
    static func exchange(port: Int, request: String, timeout: Duration) async throws -> String {
        try await withTimeout(timeout, "server to close \(port)") {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: request))
                var bytes: [UInt8] = []
                for try await chunk in inbound { bytes += chunk.readableBytesView }
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }
}
