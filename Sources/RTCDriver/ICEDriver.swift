public import ICE
public import NIOCore
import NIOPosix
import STUN

/// Runs one ``ICE/ICEAgent`` over real UDP sockets: the only place with sockets and a clock.
///
/// TURN servers reached over TCP or TLS (`turn:...?transport=tcp`, `turns:`) get a connection each,
/// opened on the agent's first transmit to them (``RelayTransportOptions`` in the options).
///
/// The driver binds one SwiftNIO datagram socket per address in
/// ``ICE/ICEConfiguration/hostAddresses`` (IPv4 or IPv6, port 0 picks a free port), all on one
/// event loop that owns the agent: datagrams, timer expiries and the calls below are all handled
/// there, one at a time, and after each the agent's transmits are written and its events yielded.
///
/// ```swift
/// let driver = ICEDriver(configuration: config, role: .controlling)
/// let candidates = try await driver.start()        // trickle these and driver.localCredentials
/// try await driver.setRemoteCredentials(peerCredentials)
/// try await driver.addRemoteCandidate(peerCandidate)
/// for await event in driver.events { ... }         // .connectionStateChanged(.connected), .data(...)
/// try await driver.send(bytes)
/// await driver.close()
/// ```
public final class ICEDriver: Sendable {
    /// Our ICE ufrag and password, to signal to the peer.
    public let localCredentials: ICECredentials
    /// Everything the agent reports, in order: local candidates, gathering and connection state,
    /// the selected pair, and application data (``ICE/ICEEvent/data(_:from:)``, the non-STUN
    /// datagrams of RFC 7983 such as DTLS). Bounded by ``ICEDriverOptions/eventBufferLimit``;
    /// finishes when the driver closes. Iterate it from one task only.
    public let events: AsyncStream<ICEEvent>
    /// The event loop that owns the sockets and the agent.
    public let eventLoop: any EventLoop

    private let configuration: ICEConfiguration
    private let options: ICEDriverOptions
    private let core: NIOLoopBoundBox<DriverCore>

    /// Creates a driver; nothing is bound until ``start()``.
    ///
    /// - Parameters:
    ///   - configuration: the agent's configuration; each host address is bound as given (port 0 allowed).
    ///   - role: the initial ICE role (the offerer is usually controlling).
    ///   - localCredentials: our ufrag/pwd; random ones from the system generator when `nil`.
    ///   - options: socket buffers and queue bounds.
    ///   - eventLoop: the loop to run on; one of `MultiThreadedEventLoopGroup.singleton` when `nil`.
    public init(configuration: ICEConfiguration, role: ICERole, localCredentials: ICECredentials? = nil,
                options: ICEDriverOptions = ICEDriverOptions(), eventLoop: (any EventLoop)? = nil) {
        var random = SystemRandomNumberGenerator()
        let credentials = localCredentials ?? .random(using: &random)
        let loop = eventLoop ?? MultiThreadedEventLoopGroup.singleton.next()
        let (stream, continuation) = AsyncStream.makeStream(of: ICEEvent.self,
                                                            bufferingPolicy: .bufferingOldest(max(1, options.eventBufferLimit)))
        self.localCredentials = credentials
        self.events = stream
        self.eventLoop = loop
        self.configuration = configuration
        self.options = options
        self.core = .makeBoxSendingValue(
            DriverCore(eventLoop: loop, clock: DriverClock(), configuration: configuration, role: role,
                       localCredentials: credentials, relayOptions: options.relayTransport, continuation: continuation),
            eventLoop: loop)
    }

    /// Binds the sockets and starts gathering; returns the local candidates known at once (host
    /// candidates, unless the policy is relay-only). Server-reflexive and relay candidates follow
    /// as ``ICE/ICEEvent/localCandidate(_:)`` on ``events``.
    ///
    /// Throws ``ICEDriverError/bindFailed(_:reason:)`` if any address cannot be bound (none stays bound).
    public func start() async throws -> [Candidate] {
        var bound: [(address: STUN.SocketAddress, channel: any Channel)] = []
        do {
            for address in configuration.hostAddresses {
                let channel = try await bind(address)
                let local = channel.localAddress.flatMap { STUN.SocketAddress($0) }
                guard let actual = local else {
                    bound.append((address, channel))
                    throw ICEDriverError.bindFailed(address.description, reason: "no local address after bind")
                }
                bound.append((actual, channel))
            }
            let sockets = bound
            let core = self.core
            return try await eventLoop.submit { try core.value.start(sockets: sockets) }.get()
        } catch {
            for (_, channel) in bound { try? await channel.close() }
            throw error
        }
    }

    /// Sets the peer's ufrag and password (new ones later mean an ICE restart by the peer).
    public func setRemoteCredentials(_ credentials: ICECredentials) async throws {
        let core = self.core
        try await eventLoop.submit { try core.value.setRemoteCredentials(credentials) }.get()
    }

    /// Adds a trickled remote candidate; returns `false` when the agent ignores it (see
    /// ``ICE/ICEAgent/addRemoteCandidate(_:now:)``).
    @discardableResult
    public func addRemoteCandidate(_ candidate: Candidate) async throws -> Bool {
        let core = self.core
        return try await eventLoop.submit { try core.value.addRemoteCandidate(candidate) }.get()
    }

    /// The peer signaled end-of-candidates.
    public func setRemoteEndOfCandidates() async throws {
        let core = self.core
        try await eventLoop.submit { try core.value.setRemoteEndOfCandidates() }.get()
    }

    /// Sends one datagram of application bytes on the selected pair (through the relay when the
    /// local candidate is one). Throws ``ICE/ICEError/notConnected`` before a pair is selected.
    ///
    /// Like UDP, a datagram may be lost: a full socket queue drops it (``ICEDriverStats/sendsDropped``).
    public func send(_ bytes: [UInt8]) async throws {
        let core = self.core
        try await eventLoop.submit { try core.value.send(bytes) }.get()
    }

    /// A snapshot of the connection: states, selected pair, bound addresses, counters.
    public func status() async throws -> ICEDriverStatus {
        let core = self.core
        return try await eventLoop.submit { core.value.status() }.get()
    }

    /// Closes gracefully: the agent releases its TURN allocations, the sockets close, and
    /// ``events`` finishes. Safe to call more than once.
    public func close() async {
        let core = self.core
        guard let channels = try? await eventLoop.submit({ core.value.close() }).get() else { return }
        for channel in channels { try? await channel.close() }
    }

    private func bind(_ address: STUN.SocketAddress) async throws -> any Channel {
        let core = self.core
        let bootstrap = DatagramBootstrap(group: eventLoop)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(options.receiveBufferSize))
            .channelOption(.socketOption(.so_sndbuf), value: SocketOptionValue(options.sendBufferSize))
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: options.maxDatagramSize))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramHandler(receiver: core))
                }
            }
        do {
            return try await bootstrap.bind(to: address.nioAddress()).get()
        } catch {
            throw ICEDriverError.bindFailed(address.description, reason: "\(error)")
        }
    }
}
