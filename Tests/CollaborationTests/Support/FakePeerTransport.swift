import SignalingProtocol
import Synchronization

@testable import Collaboration

/// An in-memory ``PeerTransport``: its links come up with links of other transports on the same
/// ``FakeLinkNetwork``, with no socket anywhere.
final class FakePeerTransport: PeerTransport {
    let network: FakeLinkNetwork
    private let made = Mutex<[FakePeerLink]>([])

    init(network: FakeLinkNetwork = FakeLinkNetwork()) {
        self.network = network
    }

    /// Every link made so far, oldest first.
    var links: [FakePeerLink] { made.withLock { $0 } }

    func makeLink(iceServers: [ICEServer], handler: @escaping @Sendable (PeerLinkEvent) -> Void) async throws(EngineError) -> any PeerLink {
        let link = network.makeLink(handler: handler)
        made.withLock { $0.append(link) }
        return link
    }
}
