import Synchronization
import DTLS
import ICE
import Logging
import NIOCore
import RTCDriver
import STUN

/// The state a ``PeerConnection`` confines to its event loop: the sans-IO core, the sockets, the
/// timer and the channel objects. After every input it drains the core's transmits (written,
/// then flushed once per socket) and events (dispatched to the connection and its channels) and
/// re-arms the one timer for `pollTimeout()`.
final class PeerDriver: DatagramReceiver, RelayStreamReceiver {
    let eventLoop: any EventLoop
    let clock: DriverClock
    let core: PeerConnectionCore
    let continuation: AsyncStream<PeerEvent>.Continuation
    let logger: Logger
    weak var link: PeerConnectionLink?
    var sockets: [STUN.SocketAddress: any Channel] = [:]
    /// TURN over TCP and TLS: the second transport under this driver, beside the UDP sockets.
    let streams: RelayStreams<PeerDriver>
    var socketOrder: [STUN.SocketAddress] = []
    var channels: [DataChannelHandle: DataChannel] = [:]
    var timer: Scheduled<Void>?
    var timerInstant: RTCInstant?
    var dirtySockets: [any Channel] = []
    var isClosed = false
    /// Tests: the UDP path is cut (see `PeerConnection.dropAllDatagrams`).
    var dropsAllDatagrams = false
    /// Datagrams were handled since the last flush (see `receiveComplete`).
    var receivedSinceFlush = false
    var sendsDropped = 0
    var datagramsSent = 0
    var datagramsReceived = 0
    var socketErrors = 0
    var gatheringWaiters: [EventLoopPromise<Void>] = []

    init(eventLoop: any EventLoop, clock: DriverClock, core: PeerConnectionCore,
         continuation: AsyncStream<PeerEvent>.Continuation, logger: Logger) {
        self.eventLoop = eventLoop
        self.clock = clock
        self.core = core
        self.continuation = continuation
        self.logger = logger
        self.streams = RelayStreams(eventLoop: eventLoop, options: core.configuration.relayTransport)
        streams.receiver = self
    }

    func adopt(sockets bound: [(address: STUN.SocketAddress, channel: any Channel)]) {
        for (address, channel) in bound {
            sockets[address] = channel
            socketOrder.append(address)
        }
        core.hostAddresses = socketOrder
    }

    /// ICE restart after a network change: adopts the `adding` sockets, restarts the core on them
    /// and the bound ones whose IP is still `wanted`, and returns the sockets to close.
    func restartIce(keeping wanted: [STUN.SocketAddress], adding: [(address: STUN.SocketAddress, channel: any Channel)],
                    iceServers: [ICEServer]?) -> Result<[any Channel], PeerConnectionError> {
        guard !isClosed else { return .failure(.closed) }
        let kept = socketOrder.filter { bound in
            wanted.contains { $0.ip == bound.ip && ($0.port == 0 || $0.port == bound.port) }
        }
        let removed = socketOrder.filter { !kept.contains($0) }
        let next = kept + adding.map(\.address)
        do throws(PeerConnectionError) {
            try core.restartIce(hostAddresses: next, iceServers: iceServers, now: clock.now())
        } catch {
            return .failure(error)
        }
        let closing = removed.compactMap { sockets.removeValue(forKey: $0) }
        for (address, channel) in adding { sockets[address] = channel }
        socketOrder = next
        logger.debug("ICE restart", metadata: ["removed": "\(removed)", "added": "\(adding.map(\.address))"])
        flush()
        return .success(closing)
    }

    func receive(_ bytes: [UInt8], from remote: STUN.SocketAddress, to local: STUN.SocketAddress) {
        guard !isClosed, !dropsAllDatagrams else { return }
        datagramsReceived += 1
        core.handle(datagram: bytes, from: remote, to: local, now: clock.now())
        // Flushed once per read burst, in `receiveComplete`: the SACKs and echoes several
        // datagrams produce leave together, and events are dispatched once.
        receivedSinceFlush = true
    }

    func receiveComplete() {
        guard receivedSinceFlush else { return }
        receivedSinceFlush = false
        flush()
    }

    /// Bytes read from a TURN server's TCP/TLS connection.
    func receive(streamBytes: [UInt8], on connection: RelayConnection) {
        guard !isClosed, !dropsAllDatagrams else { return }
        core.handle(streamBytes: streamBytes, on: connection, now: clock.now())
        flush()
    }

    /// A TURN server's TCP/TLS connection ended: its allocation fails in the ICE agent.
    func relayConnectionClosed(_ connection: RelayConnection, reason: String) {
        guard !isClosed else { return }
        logger.debug("TURN connection closed", metadata: ["connection": "\(connection)", "reason": "\(reason)"])
        core.handleConnectionClosed(connection, reason: reason, now: clock.now())
        flush()
    }

    func socketError() {
        socketErrors += 1
    }

    /// Hands a burst of accepted messages to the core, then flushes once.
    func send(_ batch: [PendingSend]) {
        let now = clock.now()
        for item in batch {
            do {
                try core.send(item.message, on: item.handle, now: now)
            } catch {
                // The channel closed between the caller's check and now: the bytes are gone.
                channels[item.handle]?.dequeued(item.size)
                logger.debug("send dropped", metadata: ["channel": "\(item.handle)", "error": "\(error)"])
            }
        }
        flush()
    }

    /// Creates the channel in the core and its object here, before any of its events are dispatched.
    func makeChannel(_ label: String, options: DataChannelInit) -> Result<DataChannel, PeerConnectionError> {
        guard !isClosed, let link else { return .failure(.closed) }
        defer { flush() }
        do throws(PeerConnectionError) {
            let handle = try core.createDataChannel(label, options: options, now: clock.now())
            guard let info = core.channelInfo(handle) else { return .failure(.closed) }
            let channel = DataChannel(handle: handle, info: info, state: .connecting, connection: link)
            channels[handle] = channel
            return .success(channel)
        } catch {
            return .failure(error)
        }
    }

    func closeChannel(_ handle: DataChannelHandle) {
        core.closeChannel(handle, now: clock.now())
        flush()
    }

    func foreignOutput() {
        guard !isClosed else { return }
        core.flushForeignOutput(now: clock.now())
        flush()
    }

    /// Runs `body` on the core with the current time, then flushes.
    func withCore<T>(_ body: (PeerConnectionCore, RTCInstant) throws(PeerConnectionError) -> T) throws(PeerConnectionError) -> T {
        guard !isClosed else { throw .closed }
        defer { flush() }
        return try body(core, clock.now())
    }

    /// Drains transmits and events, then re-arms the timer: run after every input.
    func flush() {
        while let transmit = core.pollTransmit() { write(transmit) }
        for channel in dirtySockets { channel.flush() }
        dirtySockets.removeAll(keepingCapacity: true)
        while let event = core.pollEvent() { dispatch(event) }
        if !streams.isEmpty { streams.retain(core.relayConnections) }
        rearm()
    }

    private func write(_ transmit: Transmit) {
        if let connection = transmit.connection {
            guard !dropsAllDatagrams else {
                sendsDropped += 1
                return
            }
            streams.write(transmit.payload, on: connection)
            return
        }
        guard !dropsAllDatagrams, let channel = sockets[transmit.source],
              let destination = try? transmit.destination.nioAddress() else {
            sendsDropped += 1
            return
        }
        let buffer = channel.allocator.buffer(bytes: transmit.payload)
        channel.write(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
        if !dirtySockets.contains(where: { $0 === channel }) { dirtySockets.append(channel) }
        datagramsSent += 1
    }

    private func dispatch(_ event: PeerConnectionEvent) {
        switch event {
        case .localCandidate(let candidate):
            logger.debug("local candidate", metadata: ["candidate": "\(candidate)"])
            continuation.yield(.iceCandidate(candidate))
        case .iceDiagnostic(let diagnostic):
            logger.debug("\(diagnostic)")
        case .endOfCandidates:
            continuation.yield(.iceCandidate(nil))
        case .iceGatheringStateChanged(let state):
            link?.states.withLock { $0.gathering = state }
            continuation.yield(.iceGatheringStateChange(state))
            if state == .complete {
                for waiter in gatheringWaiters { waiter.succeed() }
                gatheringWaiters = []
            }
        case .iceConnectionStateChanged(let state):
            link?.states.withLock { $0.ice = state }
            continuation.yield(.iceConnectionStateChange(state))
        case .selectedCandidatePairChanged(let pair):
            logger.debug("selected pair", metadata: ["local": "\(pair.local.type.rawValue) \(pair.local.address)",
                                                     "remote": "\(pair.remote.type.rawValue) \(pair.remote.address)"])
            continuation.yield(.selectedCandidatePairChange(pair))
        case .connectionStateChanged(let state):
            if state == .failed {
                logger.warning("connection failed", metadata: ["reason": "\(core.failureReason ?? "unknown")"])
            } else {
                logger.debug("connection state", metadata: ["state": "\(state.rawValue)"])
            }
            link?.states.withLock { $0.connection = state }
            continuation.yield(.connectionStateChange(state))
        case .signalingStateChanged(let state):
            link?.states.withLock { $0.signaling = state }
            continuation.yield(.signalingStateChange(state))
            link?.maxMessageSize = core.maxMessageSize
        case .dataChannel(let handle, let info):
            guard let link else { return }
            let channel = DataChannel(handle: handle, info: info, state: .connecting, connection: link)
            channels[handle] = channel
            if let handler = link.dataChannelHandler.withLock({ $0.handler }) {
                handler(channel)
            } else {
                continuation.yield(.dataChannel(channel))
            }
        case .channelIDAssigned(let handle, let id):
            channels[handle]?.update { $0.id = id }
        case .channelOpened(let handle):
            guard let channel = channels[handle] else { return }
            channel.update { $0.readyState = .open }
            channel.emit(.open)
        case .message(let handle, let message):
            channels[handle]?.emit(.message(message))
        case .bytesDequeued(let handle, let bytes):
            channels[handle]?.dequeued(bytes)
        case .channelClosing(let handle):
            guard let channel = channels[handle] else { return }
            channel.update { $0.readyState = .closing }
            channel.emit(.closing)
        case .channelClosed(let handle):
            guard let channel = channels.removeValue(forKey: handle) else { return }
            channel.update {
                $0.readyState = .closed
                $0.bufferedAmount = 0
            }
            channel.emit(.close)
            channel.continuation.finish()
        }
    }

    /// Keeps exactly one timer scheduled, for the core's `pollTimeout()`.
    private func rearm() {
        guard !isClosed, let next = core.pollTimeout() else {
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
        guard !isClosed else { return }
        core.handleTimeout(now: clock.now())
        flush()
    }

    /// Closes the core (its last datagrams are written), then returns the sockets to close.
    func close() -> [any Channel] {
        guard !isClosed else { return [] }
        core.close(now: clock.now())
        flush()
        isClosed = true
        timer?.cancel()
        timer = nil
        for (_, channel) in channels {
            channel.update {
                $0.readyState = .closed
                $0.bufferedAmount = 0
            }
            channel.continuation.finish()
        }
        channels = [:]
        for waiter in gatheringWaiters { waiter.fail(PeerConnectionError.closed) }
        gatheringWaiters = []
        continuation.finish()
        let bound = socketOrder.compactMap { sockets[$0] } + streams.closeAll()
        sockets = [:]
        return bound
    }
}
