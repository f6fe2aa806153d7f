package import Foundation
import Synchronization

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
}
