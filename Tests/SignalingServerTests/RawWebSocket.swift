import NIOCore
import NIOPosix
import NIOSSL
import RTCTestSupport

/// A WebSocket client written from RFC 6455 for tests: it sends exactly the frames a test asks for
/// (binary, fragmented, unmasked, invalid UTF-8), which a client library would never do.
struct RawWebSocket {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var buffer: [UInt8] = []
    /// The HTTP response head the server answered the upgrade with.
    private(set) var responseHead = ""

    /// A failure of the raw client itself.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Connects to `127.0.0.1:port` (from `source`, another loopback address, when given; over
    /// TLS to `localhost` with `tls`), asks for a WebSocket upgrade at `path` (with extra header
    /// lines `headers`) and runs `body`; the
    /// socket is closed afterwards. A refused upgrade is not an error: see ``responseHead``.
    /// `receiveBuffer` shrinks the socket's receive buffer, so a client that stops reading holds
    /// the server's writes up after little data.
    static func with<T: Sendable>(
        port: Int, path: String = "/ws", headers: [String] = [], from source: String? = nil, tls: NIOSSLContext? = nil,
        receiveBuffer: Int? = nil, _ body: (inout RawWebSocket) async throws -> T
    ) async throws -> T {
        // Half-closure allowed: when the server shuts its side, this client keeps its own open
        // (a client that has stopped reading does not notice), so a test can play a mute one.
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
        if let receiveBuffer {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
        }
        if let source { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0)) }
        let channel = try await bootstrap
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: "localhost"))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var socket = RawWebSocket(iterator: inbound.makeAsyncIterator(), outbound: outbound)
            try await socket.upgrade(path: path, headers: headers)
            return try await body(&socket)
        }
    }

    private mutating func upgrade(path: String, headers: [String]) async throws {
        try await outbound.write(ByteBuffer(string: RawHTTP.upgradeRequest(path: path, headers: headers)))
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        // Bounded by the response size a server could sensibly send.
        while buffer.count < 16 * 1024 {
            if let range = buffer.firstRange(of: end) {
                responseHead = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<range.upperBound)
                return
            }
            guard try await fill() else { break }
        }
        responseHead = String(decoding: buffer, as: UTF8.self)
    }

    /// True when the server switched protocols.
    var upgraded: Bool { responseHead.hasPrefix("HTTP/1.1 101") }

    /// Sends one frame.
    func send(_ frame: RawWebSocketFrame, masked: Bool = true) async throws {
        try await outbound.write(ByteBuffer(bytes: frame.encoded(masked: masked)))
    }

    /// Sends `bytes` as one binary frame (what the integration guide's client does with JSON).
    func sendBinary(_ bytes: [UInt8]) async throws {
        try await send(RawWebSocketFrame(opcode: RawWebSocketFrame.binary, fin: true, payload: bytes))
    }

    /// Sends `text` as one text frame.
    func sendText(_ text: String) async throws {
        try await send(RawWebSocketFrame(opcode: RawWebSocketFrame.text, fin: true, payload: Array(text.utf8)))
    }

    /// Sends raw bytes (an unfinished request, garbage).
    func sendBytes(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// The next frame from the server, nil when it closed the socket.
    mutating func receiveFrame() async throws -> RawWebSocketFrame? {
        while true {
            if let frame = try takeFrame() { return frame }
            guard try await fill() else { return nil }
        }
    }

    /// The next data or close frame; pings are answered on the way (as any client does).
    mutating func receive() async throws -> RawWebSocketFrame? {
        // Bounded: a server sends one ping per interval, far fewer than this between two messages.
        for _ in 0..<1000 {
            guard let frame = try await receiveFrame() else { return nil }
            switch frame.opcode {
            case RawWebSocketFrame.ping:
                try await send(RawWebSocketFrame(opcode: RawWebSocketFrame.pong, fin: true, payload: frame.payload))
            case RawWebSocketFrame.pong:
                continue
            default:
                return frame
            }
        }
        throw Failure(description: "a thousand control frames in a row")
    }

    /// Reads until the server closes the socket; returns the close code it sent, if any.
    mutating func closeCode() async throws -> UInt16? {
        var code: UInt16?
        // Bounded by what a server sends after deciding to close.
        for _ in 0..<10_000 {
            guard let frame = try await receive() else { return code }
            if frame.opcode == RawWebSocketFrame.close, code == nil {
                code = frame.closeCode
                try? await send(RawWebSocketFrame(opcode: RawWebSocketFrame.close, fin: true, payload: Array(frame.payload.prefix(2))))
            }
        }
        throw Failure(description: "the server kept sending after its close")
    }

    private mutating func fill() async throws -> Bool {
        guard let chunk = try await iterator.next() else { return false }
        buffer += chunk.readableBytesView
        return true
    }

    /// Parses one unmasked server frame from the buffer (RFC 6455 section 5.2).
    private mutating func takeFrame() throws -> RawWebSocketFrame? {
        guard buffer.count >= 2 else { return nil }
        var length = Int(buffer[1] & 0x7F)
        var offset = 2
        if length == 126 {
            guard buffer.count >= 4 else { return nil }
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            offset = 4
        } else if length == 127 {
            guard buffer.count >= 10 else { return nil }
            length = buffer[2..<10].reduce(0) { $0 << 8 | Int($1) }
            offset = 10
        }
        guard buffer[1] & 0x80 == 0 else { throw Failure(description: "the server masked a frame") }
        guard buffer.count >= offset + length else { return nil }
        let frame = RawWebSocketFrame(
            opcode: buffer[0] & 0x0F, fin: buffer[0] & 0x80 != 0, payload: Array(buffer[offset..<offset + length]))
        buffer.removeSubrange(..<(offset + length))
        return frame
    }
}
