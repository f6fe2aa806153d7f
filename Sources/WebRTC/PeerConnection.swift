import DTLS
import ICE
public import Logging
package import NIOCore
import NIOPosix
public import RTCBase
import RTCDriver
import Synchronization

/// A WebRTC peer connection for data channels: the W3C `RTCPeerConnection` over real UDP sockets.
///
/// The sans-IO ``PeerConnectionCore`` does the protocol work; this class owns its sockets, clock
/// and timer on one SwiftNIO event loop, so every call and every datagram is handled there, one
/// at a time.
///
/// ```swift
/// let pc = try await PeerConnection(configuration: .init())
/// let channel = try await pc.createDataChannel("chat")
/// let offer = try await pc.setLocalDescription()    // or createOffer() and setLocalDescription(offer)
/// // signal offer.sdp, trickle .iceCandidate events, then:
/// try await pc.setRemoteDescription(answer)
/// for await event in channel.events { ... }          // .open, .message(...)
/// ```
public final class PeerConnection: Sendable {
    /// Events in order (candidates, state changes, remote channels); finishes on close.
    /// Iterate it from one task.
    public let events: AsyncStream<PeerEvent>
    /// The loop that owns the sockets and the core, and runs every event handler.
    public let loop: PeerConnectionLoop
    package var eventLoop: any EventLoop { loop.eventLoop }
    /// W3C `getConfiguration().certificates[0]`.
    public let certificate: RTCCertificate

    let link: PeerConnectionLink
    let driver: NIOLoopBoundBox<PeerDriver>
    let configuration: PeerConnectionConfiguration
    let logger: Logger

    /// Creates the connection, resolves the ICE servers' names and binds one UDP socket per
    /// ``PeerConnectionConfiguration/hostAddresses``, on `loop` (by default the shared group's next).
    ///
    /// - Throws: ``PeerConnectionError/certificate(_:)`` or ``PeerConnectionError/bindFailed(_:)``.
    public init(configuration: PeerConnectionConfiguration = PeerConnectionConfiguration(),
                loop: PeerConnectionLoop? = nil,
                logger: Logger = Logger(label: "collab.webrtc")) async throws(PeerConnectionError) {
        let certificate: RTCCertificate
        if let given = configuration.certificate {
            certificate = given
        } else {
            certificate = try RTCCertificate.generate()
        }
        var configuration = configuration
        configuration.resolvedIceServers += await Self.resolve(configuration.iceServers, logger: logger)
        let loop = loop ?? PeerConnectionLoop.next()
        let eventLoop = loop.eventLoop
        let (stream, continuation) = AsyncStream.makeStream(of: PeerEvent.self)
        let core = PeerConnectionCore(configuration: configuration, hostAddresses: [],
                                      certificate: certificate.dtls, random: SystemRandomNumberGenerator())
        let box = NIOLoopBoundBox.makeBoxSendingValue(
            PeerDriver(eventLoop: eventLoop, clock: DriverClock(), core: core, continuation: continuation, logger: logger),
            eventLoop: eventLoop)
        let link = PeerConnectionLink(eventLoop: eventLoop, driver: box, maxQueueBytes: configuration.maxChannelQueueBytes)
        self.events = stream
        self.loop = loop
        self.certificate = certificate
        self.link = link
        self.driver = box
        self.configuration = configuration
        self.logger = logger

        var bound: [(address: TransportAddress, channel: any Channel)] = []
        do {
            for address in configuration.hostAddresses {
                let channel = try await Self.bind(address, on: eventLoop, driver: box, configuration: configuration)
                guard let local = channel.localAddress.flatMap({ TransportAddress($0) }) else {
                    try? await channel.close()
                    throw PeerConnectionError.bindFailed("\(address): no local address after bind")
                }
                bound.append((local, channel))
            }
            let sockets = bound
            try await eventLoop.submit { [weak box] in
                guard let box else { return }
                box.value.link = link
                box.value.adopt(sockets: sockets)
                box.value.core.onForeignOutput = { [weak box] in
                    guard let box else { return }
                    eventLoop.execute { box.value.foreignOutput() }
                }
            }.get()
        } catch {
            for (_, channel) in bound { try? await channel.close() }
            throw (error as? PeerConnectionError) ?? .bindFailed("\(error)")
        }
    }

    deinit {
        let driver = self.driver
        eventLoop.execute {
            for channel in driver.value.close() { channel.close(promise: nil) }
        }
    }

    /// W3C `createOffer()`.
    public func createOffer() async throws(PeerConnectionError) -> RTCSessionDescription {
        try await run { core, _ throws(PeerConnectionError) in try core.createOffer() }
    }

    /// W3C `createAnswer()`.
    public func createAnswer() async throws(PeerConnectionError) -> RTCSessionDescription {
        try await run { core, _ throws(PeerConnectionError) in try core.createAnswer() }
    }

    /// W3C `setLocalDescription()`; gathering starts with the first one.
    public func setLocalDescription(_ description: RTCSessionDescription) async throws(PeerConnectionError) {
        try await run { core, now throws(PeerConnectionError) in try core.setLocalDescription(description, now: now) }
    }

    /// W3C `setLocalDescription()` without a description: makes the offer (or, with a remote
    /// offer applied, the answer), applies it and returns it to signal. One trip to the loop where
    /// `createOffer()` and `setLocalDescription(_:)` take two, each two thread wake-ups.
    @discardableResult
    public func setLocalDescription() async throws(PeerConnectionError) -> RTCSessionDescription {
        try await run { core, now throws(PeerConnectionError) in try core.setLocalDescription(now: now) }
    }

    /// W3C `setRemoteDescription()`.
    public func setRemoteDescription(_ description: RTCSessionDescription) async throws(PeerConnectionError) {
        // The remote's size limit comes back from the same trip to the loop: each trip is two
        // thread wake-ups, on the critical path of every connect.
        link.maxMessageSize = try await run { core, now throws(PeerConnectionError) in
            try core.setRemoteDescription(description, now: now)
            return core.maxMessageSize
        }
    }

    /// W3C `addIceCandidate()`: a trickled candidate, or `nil` for end-of-candidates.
    public func addIceCandidate(_ candidate: String?) async throws(PeerConnectionError) {
        try await run { core, now throws(PeerConnectionError) in try core.addIceCandidate(candidate, now: now) }
    }

    /// `addIceCandidate()` for a caller that does not wait, such as an event handler on the loop
    /// trickling to another connection: the candidate is added on this connection's loop after
    /// the work already queued there, and `completion` (if any) runs there with the error, or
    /// `nil` once it is added. Calls keep their order, also with the async API's calls.
    public func addIceCandidate(_ candidate: String?, completion: (@Sendable (PeerConnectionError?) -> Void)?) {
        let driver = self.driver
        eventLoop.execute {
            do throws(PeerConnectionError) {
                try driver.value.withCore { core, now throws(PeerConnectionError) in try core.addIceCandidate(candidate, now: now) }
                completion?(nil)
            } catch {
                completion?(error)
            }
        }
    }

    /// W3C `localDescription`, with every candidate gathered so far.
    public func localDescription() async -> RTCSessionDescription? {
        try? await run { core, _ in core.localDescription }
    }

    /// Waits until ICE gathering is complete (then ``localDescription()`` carries every candidate
    /// and `a=end-of-candidates`), or `timeout` passes: gathering from an unreachable server must
    /// not stall a non-trickle exchange. Returns whether gathering completed.
    @discardableResult
    public func waitForGatheringComplete(timeout: Duration = .seconds(5)) async -> Bool {
        let driver = self.driver
        let loop = eventLoop
        guard let future = try? await loop.submit({ () -> EventLoopFuture<Void> in
            let value = driver.value
            if value.core.iceGatheringState == .complete { return loop.makeSucceededVoidFuture() }
            let promise = loop.makePromise(of: Void.self)
            value.gatheringWaiters.append(promise)
            let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            let timeoutTask = loop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                promise.fail(PeerConnectionError.transport("gathering timed out"))
            }
            promise.futureResult.whenComplete { _ in timeoutTask.cancel() }
            return promise.futureResult
        }).get() else { return false }
        return (try? await future.get()) != nil
    }

    /// W3C `restartIce()`, done at once: new ICE credentials for the next ``createOffer()``
    /// (RFC 8445 §9); DTLS, SCTP and the channels stay up. After a network change pass the
    /// addresses to gather on now (port 0 picks one): sockets on addresses no longer listed
    /// close, new ones are bound, and an address that cannot be bound any more is skipped.
    /// `iceServers` replaces the servers gathering asks from now on (fresh TURN credentials).
    public func restartIce(hostAddresses: [TransportAddress]? = nil,
                           iceServers: [RTCIceServer]? = nil) async throws(PeerConnectionError) {
        var resolved: [ICEServer]?
        if let iceServers, !iceServers.isEmpty {
            let found = await Self.resolve(iceServers, logger: logger)
            // None resolved (the network just changed, DNS is not back): keep the servers we had
            // rather than lose TURN at the moment a restart may need it.
            if !found.isEmpty { resolved = found } else { logger.warning("ICE restart: no ICE server resolved; keeping the previous ones") }
        } else if iceServers != nil {
            resolved = []
        }
        let iceServers = resolved
        guard let hostAddresses else {
            try await run { core, now throws(PeerConnectionError) in try core.restartIce(iceServers: iceServers, now: now) }
            return
        }
        let driver = self.driver
        let bound: [TransportAddress]
        do {
            bound = try await eventLoop.submit { driver.value.socketOrder }.get()
        } catch {
            throw .closed
        }
        let wanted = hostAddresses.filter { address in !bound.contains { $0.satisfies(address) } }
        var added: [(address: TransportAddress, channel: any Channel)] = []
        for address in wanted {
            do throws(PeerConnectionError) {
                let channel = try await Self.bind(address, on: eventLoop, driver: driver, configuration: configuration)
                if let local = channel.localAddress.flatMap({ TransportAddress($0) }) {
                    added.append((local, channel))
                } else {
                    try? await channel.close()
                }
            } catch {
                logger.debug("ICE restart: address not bound", metadata: ["address": "\(address)", "error": "\(error)"])
            }
        }
        let adding = added
        let result: Result<[any Channel], PeerConnectionError>
        do {
            result = try await eventLoop.submit { () -> Result<[any Channel], PeerConnectionError> in
                driver.value.restartIce(keeping: hostAddresses, adding: adding, iceServers: iceServers)
            }.get()
        } catch {
            for (_, channel) in added { try? await channel.close() }
            throw .closed
        }
        switch result {
        case .success(let removed):
            for channel in removed { try? await channel.close() }
        case .failure(let error):
            for (_, channel) in added { try? await channel.close() }
            throw error
        }
    }

    /// W3C `createDataChannel()`; async because the channel table lives on the event loop.
    public func createDataChannel(_ label: String, options: DataChannelInit = DataChannelInit())
        async throws(PeerConnectionError) -> DataChannel {
        let driver = self.driver
        let result: Result<DataChannel, PeerConnectionError>
        do {
            result = try await eventLoop.submit { driver.value.makeChannel(label, options: options) }.get()
        } catch {
            throw .closed
        }
        return try result.get()
    }

    /// W3C `sctp.maxMessageSize`: the largest message ``DataChannel/send(message:)`` accepts, the
    /// remote's `a=max-message-size` (65,535 when it says nothing, as RFC 8841 §6.1 advises).
    public var maxMessageSize: Int { link.maxMessageSize }

    /// W3C `connectionState`.
    public var connectionState: PeerConnectionState { link.states.withLock { $0.connection } }
    /// W3C `iceConnectionState`.
    public var iceConnectionState: RTCIceConnectionState { RTCIceConnectionState(link.states.withLock { $0.ice }) }
    /// W3C `signalingState`.
    public var signalingState: PeerSignalingState { link.states.withLock { $0.signaling } }
    /// W3C `iceGatheringState`.
    public var iceGatheringState: RTCIceGatheringState { RTCIceGatheringState(link.states.withLock { $0.gathering }) }

    /// W3C `getStats()`: the selected pair, per-channel counters, drops.
    public func stats() async throws(PeerConnectionError) -> PeerConnectionStats {
        let driver = self.driver
        return try await run { core, _ in
            var stats = core.stats
            stats.sockets = driver.value.transport.counters
            return stats
        }
    }

    /// The servers' URLs resolved to addresses; a URL that cannot be used is logged and skipped,
    /// as browsers do.
    static func resolve(_ servers: [RTCIceServer], logger: Logger) async -> [ICEServer] {
        var resolved: [ICEServer] = []
        for server in servers {
            for url in server.urls {
                let found = await ICEServerResolver.resolve(url: url, username: server.username, credential: server.credential)
                if found.isEmpty {
                    logger.warning("skipping ICE server URL (malformed, unsupported or not resolved)", metadata: ["url": "\(url)"])
                }
                resolved += found
            }
        }
        return resolved
    }

    /// W3C `close()`: channels close, SCTP and DTLS say goodbye, TURN allocations are released,
    /// the sockets close and ``events`` finishes. Safe to call more than once.
    public func close() async {
        let driver = self.driver
        guard let channels = try? await eventLoop.submit({ driver.value.close() }).get() else { return }
        for channel in channels { try? await channel.close() }
    }

    /// Hands each channel the remote opens to `handler` on the event loop, instead of as
    /// ``PeerEvent/dataChannel`` on ``events``, before any of its events: the handler can call
    /// ``DataChannel/setEventHandler(_:)`` and see every event of the channel (its first message can
    /// arrive in the same datagram as its DATA_CHANNEL_OPEN). Short and non-blocking, like every
    /// handler on the loop. Set it before the remote description; `nil` restores ``events``.
    public func setDataChannelHandler(_ handler: (@Sendable (DataChannel) -> Void)?) {
        link.dataChannelHandler.withLock { $0.handler = handler }
    }

    /// Hands every event from now on to `handler` on the event loop, instead of to ``events``, the
    /// way `on...` attributes work in the W3C API: no task wakes up per event, and a handler can
    /// trickle a candidate without waiting (``addIceCandidate(_:completion:)``). Short and
    /// non-blocking, like every handler on the loop. It takes effect before any call made after
    /// it; events already on ``events`` stay there. `nil` restores ``events``.
    public func setEventHandler(_ handler: (@Sendable (PeerEvent) -> Void)?) {
        let driver = self.driver
        eventLoop.execute { driver.value.eventHandler = handler }
    }

    /// Tests: from now on every datagram in either direction is dropped at the sockets, as if the
    /// UDP path were cut. Nothing tells the layers above: SCTP keeps accepting messages.
    package func dropAllDatagrams() async {
        let driver = self.driver
        try? await eventLoop.submit { driver.value.dropsAllDatagrams = true }.get()
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (PeerConnectionCore, RTCInstant) throws(PeerConnectionError) -> T)
        async throws(PeerConnectionError) -> T {
        let driver = self.driver
        let result: Result<T, PeerConnectionError>
        do {
            result = try await eventLoop.submit { () -> Result<T, PeerConnectionError> in
                do throws(PeerConnectionError) {
                    return .success(try driver.value.withCore(body))
                } catch {
                    return .failure(error)
                }
            }.get()
        } catch {
            throw .closed
        }
        return try result.get()
    }

    static func bind(_ address: TransportAddress, on loop: any EventLoop, driver: NIOLoopBoundBox<PeerDriver>,
                     configuration: PeerConnectionConfiguration) async throws(PeerConnectionError) -> any Channel {
        let bufferSize = configuration.socketBufferSize
        do {
            return try await UDPDriver<PeerConnectionCore>.bind(
                address, on: loop, receiver: driver, receiveBufferSize: bufferSize, sendBufferSize: bufferSize,
                receiveOffload: configuration.receiveOffload,
                interactiveReads: configuration.singleReadWhileInteractive ? ReceiveLayout.interactiveReadsPerEvent
                                                                          : ReceiveLayout.bulkReadsPerEvent)
        } catch {
            throw .bindFailed("\(address): \(error)")
        }
    }
}
