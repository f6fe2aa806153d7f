import Foundation
import NIOCore
import NIOPosix
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import STUN
import RTCBase
import Testing

/// `collab serve` answers STUN on its HTTP port number and hands clients its `stun:` URL;
/// `ice-servers` returns fresh servers (TURN credentials expire).
@Suite struct STUNResponderTests {
    @Test func answersBindingRequestsOnTheHTTPPortNumberAndHandsOutItsURL() async throws {
        try await TestServer.with({ $0.stunListener = .sameAsHTTP }) { server in
            let (client, _) = try await makeClient(server)
            let room = try await client.createRoom(name: "Ana")
            let stun = room.iceServers.flatMap(\.urls).filter { $0.hasPrefix("stun:") }
            #expect(stun == ["stun:127.0.0.1:\(server.port)"], "the host the client connected to, the HTTP port number")

            let (mapped, local) = try await Self.bindingRequest(to: server.port)
            #expect(mapped == local, "XOR-MAPPED-ADDRESS is the request's source")
            await client.close()
        }
    }

    @Test func publicHostNamesTheURL() async throws {
        try await TestServer.with({
            $0.stunListener = .sameAsHTTP
            $0.publicHost = "jam.example.org"
        }) { server in
            let (client, _) = try await makeClient(server)
            let room = try await client.createRoom(name: "Ana")
            #expect(room.iceServers.flatMap(\.urls).contains("stun:jam.example.org:\(server.port)"))
            await client.close()
        }
    }

    @Test func offByDefaultInTheLibrary() async throws {
        try await TestServer.with { server in
            let (client, _) = try await makeClient(server)
            let room = try await client.createRoom(name: "Ana")
            #expect(room.iceServers.isEmpty)
            await client.close()
        }
    }

    @Test func iceServersRefreshesTURNCredentials() async throws {
        try await TestServer.with({
            $0.turnURLs = ["turn:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=tcp"]
            $0.turnSecret = "s3cret"
            $0.stunListener = .sameAsHTTP
        }) { server in
            let (client, _) = try await makeClient(server)
            await #expect(throws: SignalingSessionError.self) { try await client.refreshICEServers() }
            let room = try await client.createRoom(name: "Ana")
            let fresh = try await client.refreshICEServers()
            let turn = try #require(fresh.first { $0.urls.contains("turn:127.0.0.1:3478") })
            #expect(turn.urls == ["turn:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=tcp"])
            #expect(turn.username?.hasSuffix(":\(room.participantID.uuidString)") == true)
            #expect(turn.credential?.isEmpty == false)
            #expect(fresh.flatMap(\.urls).contains("stun:127.0.0.1:\(server.port)"))
            let membership = await client.membership
            #expect(membership?.iceServers == fresh)
            await client.close()
        }
    }

    /// Sends one Binding request from a fresh UDP socket; returns the mapped address and the socket's own.
    static func bindingRequest(to port: Int) async throws -> (mapped: TransportAddress?, local: TransportAddress?) {
        let (responses, sink) = AsyncStream.makeStream(of: [UInt8].self)
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(sink: sink))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { channel.close(promise: nil) }
        let id = TransactionID(bytes: Array(1...12))!
        let request = STUNMessage(type: .bindingRequest, transactionID: id).encode(fingerprint: true)
        let destination = try NIOCore.SocketAddress(ipAddress: "127.0.0.1", port: port)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination,
                                                          data: channel.allocator.buffer(bytes: request)))
        let bytes = try await withTimeout(.seconds(10), "STUN response") {
            var iterator = responses.makeAsyncIterator()
            return await iterator.next() ?? []
        }
        let message = try STUNMessage.decode(bytes)
        #expect(message.transactionID == id)
        let local = channel.localAddress.flatMap { address -> TransportAddress? in
            guard let ip = address.ipAddress, let port = address.port else { return nil }
            return TransportAddress(ip: ip, port: UInt16(port))
        }
        return (message.mappedAddress, local)
    }

    final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let sink: AsyncStream<[UInt8]>.Continuation
        init(sink: AsyncStream<[UInt8]>.Continuation) { self.sink = sink }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            sink.yield(Array(unwrapInboundIn(data).data.readableBytesView))
        }
    }
}
