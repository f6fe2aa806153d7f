import Logging
import SignalingProtocol
import Synchronization
import WebRTC
import RTCBase

/// A ``PeerLink`` over one ``PeerConnection`` with the five negotiated channels.
///
/// Everything reaches the engine's handler on the connection's event loop, in the order it
/// happened: channel events directly (no task per message), and connection events hopped onto
/// the loop. Before a channel opens or closes, a state change not yet reported is reported first,
/// so the engine never sees a channel open ahead of the `connected` that preceded it. After
/// ``close()`` nothing more is forwarded.
final class WebRTCPeerLink: PeerLink {
    let connection: PeerConnection
    /// Indexed by `EngineChannel.rawValue`.
    let channels: [DataChannel]
    private let handler: @Sendable (PeerLinkEvent) -> Void
    private let logger: Logger
    /// Its maker: the host addresses to gather on now and the resolution of ICE server URLs,
    /// both needed again at an ICE restart.
    private let transport: WebRTCTransport
    private let shared = Mutex<(closed: Bool, reported: PeerLinkState, tasks: [Task<Void, Never>])>((false, .new, []))

    init(connection: PeerConnection, channels: [DataChannel], logger: Logger,
         transport: WebRTCTransport, handler: @escaping @Sendable (PeerLinkEvent) -> Void) {
        self.connection = connection
        self.transport = transport
        self.channels = channels
        self.handler = handler
        self.logger = logger
        let loop = connection.loop
        let reader = Task { [weak self, connection] in
            for await event in connection.events {
                guard let self, !self.isClosed else { return }
                switch event {
                case .iceCandidate(let candidate): loop.execute { self.forward(.localCandidate(candidate)) }
                case .connectionStateChange: loop.execute { self.reportState() }
                case .selectedCandidatePairChange(let pair):
                    let path = LinkPath(localType: pair.localType.rawValue, relayProtocol: pair.relayProtocol?.rawValue,
                                        localAddress: pair.localAddress.description,
                                        remoteType: pair.remoteType.rawValue,
                                        remoteAddress: pair.remoteAddress.description)
                    loop.execute { self.forward(.path(path)) }
                case .dataChannel(let channel):
                    // Only the negotiated five are spoken here (the transport refuses others): its
                    // events go nowhere rather than onto a stream nobody reads.
                    channel.setEventHandler { _ in }
                    channel.close()
                default: break
                }
            }
        }
        for (index, channel) in channels.enumerated() {
            guard let kind = EngineChannel(rawValue: UInt16(index)) else { continue }
            // On the event loop, no task per channel: a task woken per message (and per
            // bufferedamountlow after each send) cost more than everything else together.
            channel.setEventHandler { [weak self] event in
                guard let self else { return }
                switch event {
                case .open:
                    self.reportState()
                    self.forward(.channelOpen(kind))
                case .message(.binary(let bytes)): self.forward(.message(kind, bytes))
                case .message(.text(let text)): self.forward(.message(kind, Array(text.utf8)))
                case .close:
                    self.reportState()
                    self.forward(.channelClosed(kind))
                case .closing, .bufferedAmountLow: break
                }
            }
        }
        shared.withLock { $0.tasks = [reader] }
    }

    private var isClosed: Bool { shared.withLock { $0.closed } }

    /// On the loop: hands `event` to the engine unless the link is closed.
    private func forward(_ event: PeerLinkEvent) {
        guard !isClosed else { return }
        handler(event)
    }

    /// On the loop: reports the connection state if it changed since the last report.
    private func reportState() {
        let current = Self.map(connection.connectionState)
        let changed = shared.withLock { state -> Bool in
            guard !state.closed, state.reported != current else { return false }
            state.reported = current
            return true
        }
        if changed { handler(.state(current)) }
    }

    var state: PeerLinkState { Self.map(connection.connectionState) }

    func createOffer() async throws(EngineError) -> String {
        do {
            let offer = try await connection.createOffer()
            try await connection.setLocalDescription(offer)
            return offer.sdp
        } catch {
            throw refused("offer", error, as: .descriptionRefused)
        }
    }

    func restartIce(iceServers: [SignalingProtocol.ICEServer]) async throws(EngineError) {
        let now = transport.currentAddresses()
        logger.debug("restarting ICE", metadata: ["addresses": "\(now.map(\.ip.description))", "servers": "\(iceServers.count)"])
        do {
            try await connection.restartIce(hostAddresses: now, iceServers: WebRTCTransport.rtcServers(iceServers))
        } catch {
            throw refused("ICE restart", error, as: .descriptionRefused)
        }
    }

    func acceptOffer(_ sdp: String) async throws(EngineError) -> String {
        do {
            try await connection.setRemoteDescription(RTCSessionDescription(type: .offer, sdp: sdp))
            // With the offer applied, the implicit form makes the answer: one trip to the loop, not two.
            return try await connection.setLocalDescription().sdp
        } catch {
            throw refused("answer", error, as: .descriptionRefused)
        }
    }

    func acceptAnswer(_ sdp: String) async throws(EngineError) {
        do {
            try await connection.setRemoteDescription(RTCSessionDescription(type: .answer, sdp: sdp))
        } catch {
            throw refused("remote answer", error, as: .descriptionRefused)
        }
    }

    func addRemoteCandidate(_ candidate: String?) async throws(EngineError) {
        do {
            try await connection.addIceCandidate(candidate)
        } catch {
            throw refused("candidate", error, as: .candidateRefused)
        }
    }

    func send(_ bytes: [UInt8], on channel: EngineChannel) throws(EngineError) {
        do throws(PeerConnectionError) {
            try channels[Int(channel.rawValue)].send(bytes)
        } catch {
            switch error {
            case .sendQueueFull: throw .transport(.queueFull(channel))
            case .messageTooLarge: throw .transport(.messageTooLarge(channel))
            case .closed: throw .transport(.closed)
            default: throw .transport(.channelNotOpen(channel))
            }
        }
    }

    func bufferedAmount(on channel: EngineChannel) -> Int {
        channels[Int(channel.rawValue)].bufferedAmount
    }

    func close() async {
        let tasks: [Task<Void, Never>]? = shared.withLock { state in
            guard !state.closed else { return nil }
            state.closed = true
            defer { state.tasks = [] }
            return state.tasks
        }
        guard let tasks else { return }
        await connection.close()
        for task in tasks { task.cancel() }
    }

    /// Logs what the connection said and gives the engine the kind only.
    private func refused(_ step: String, _ error: any Error, as kind: PeerLinkError) -> EngineError {
        logger.debug("peer connection refused a step", metadata: ["step": "\(step)", "error": "\(error)"])
        return .transport(kind)
    }

    static func map(_ state: PeerConnectionState) -> PeerLinkState {
        switch state {
        case .new: .new
        case .connecting: .connecting
        case .connected: .connected
        case .disconnected: .disconnected
        case .failed: .failed
        case .closed: .closed
        }
    }
}
