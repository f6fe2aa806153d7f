import Synchronization
import DTLS
import ICE
import Logging
import NIOCore
import RTCDriver
import RTCBase

/// The state a ``PeerConnection`` confines to its event loop: the sans-IO core run by the
/// package's one ``UDPDriver`` (sockets, TURN streams, timer), the channel objects, and the
/// dispatch of the core's events to the connection and its channels.
final class PeerDriver: DatagramReceiver {
    let eventLoop: any EventLoop
    let core: PeerConnectionCore
    let transport: UDPDriver<PeerConnectionCore>
    let continuation: AsyncStream<PeerEvent>.Continuation
    let logger: Logger
    weak var link: PeerConnectionLink?
    var channels: [DataChannelHandle: DataChannel] = [:]
    var gatheringWaiters: [EventLoopPromise<Void>] = []
    /// When set, events go here, on the loop, instead of to ``continuation`` (see
    /// `PeerConnection.setEventHandler`).
    var eventHandler: (@Sendable (PeerEvent) -> Void)?

    init(eventLoop: any EventLoop, clock: DriverClock, core: PeerConnectionCore,
         continuation: AsyncStream<PeerEvent>.Continuation, logger: Logger) {
        self.eventLoop = eventLoop
        self.core = core
        self.continuation = continuation
        self.logger = logger
        self.transport = UDPDriver(eventLoop: eventLoop, clock: clock, core: core,
                                   relayOptions: core.configuration.relayTransport)
        transport.onEvent = { [unowned self] event in self.dispatch(event) }
        transport.onNotice = { [logger] notice in
            switch notice {
            case .segmentationRefused(let code, let local, let destination):
                logger.notice("UDP GSO refused; the socket writes datagram by datagram from now on",
                              metadata: ["errno": "\(code)", "local": "\(local)", "destination": "\(destination)"])
            case .receiveOffloadFailed(let local, let error):
                logger.notice("UDP GRO could not be turned on", metadata: ["local": "\(local.map { "\($0)" } ?? "?")", "error": "\(error)"])
            }
        }
    }

    var isClosed: Bool { transport.isClosed }
    var socketOrder: [TransportAddress] { transport.socketOrder }
    /// Tests: the UDP path is cut (see `PeerConnection.dropAllDatagrams`).
    var dropsAllDatagrams: Bool {
        get { transport.dropsAllDatagrams }
        set { transport.dropsAllDatagrams = newValue }
    }

    func adopt(sockets bound: [(address: TransportAddress, channel: any Channel)]) {
        transport.adopt(bound)
        core.hostAddresses = transport.socketOrder
    }

    /// ICE restart after a network change: adopts the `adding` sockets, restarts the core on them
    /// and the bound ones whose IP is still `wanted`, and returns the sockets to close.
    func restartIce(keeping wanted: [TransportAddress], adding: [(address: TransportAddress, channel: any Channel)],
                    iceServers: [ICEServer]?) -> Result<[any Channel], PeerConnectionError> {
        guard !isClosed else { return .failure(.closed) }
        let kept = socketOrder.filter { bound in wanted.contains { bound.satisfies($0) } }
        let removed = socketOrder.filter { !kept.contains($0) }
        let next = kept + adding.map(\.address)
        do throws(PeerConnectionError) {
            try withCore { core, now throws(PeerConnectionError) in
                try core.restartIce(hostAddresses: next, iceServers: iceServers, now: now)
            }
        } catch {
            return .failure(error)
        }
        logger.debug("ICE restart", metadata: ["removed": "\(removed)", "added": "\(adding.map(\.address))"])
        return .success(transport.replaceSockets(keeping: kept, adding: adding))
    }

    // The sockets' datagrams go to the transport; the pipeline holds this object's box.
    func receive(_ bytes: [UInt8], from remote: TransportAddress, to local: TransportAddress) {
        transport.receive(bytes, from: remote, to: local)
    }

    func receiveComplete() {
        transport.receiveComplete()
    }

    func socketError() {
        transport.socketError()
    }

    func receiveOffloadFailed(on local: TransportAddress?, error: any Error) {
        transport.receiveOffloadFailed(on: local, error: error)
    }

    /// Hands a burst of accepted messages to the core, then flushes once.
    func send(_ batch: [PendingSend]) {
        _ = transport.withCore { core, now in
            for item in batch {
                do {
                    try core.send(item.message, on: item.handle, now: now)
                } catch {
                    // The channel closed between the caller's check and now: the bytes are gone.
                    channels[item.handle]?.dequeued(item.size)
                    logger.debug("send dropped", metadata: ["channel": "\(item.handle)", "error": "\(error)"])
                }
            }
        }
    }

    /// Creates the channel in the core and its object here, before any of its events are dispatched.
    func makeChannel(_ label: String, options: DataChannelInit) -> Result<DataChannel, PeerConnectionError> {
        guard !isClosed, let link else { return .failure(.closed) }
        defer { flush() }
        do throws(PeerConnectionError) {
            let handle = try core.createDataChannel(label, options: options, now: transport.clock.now())
            guard let info = core.channelInfo(handle) else { return .failure(.closed) }
            let channel = DataChannel(handle: handle, info: info, state: .connecting, connection: link)
            channels[handle] = channel
            return .success(channel)
        } catch {
            return .failure(error)
        }
    }

    func closeChannel(_ handle: DataChannelHandle) {
        _ = transport.withCore { core, now in core.closeChannel(handle, now: now) }
    }

    func foreignOutput() {
        _ = transport.withCore { core, now in core.flushForeignOutput(now: now) }
    }

    /// Runs `body` on the core with the current time, then flushes.
    func withCore<T>(_ body: (PeerConnectionCore, RTCInstant) throws(PeerConnectionError) -> T) throws(PeerConnectionError) -> T {
        guard let result = try transport.withCore({ core, now throws(PeerConnectionError) in try body(core, now) }) else {
            throw .closed
        }
        return result
    }

    /// Drains transmits and events, then re-arms the timer.
    func flush() {
        transport.flush()
    }

    /// Hands `event` to the handler on the loop, or to the stream: a yield to a waiting stream
    /// wakes its reader's thread (~12 µs of the loop's time each on this VM, issue 15).
    private func deliver(_ event: PeerEvent) {
        if let eventHandler { eventHandler(event) } else { continuation.yield(event) }
    }

    private func dispatch(_ event: PeerConnectionEvent) {
        switch event {
        case .localCandidate(let candidate):
            logger.debug("local candidate", metadata: ["candidate": "\(candidate)"])
            deliver(.iceCandidate(candidate))
        case .iceDiagnostic(let diagnostic):
            logger.debug("\(diagnostic)")
        case .endOfCandidates:
            deliver(.iceCandidate(nil))
        case .iceGatheringStateChanged(let state):
            link?.states.withLock { $0.gathering = state }
            deliver(.iceGatheringStateChange(RTCIceGatheringState(state)))
            if state == .complete {
                for waiter in gatheringWaiters { waiter.succeed() }
                gatheringWaiters = []
            }
        case .iceConnectionStateChanged(let state):
            link?.states.withLock { $0.ice = state }
            deliver(.iceConnectionStateChange(RTCIceConnectionState(state)))
        case .selectedCandidatePairChanged(let pair):
            logger.debug("selected pair", metadata: ["local": "\(pair.local.type.rawValue) \(pair.local.address)",
                                                     "remote": "\(pair.remote.type.rawValue) \(pair.remote.address)"])
            deliver(.selectedCandidatePairChange(RTCIceCandidatePair(pair)))
        case .connectionStateChanged(let state):
            if state == .failed {
                logger.warning("connection failed", metadata: ["reason": "\(core.failureReason ?? "unknown")"])
            } else {
                logger.debug("connection state", metadata: ["state": "\(state.rawValue)"])
            }
            link?.states.withLock { $0.connection = state }
            deliver(.connectionStateChange(state))
        case .signalingStateChanged(let state):
            link?.states.withLock { $0.signaling = state }
            deliver(.signalingStateChange(state))
            link?.maxMessageSize = core.maxMessageSize
        case .dataChannel(let handle, let info):
            guard let link else { return }
            let channel = DataChannel(handle: handle, info: info, state: .connecting, connection: link)
            channels[handle] = channel
            if let handler = link.dataChannelHandler.withLock({ $0.handler }) {
                handler(channel)
            } else {
                deliver(.dataChannel(channel))
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

    /// Closes the core (its last datagrams are written), then returns the sockets to close.
    func close() -> [any Channel] {
        guard !isClosed else { return [] }
        let bound = transport.close { core, now in core.close(now: now) }
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
        // It may hold other connections (a trickle target): let them go.
        eventHandler = nil
        continuation.finish()
        return bound
    }
}
