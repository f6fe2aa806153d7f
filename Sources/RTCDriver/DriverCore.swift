import ICE
import NIOCore
import STUN

/// The state an ``ICEDriver`` confines to its event loop: the agent, the sockets and the timer.
///
/// Every method runs on `eventLoop` (the driver reaches it through a `NIOLoopBoundBox`), so the
/// agent has a single owner and needs no lock. After any input the core drains the agent's
/// transmits and events and re-arms the timer for `pollTimeout()`, the contract of every sans-IO core.
final class DriverCore: DatagramReceiver, RelayStreamReceiver {
    let eventLoop: any EventLoop
    let clock: DriverClock
    let configuration: ICEConfiguration
    let role: ICERole
    let localCredentials: ICECredentials
    let continuation: AsyncStream<ICEEvent>.Continuation
    private(set) var agent: ICEAgent?
    private var sockets: [STUN.SocketAddress: any Channel] = [:]
    /// TURN over TCP and TLS: the second transport under this driver, beside the UDP sockets.
    private let streams: RelayStreams<DriverCore>
    private var socketOrder: [STUN.SocketAddress] = []
    private var timer: Scheduled<Void>?
    private var timerInstant: RTCInstant?
    private(set) var stats = ICEDriverStats()
    private(set) var isClosed = false

    init(eventLoop: any EventLoop, clock: DriverClock, configuration: ICEConfiguration, role: ICERole,
         localCredentials: ICECredentials, relayOptions: RelayTransportOptions,
         continuation: AsyncStream<ICEEvent>.Continuation) {
        self.eventLoop = eventLoop
        self.clock = clock
        self.configuration = configuration
        self.role = role
        self.localCredentials = localCredentials
        self.continuation = continuation
        self.streams = RelayStreams(eventLoop: eventLoop, options: relayOptions)
        streams.receiver = self
    }

    /// Creates the agent for the bound sockets and starts gathering; returns the candidates known at once.
    func start(sockets bound: [(address: STUN.SocketAddress, channel: any Channel)]) throws(ICEDriverError) -> [Candidate] {
        guard !isClosed else { throw .closed }
        guard agent == nil else { throw .alreadyStarted }
        for (address, channel) in bound {
            sockets[address] = channel
            socketOrder.append(address)
        }
        var agentConfiguration = configuration
        agentConfiguration.hostAddresses = socketOrder
        agent = ICEAgent(configuration: agentConfiguration, role: role, localCredentials: localCredentials,
                         random: SystemRandomNumberGenerator())
        let now = clock.now()
        agent?.startGathering(now: now)
        let candidates = agent?.localCandidates ?? []
        flush()
        return candidates.filter { configuration.transportPolicy == .all || $0.type == .relay }
    }

    /// A datagram read from the socket bound to `local`.
    ///
    /// RFC 7983 demultiplexing happens in the agent: STUN answers checks, traffic from a TURN server
    /// (STUN or ChannelData) goes to its client, and anything else from a valid pair comes out as
    /// ``ICE/ICEEvent/data(_:from:)`` for the layer above (DTLS).
    func receive(_ bytes: [UInt8], from remote: STUN.SocketAddress, to local: STUN.SocketAddress) {
        guard !isClosed, agent != nil else { return }
        stats.datagramsReceived += 1
        agent?.handle(bytes, from: remote, to: local, now: clock.now())
        flush()
    }

    /// Bytes read from a TURN server's TCP/TLS connection.
    func receive(streamBytes: [UInt8], on connection: RelayConnection) {
        guard !isClosed, agent != nil else { return }
        agent?.handle(streamBytes: streamBytes, on: connection, now: clock.now())
        flush()
    }

    /// A TURN server's TCP/TLS connection ended: its allocation fails in the agent.
    func relayConnectionClosed(_ connection: RelayConnection, reason: String) {
        guard !isClosed, agent != nil else { return }
        agent?.handleConnectionClosed(connection, reason: reason, now: clock.now())
        flush()
    }

    /// A socket reported an error; UDP sockets stay usable, so it is only counted.
    func socketError() {
        stats.socketErrors += 1
    }

    func setRemoteCredentials(_ credentials: ICECredentials) throws(ICEDriverError) {
        try withAgent { $0.setRemoteCredentials(credentials, now: $1) }
    }

    func addRemoteCandidate(_ candidate: Candidate) throws(ICEDriverError) -> Bool {
        try withAgent { $0.addRemoteCandidate(candidate, now: $1) }
    }

    func setRemoteEndOfCandidates() throws(ICEDriverError) {
        try withAgent { $0.setRemoteEndOfCandidates(now: $1) }
    }

    /// Sends application bytes on the selected pair.
    func send(_ bytes: [UInt8]) throws {
        guard !isClosed else { throw ICEDriverError.closed }
        guard agent != nil else { throw ICEDriverError.notStarted }
        defer { flush() }
        try agent!.send(bytes, now: clock.now())
    }

    func status() -> ICEDriverStatus {
        var stats = self.stats
        stats.relayConnectionsOpened = streams.counters.connectionsOpened
        stats.relayFramesSent = streams.counters.framesSent
        stats.relayFramesDropped = streams.counters.framesDropped
        stats.relayBytesReceived = streams.counters.bytesReceived
        return ICEDriverStatus(connectionState: agent?.connectionState ?? (isClosed ? .closed : .new),
                        gatheringState: agent?.gatheringState ?? .new,
                        selectedPair: agent?.selectedPair,
                        localAddresses: socketOrder,
                        relayConnections: agent?.relayConnections ?? [],
                        agentStats: agent?.stats ?? ICEStats(),
                        driverStats: stats)
    }

    /// Closes the agent (TURN allocations are released with a last transmit), then the sockets;
    /// finishes ``ICEDriver/events``. Returns the sockets to wait for.
    func close() -> [any Channel] {
        guard !isClosed else { return [] }
        agent?.close(now: clock.now())
        flush()
        isClosed = true
        timer?.cancel()
        timer = nil
        continuation.finish()
        let channels = socketOrder.compactMap { sockets[$0] } + streams.closeAll()
        sockets = [:]
        return channels
    }

    private func withAgent<T>(_ body: (inout ICEAgent, RTCInstant) -> T) throws(ICEDriverError) -> T {
        guard !isClosed else { throw .closed }
        guard agent != nil else { throw .notStarted }
        let result = body(&agent!, clock.now())
        flush()
        return result
    }

    /// Drains transmits and events, then re-arms the timer: run after every input.
    private func flush() {
        guard agent != nil else { return }
        defer { rearm() }
        // Mutated in place through the optional: copying the agent out would copy its queues.
        while let transmit = agent?.pollTransmit() { write(transmit) }
        while let event = agent?.pollEvent() {
            if case .dropped = continuation.yield(event) { stats.eventsDropped += 1 }
        }
        if !streams.isEmpty, let agent { streams.retain(agent.relayConnections) }
    }

    private func write(_ transmit: Transmit) {
        if let connection = transmit.connection {
            streams.write(transmit.payload, on: connection)
            return
        }
        guard let channel = sockets[transmit.source], channel.isWritable,
              let destination = try? transmit.destination.nioAddress() else {
            stats.sendsDropped += 1
            return
        }
        let buffer = channel.allocator.buffer(bytes: transmit.payload)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
        stats.datagramsSent += 1
    }

    /// Keeps exactly one timer scheduled, for the agent's `pollTimeout()`.
    private func rearm() {
        guard !isClosed, let next = agent?.pollTimeout() else {
            timer?.cancel()
            timer = nil
            timerInstant = nil
            return
        }
        if next == timerInstant, timer != nil { return }
        timer?.cancel()
        timerInstant = next
        timer = eventLoop.assumeIsolated().scheduleTask(deadline: clock.deadline(of: next)) { [weak self] in
            self?.fire()
        }
    }

    private func fire() {
        timer = nil
        timerInstant = nil
        guard !isClosed, agent != nil else { return }
        agent?.handleTimeout(now: clock.now())
        flush()
    }
}
