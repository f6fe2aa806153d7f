package import ICE
package import NIOCore
import NIOPosix
import NIOSSL
import RTCBase
import STUN

/// The TCP and TLS connections to TURN servers that one sans-IO core asks for: another transport
/// under the same driver as its UDP sockets.
///
/// The core names a connection in a ``ICE/Transmit``'s `connection`; the first such transmit opens
/// it (from the base's IP, any port, with a connect timeout; TLS verified against the system trust
/// store, the configured extra roots and the server's name or IP) and every transmit writes one
/// whole frame. Reads and the end of a connection go to the receiver, which feeds them back into
/// the core. After each flush the driver calls ``retain(_:)`` with the connections the core still
/// wants, so a released or failed allocation's connection closes. Confined to one event loop.
package final class RelayStreams<Receiver: RelayStreamReceiver> {
    private enum Slot {
        case connecting(pending: [[UInt8]], bytes: Int)
        case open(any Channel)
    }

    /// Counters for stats.
    package struct Counters: Hashable, Sendable {
        package var connectionsOpened = 0
        package var framesSent = 0
        package var framesDropped = 0
        package var bytesReceived = 0
    }

    private let eventLoop: any EventLoop
    private let options: RelayTransportOptions
    /// The core's owner; weak, since the connections' handlers keep this object alive.
    package weak var receiver: Receiver?
    private var slots: [Int: (connection: RelayConnection, slot: Slot)] = [:] {
        didSet { isEmpty = slots.isEmpty }
    }
    /// Connections that ended or were closed: never opened again (a core names each connection
    /// once, so a late frame for one of these is dropped). One entry per allocation the core made.
    private var finished: Set<Int> = []
    private var tlsContext: Result<NIOSSLContext, any Error>?
    package private(set) var counters = Counters()

    /// Creates the transport; set ``receiver`` before the first write.
    package init(eventLoop: any EventLoop, options: RelayTransportOptions) {
        self.eventLoop = eventLoop
        self.options = options
    }

    /// Whether no connection is open or opening. Stored: the driver asks after every flush, and
    /// asking the dictionary from this generic class looks up its type's metadata each time.
    package private(set) var isEmpty = true

    /// Writes one frame on `connection`, opening it first if it is new.
    package func write(_ frame: [UInt8], on connection: RelayConnection) {
        guard !finished.contains(connection.id) else {
            counters.framesDropped += 1
            return
        }
        guard let entry = slots[connection.id] else {
            slots[connection.id] = (connection, .connecting(pending: [frame], bytes: frame.count))
            open(connection)
            return
        }
        switch entry.slot {
        case .connecting(var pending, let bytes):
            guard bytes + frame.count <= options.maxPendingBytes else {
                counters.framesDropped += 1
                return
            }
            pending.append(frame)
            slots[connection.id] = (connection, .connecting(pending: pending, bytes: bytes + frame.count))
        case .open(let channel):
            // Like a full UDP socket: drop the whole frame rather than queue without bound.
            guard channel.isWritable else {
                counters.framesDropped += 1
                return
            }
            channel.writeAndFlush(channel.allocator.buffer(bytes: frame), promise: nil)
            counters.framesSent += 1
        }
    }

    /// Closes every connection not in `wanted` (the core's current list).
    package func retain(_ wanted: [RelayConnection]) {
        guard !slots.isEmpty else { return }
        let keep = Set(wanted.map(\.id))
        for id in slots.keys.sorted() where !keep.contains(id) { close(id) }
    }

    /// Bytes read from a connection this object still holds.
    func delivered(_ bytes: [UInt8], on connection: RelayConnection) {
        guard slots[connection.id] != nil else { return }
        counters.bytesReceived += bytes.count
        receiver?.receive(streamBytes: bytes, on: connection)
    }

    /// A connection ended or never opened. The core hears of it only if it still wanted it (one
    /// this object closed on the core's behalf is already forgotten).
    func ended(_ connection: RelayConnection, reason: String) {
        guard slots.removeValue(forKey: connection.id) != nil else { return }
        finished.insert(connection.id)
        receiver?.relayConnectionClosed(connection, reason: reason)
    }

    /// Closes every connection (their last frames are already written); returns their channels.
    package func closeAll() -> [any Channel] {
        let channels = slots.values.compactMap { entry -> (any Channel)? in
            if case .open(let channel) = entry.slot { return channel }
            return nil
        }
        finished.formUnion(slots.keys)
        slots = [:]
        return channels
    }

    private func close(_ id: Int) {
        guard let entry = slots.removeValue(forKey: id) else { return }
        finished.insert(id)
        if case .open(let channel) = entry.slot { channel.close(promise: nil) }
        // A connection still connecting is closed when its connect completes and finds no slot.
    }

    private func open(_ connection: RelayConnection) {
        let context: NIOSSLContext?
        do {
            context = connection.transport == .tls ? try tls() : nil
        } catch {
            failed(connection, reason: "TLS configuration: \(error)")
            return
        }
        let streams = NIOLoopBound(self, eventLoop: eventLoop)
        let timeout = options.connectTimeout.components
        let chunk = max(1024, options.readChunkSize)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 1024, initial: 4096, maximum: chunk))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: context, serverHostname: connection.serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(RelayStreamHandler(connection: connection, streams: streams))
                }
            }
        let future: EventLoopFuture<any Channel>
        do {
            future = try bootstrap.bind(to: TransportAddress(ip: connection.local.ip, port: 0).nioAddress())
                .connect(to: connection.server.nioAddress())
        } catch {
            failed(connection, reason: "\(error)")
            return
        }
        future.assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let channel):
                guard case .connecting(let pending, _) = slots[connection.id]?.slot else {
                    // Closed (or superseded) while connecting.
                    channel.close(promise: nil)
                    return
                }
                slots[connection.id] = (connection, .open(channel))
                counters.connectionsOpened += 1
                for frame in pending { channel.write(channel.allocator.buffer(bytes: frame), promise: nil) }
                channel.flush()
                counters.framesSent += pending.count
            case .failure(let error):
                failed(connection, reason: "connect: \(error)")
            }
        }
    }

    /// A connection that never opened: reported like a closed one, on the loop's next turn, so
    /// the receiver is never re-entered from inside the write that tried to open it.
    private func failed(_ connection: RelayConnection, reason: String) {
        eventLoop.assumeIsolated().execute { [self] in ended(connection, reason: reason) }
    }

    private func tls() throws -> NIOSSLContext {
        if let tlsContext { return try tlsContext.get() }
        let result = Result { () throws -> NIOSSLContext in
            var configuration = TLSConfiguration.makeClientConfiguration()
            // RFC 8656 §3.1 / RFC 7065: TURN over TLS verifies the server like any TLS client.
            configuration.certificateVerification = .fullVerification
            configuration.trustRoots = .default
            let extra = try options.additionalTrustRootsPEM.flatMap { try NIOSSLCertificate.fromPEMBytes(Array($0.utf8)) }
            if !extra.isEmpty { configuration.additionalTrustRoots = [.certificates(extra)] }
            return try NIOSSLContext(configuration: configuration)
        }
        tlsContext = result
        return try result.get()
    }
}
