package import Foundation
import Synchronization
import WebRTC

extension CollaborationEngine {
    /// Cuts the link to `peer` as a network failure would: the transport is closed under the
    /// engine (the remote sees it die) and the engine gets the `failed` the transport would report.
    package func cutLink(to peer: UUID) async {
        guard let current = core.withLock({ $0.link(to: peer) }) else { return }
        await current.link.close()
        apply(.link(peer: peer, generation: current.generation, .event(.state(.failed))))
    }

    /// Cuts the UDP path under the link to `peer` without telling anyone: datagrams are dropped
    /// both ways, SCTP keeps accepting messages, and only ICE consent (or ``cutLink(to:)``) notices.
    package func blackholeLink(to peer: UUID) async {
        guard let link = core.withLock({ $0.link(to: peer)?.link }) as? WebRTCPeerLink else { return }
        await link.connection.dropAllDatagrams()
    }
}
