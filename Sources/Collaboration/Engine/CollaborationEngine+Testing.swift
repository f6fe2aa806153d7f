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

extension CollaborationEngine {
    /// Where each peer's link stands and what the performer is doing: what a test prints when a
    /// link does not come up, so a stuck step can be told from a slow network.
    package func linkReport() -> String {
        let now = clock()
        var lines = core.withLock { $0.linkReport(now: now) }
        let performer = performerState.withLock { $0 }
        if let step = performer.step {
            let seconds = Double(now.subtractingSaturating(performer.since)) / 1_000_000
            lines.append("performer: \(step.step) for \(String(format: "%.1f", seconds)) s, \(performer.queued) queued behind it")
        } else {
            lines.append("performer: idle, \(performer.queued) queued")
        }
        return lines.joined(separator: "\n")
    }
}
