import ICE
import STUN
import Synchronization
import WebRTC

/// A ``PeerLink`` over one ``PeerConnection`` with the five negotiated channels.
///
/// One task reads the connection's events; the channels' events reach the engine's handler
/// directly on the connection's event loop. After ``close()`` nothing more is forwarded.
final class WebRTCPeerLink: PeerLink {
    let connection: PeerConnection
    /// Indexed by `EngineChannel.rawValue`.
    let channels: [DataChannel]
    private let handler: @Sendable (PeerLinkEvent) -> Void
    private let shared = Mutex<(closed: Bool, tasks: [Task<Void, Never>])>((false, []))

    init(connection: PeerConnection, channels: [DataChannel], handler: @escaping @Sendable (PeerLinkEvent) -> Void) {
        self.connection = connection
        self.channels = channels
        self.handler = handler
        var tasks: [Task<Void, Never>] = []
        tasks.append(Task { [weak self, connection] in
            for await event in connection.events {
                guard let self, !self.isClosed else { return }
                switch event {
                case .iceCandidate(let candidate): self.handler(.localCandidate(candidate))
                case .connectionStateChange(let state): self.handler(.state(Self.map(state)))
                case .selectedCandidatePairChange(let pair):
                    self.handler(.path(LinkPath(localType: pair.local.type.rawValue, relayProtocol: nil,
                                                localAddress: pair.local.address.description,
                                                remoteType: pair.remote.type.rawValue,
                                                remoteAddress: pair.remote.address.description)))
                case .dataChannel(let channel): channel.close()  // only the negotiated five are spoken here
                default: break
                }
            }
        })
        for (index, channel) in channels.enumerated() {
            guard let kind = EngineChannel(rawValue: UInt16(index)) else { continue }
            // On the event loop, no task per channel: a task woken per message (and per
            // bufferedamountlow after each send) cost more than everything else together.
            channel.setEventHandler { [weak self] event in
                guard let self, !self.isClosed else { return }
                switch event {
                case .open: self.handler(.channelOpen(kind))
                case .message(.binary(let bytes)): self.handler(.message(kind, bytes))
                case .message(.text(let text)): self.handler(.message(kind, Array(text.utf8)))
                case .close: self.handler(.channelClosed(kind))
                case .closing, .bufferedAmountLow: break
                }
            }
        }
        shared.withLock { $0.tasks = tasks }
    }

    private var isClosed: Bool { shared.withLock { $0.closed } }

    var state: PeerLinkState { Self.map(connection.connectionState) }

    func createOffer() async throws(EngineError) -> String {
        do {
            let offer = try await connection.createOffer()
            try await connection.setLocalDescription(offer)
            return offer.sdp
        } catch {
            throw .transport("offer: \(error)")
        }
    }

    func acceptOffer(_ sdp: String) async throws(EngineError) -> String {
        do {
            try await connection.setRemoteDescription(RTCSessionDescription(type: .offer, sdp: sdp))
            let answer = try await connection.createAnswer()
            try await connection.setLocalDescription(answer)
            return answer.sdp
        } catch {
            throw .transport("answer: \(error)")
        }
    }

    func acceptAnswer(_ sdp: String) async throws(EngineError) {
        do {
            try await connection.setRemoteDescription(RTCSessionDescription(type: .answer, sdp: sdp))
        } catch {
            throw .transport("remote answer: \(error)")
        }
    }

    func addRemoteCandidate(_ candidate: String?) async throws(EngineError) {
        do {
            try await connection.addIceCandidate(candidate)
        } catch {
            throw .transport("candidate: \(error)")
        }
    }

    func send(_ bytes: [UInt8], on channel: EngineChannel) throws(EngineError) {
        do {
            try channels[Int(channel.rawValue)].send(bytes)
        } catch {
            throw .transport("\(channel): \(error)")
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
