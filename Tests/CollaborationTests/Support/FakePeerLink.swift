import SignalingProtocol
import Synchronization

@testable import Collaboration

/// An in-memory ``PeerLink``: records what the engine sends, refuses on demand, and reports
/// events from its own task, in order, never from inside a call the engine makes.
///
/// Alone (core tests) it only records. Made by a ``FakePeerTransport`` on a ``FakeLinkNetwork``,
/// it comes up with the link whose description it applied and carries messages to it.
final class FakePeerLink: PeerLink {
    /// A number unique within its maker, carried in the fake SDP.
    let serial: Int
    private let network: FakeLinkNetwork?
    private let outbox: AsyncStream<PeerLinkEvent>.Continuation?
    private let shared = Mutex<(sent: [(EngineChannel, [UInt8])], closed: Bool, refuses: Bool, buffered: Int, remote: Int?)>(
        ([], false, false, 0, nil))

    init(serial: Int, network: FakeLinkNetwork? = nil, handler: (@Sendable (PeerLinkEvent) -> Void)? = nil) {
        self.serial = serial
        self.network = network
        if let handler {
            let (events, outbox) = AsyncStream.makeStream(of: PeerLinkEvent.self)
            self.outbox = outbox
            Task {
                for await event in events { handler(event) }
            }
        } else {
            outbox = nil
        }
    }

    /// Whether `send` throws `queueFull` (a full channel queue).
    var refusesSends: Bool {
        get { shared.withLock { $0.refuses } }
        set { shared.withLock { $0.refuses = newValue } }
    }

    /// What `bufferedAmount` reports on every channel.
    var buffered: Int {
        get { shared.withLock { $0.buffered } }
        set { shared.withLock { $0.buffered = newValue } }
    }

    var isClosed: Bool { shared.withLock { $0.closed } }

    /// The serial of the link whose description this one applied.
    var remote: Int? { shared.withLock { $0.remote } }

    /// Takes what was sent since the last call (alone; on a network, messages travel instead).
    func takeSent() -> [(EngineChannel, [UInt8])] {
        shared.withLock { state in
            defer { state.sent = [] }
            return state.sent
        }
    }

    /// Reports `event` to the engine as a transport would, after what was reported before.
    func report(_ event: PeerLinkEvent) {
        guard !isClosed else { return }
        outbox?.yield(event)
    }

    func createOffer() async throws(EngineError) -> String { Self.description("fake-offer", serial: serial) }

    func restartIce(iceServers: [ICEServer]) async throws(EngineError) {
        if isClosed { throw .transport(.closed) }
    }

    /// A fake SDP: an `o=` line whose session id is the link's serial (so a second offer from the
    /// same link is a renegotiation, as with real SDP), then the kind and the serial.
    static func description(_ kind: String, serial: Int) -> String {
        "o=- \(serial) 1 IN IP4 0.0.0.0\r\n\(kind) \(serial)"
    }

    func acceptOffer(_ sdp: String) async throws(EngineError) -> String {
        try applyRemote(sdp)
        return Self.description("fake-answer", serial: serial)
    }

    func acceptAnswer(_ sdp: String) async throws(EngineError) {
        try applyRemote(sdp)
        network?.connectIfPaired(self)
    }

    func addRemoteCandidate(_ candidate: String?) async throws(EngineError) {}

    private func applyRemote(_ sdp: String) throws(EngineError) {
        guard let number = sdp.split(separator: " ").last.flatMap({ Int($0) }) else { throw .transport(.descriptionRefused) }
        shared.withLock { $0.remote = number }
    }

    func send(_ bytes: [UInt8], on channel: EngineChannel) throws(EngineError) {
        let refusal: PeerLinkError? = shared.withLock { state in
            if state.closed { return .closed }
            if state.refuses { return .queueFull(channel) }
            if network == nil { state.sent.append((channel, bytes)) }
            return nil
        }
        if let refusal { throw .transport(refusal) }
        network?.carry(bytes, on: channel, from: self)
    }

    func bufferedAmount(on channel: EngineChannel) -> Int { buffered }

    var state: PeerLinkState { isClosed ? .closed : .new }

    func close() async { closeNow() }

    /// Closes without awaiting: the other end (on a network) sees the link go away.
    func closeNow() {
        let wasOpen = shared.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        guard wasOpen else { return }
        outbox?.finish()
        network?.closed(self)
    }
}
