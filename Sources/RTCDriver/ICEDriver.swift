public import ICE
public import NIOCore
import NIOPosix
import RTCBase
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
    private let role: ICERole
    private let options: ICEDriverOptions
    private let driver: NIOLoopBoundBox<UDPDriver<ICEAgent>>
    private let eventsDropped: NIOLoopBoundBox<Int>

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
        self.role = role
        self.options = options
        let dropped = NIOLoopBoundBox.makeBoxSendingValue(0, eventLoop: loop)
        self.eventsDropped = dropped
        let driver = UDPDriver<ICEAgent>(eventLoop: loop, core: nil, relayOptions: options.relayTransport)
        driver.onEvent = { event in
            if case .dropped = continuation.yield(event) { dropped.value += 1 }
        }
        self.driver = .makeBoxSendingValue(driver, eventLoop: loop)
        self.continuation = continuation
    }

    private let continuation: AsyncStream<ICEEvent>.Continuation

    /// Binds the sockets and starts gathering; returns the local candidates known at once (host
    /// candidates, unless the policy is relay-only). Server-reflexive and relay candidates follow
    /// as ``ICE/ICEEvent/localCandidate(_:)`` on ``events``.
    ///
    /// Throws ``ICEDriverError/bindFailed(_:reason:)`` if any address cannot be bound (none stays bound).
    public func start() async throws -> [Candidate] {
        var bound: [(address: TransportAddress, channel: any Channel)] = []
        do {
            for address in configuration.hostAddresses {
                let channel: any Channel
                do {
                    channel = try await UDPDriver<ICEAgent>.bind(
                        address, on: eventLoop, receiver: driver, receiveBufferSize: options.receiveBufferSize,
                        sendBufferSize: options.sendBufferSize, maxDatagramSize: options.maxDatagramSize)
                } catch {
                    throw ICEDriverError.bindFailed(address.description, reason: "\(error)")
                }
                guard let actual = channel.localAddress.flatMap({ TransportAddress($0) }) else {
                    bound.append((address, channel))
                    throw ICEDriverError.bindFailed(address.description, reason: "no local address after bind")
                }
                bound.append((actual, channel))
            }
            let sockets = bound
            let driver = self.driver
            let (configuration, role, credentials) = (self.configuration, self.role, self.localCredentials)
            return try await eventLoop.submit { () throws -> [Candidate] in
                let value = driver.value
                guard !value.isClosed else { throw ICEDriverError.closed }
                guard value.core == nil else { throw ICEDriverError.alreadyStarted }
                value.adopt(sockets)
                var agentConfiguration = configuration
                agentConfiguration.hostAddresses = value.socketOrder
                value.core = ICEAgent(configuration: agentConfiguration, role: role, localCredentials: credentials,
                                      random: SystemRandomNumberGenerator())
                let candidates: [Candidate] = value.withCore { (agent: inout ICEAgent, now: RTCInstant) -> [Candidate] in
                    agent.startGathering(now: now)
                    return agent.localCandidates
                } ?? []
                return candidates.filter { configuration.transportPolicy == .all || $0.type == .relay }
            }.get()
        } catch {
            for (_, channel) in bound { try? await channel.close() }
            throw error
        }
    }

    /// Sets the peer's ufrag and password (new ones later mean an ICE restart by the peer).
    public func setRemoteCredentials(_ credentials: ICECredentials) async throws {
        try await withAgent { agent, now in agent.setRemoteCredentials(credentials, now: now) }
    }

    /// Adds a trickled remote candidate; returns `false` when the agent ignores it (see
    /// ``ICE/ICEAgent/addRemoteCandidate(_:now:)``).
    @discardableResult
    public func addRemoteCandidate(_ candidate: Candidate) async throws -> Bool {
        try await withAgent { agent, now in agent.addRemoteCandidate(candidate, now: now) }
    }

    /// The peer signaled end-of-candidates.
    public func setRemoteEndOfCandidates() async throws {
        try await withAgent { agent, now in agent.setRemoteEndOfCandidates(now: now) }
    }

    /// Sends one datagram of application bytes on the selected pair (through the relay when the
    /// local candidate is one). Throws ``ICE/ICEError/notConnected`` before a pair is selected.
    ///
    /// Like UDP, a datagram may be lost: a full socket queue drops it (``ICEDriverStats/sendsDropped``).
    public func send(_ bytes: [UInt8]) async throws {
        let result: Result<Void, ICEError> = try await withAgent { agent, now in
            do throws(ICEError) {
                try agent.send(bytes, now: now)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// A snapshot of the connection: states, selected pair, bound addresses, counters.
    public func status() async throws -> ICEDriverStatus {
        let driver = self.driver
        let dropped = self.eventsDropped
        return try await eventLoop.submit {
            let value = driver.value
            var stats = ICEDriverStats()
            stats.datagramsReceived = value.counters.datagramsReceived
            stats.datagramsSent = value.counters.datagramsSent
            stats.sendsDropped = value.counters.sendsDropped
            stats.socketErrors = value.counters.socketErrors
            stats.segmentedWrites = value.counters.segmentedWrites
            stats.segmentedWritesRefused = value.counters.segmentedWritesRefused
            stats.eventsDropped = dropped.value
            stats.relayConnectionsOpened = value.streams.counters.connectionsOpened
            stats.relayFramesSent = value.streams.counters.framesSent
            stats.relayFramesDropped = value.streams.counters.framesDropped
            stats.relayBytesReceived = value.streams.counters.bytesReceived
            let agent = value.core
            return ICEDriverStatus(connectionState: agent?.connectionState ?? (value.isClosed ? .closed : .new),
                                   gatheringState: agent?.gatheringState ?? .new,
                                   selectedPair: agent?.selectedPair,
                                   localAddresses: value.socketOrder,
                                   relayConnections: agent?.relayConnections ?? [],
                                   agentStats: agent?.stats ?? ICEStats(),
                                   driverStats: stats)
        }.get()
    }

    /// Closes gracefully: the agent releases its TURN allocations, the sockets close, and
    /// ``events`` finishes. Safe to call more than once.
    public func close() async {
        let driver = self.driver
        let continuation = self.continuation
        guard let channels = try? await eventLoop.submit({ () -> [any Channel] in
            let channels = driver.value.close { agent, now in agent.close(now: now) }
            continuation.finish()
            return channels
        }).get() else { return }
        for channel in channels { try? await channel.close() }
    }

    /// Runs `body` on the started agent, on the loop.
    private func withAgent<T: Sendable>(_ body: @escaping @Sendable (inout ICEAgent, RTCInstant) -> T) async throws -> T {
        let driver = self.driver
        return try await eventLoop.submit { () throws -> T in
            let value = driver.value
            guard !value.isClosed else { throw ICEDriverError.closed }
            guard let result = value.withCore(body) else { throw ICEDriverError.notStarted }
            return result
        }.get()
    }
}
