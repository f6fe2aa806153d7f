import Synchronization

@testable import Collaboration

/// Joins the ``FakePeerLink``s of several ``FakePeerTransport``s: two links whose descriptions
/// name each other come up (`connected`, then the five channels open), and each carries what the
/// other sends, in order. A cut pair loses everything.
final class FakeLinkNetwork: Sendable {
    private let shared = Mutex<(links: [Int: FakePeerLink], cut: Set<Int>, next: Int)>(([:], [], 0))
    /// Messages each link handed to the network, per channel (what went on the wire, cut or not).
    private let wire = Mutex<[Int: [EngineChannel: Int]]>([:])

    init() {}

    /// A new link on this network.
    func makeLink(handler: @escaping @Sendable (PeerLinkEvent) -> Void) -> FakePeerLink {
        shared.withLock { state in
            state.next += 1
            let link = FakePeerLink(serial: state.next, network: self, handler: handler)
            state.links[state.next] = link
            return link
        }
    }

    /// The offerer applied the answer: if the answerer applied our offer, both come up.
    func connectIfPaired(_ link: FakePeerLink) {
        guard let remoteSerial = link.remote, let remote = shared.withLock({ $0.links[remoteSerial] }),
              remote.remote == link.serial else { return }
        for end in [link, remote] {
            end.report(.state(.connecting))
            end.report(.state(.connected))
            for channel in EngineChannel.allCases { end.report(.channelOpen(channel)) }
        }
    }

    func carry(_ bytes: [UInt8], on channel: EngineChannel, from link: FakePeerLink) {
        wire.withLock { $0[link.serial, default: [:]][channel, default: 0] += 1 }
        guard let remoteSerial = link.remote,
              let remote = shared.withLock({ $0.cut.contains(link.serial) ? nil : $0.links[remoteSerial] }) else { return }
        remote.report(.message(channel, bytes))
    }

    func closed(_ link: FakePeerLink) {
        let remote = shared.withLock { state -> FakePeerLink? in
            state.links[link.serial] = nil
            return link.remote.flatMap { state.links[$0] }
        }
        guard let remote, remote.remote == link.serial else { return }
        remote.report(.state(.closed))
    }

    /// How many messages `links` sent on `channel`, together.
    func sent(by links: [FakePeerLink], on channel: EngineChannel) -> Int {
        wire.withLock { wire in links.reduce(0) { $0 + (wire[$1.serial]?[channel] ?? 0) } }
    }

    /// Everything `link` sends is lost from now on (its UDP path died silently).
    func cut(_ link: FakePeerLink) {
        shared.withLock { _ = $0.cut.insert(link.serial) }
    }
}
