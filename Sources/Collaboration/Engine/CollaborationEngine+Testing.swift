package import Foundation
import Synchronization
import WebRTC

extension CollaborationEngine {
    /// Cuts the link to `peer` as a network failure would: the transport is closed under the
    /// engine (the remote sees it die) and the engine learns it failed. Tests of ICE restart.
    package func cutLink(to peer: UUID) async {
        let current: (link: any PeerLink, generation: UInt64)? = state.withLock { state in
            guard let record = state.peers[peer], let link = record.link else { return nil }
            return (link, record.generation)
        }
        guard let current else { return }
        await current.link.close()
        post(.link(peer: peer, generation: current.generation, event: .state(.failed)))
    }

    /// Cuts the UDP path under the link to `peer` without telling anyone: datagrams are dropped
    /// both ways, SCTP keeps accepting messages, and only ICE consent (or ``cutLink(to:)``) notices.
    package func blackholeLink(to peer: UUID) async {
        let link = state.withLock { $0.peers[peer]?.link }
        guard let link = link as? WebRTCPeerLink else { return }
        await link.connection.dropAllDatagrams()
    }
}
