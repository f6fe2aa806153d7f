import DTLS
import Glibc
import ICE
import RTCTestSupport
import RTCBase
import WebRTC

/// Two ``PeerConnectionCore``s on one ``SimulatedNetwork`` and one virtual clock, with an
/// in-memory signaling channel that carries descriptions and trickled candidates.
///
/// ``run(until:maxSteps:timeout:)`` jumps from one scheduled instant to the next, so a whole
/// connection takes milliseconds of real time. Every loop is bounded in steps and virtual time.
///
/// Loss recovery needs ``pacedToRealTime``: usrsctp's retransmission timers follow the real clock
/// (see `SCTPAssociation`), so a virtual clock that jumps ahead spends its whole budget (and ICE
/// consent's) in the real milliseconds a T3-rtx timer takes, and the run ends before SCTP recovers.
final class PeerSimulation {
    var clock = VirtualClock()
    var network: SimulatedNetwork
    let peers: [PeerConnectionCore]
    /// Every event each peer produced, in order.
    private(set) var events: [[PeerConnectionEvent]] = [[], []]
    /// Messages each peer received, per channel handle, in order.
    private(set) var messages: [[DataChannelHandle: [DataChannelMessage]]] = [[:], [:]]
    /// Trickle candidates through the simulated signaling channel.
    var trickle = true
    var signalingDelay: Duration = .milliseconds(20)
    private var signals: [(at: RTCInstant, to: Int, candidate: String?)] = []
    /// When set, the virtual clock never runs ahead of real time elapsed since `realOrigin`.
    var pacedToRealTime = false
    private var realOrigin: (real: ContinuousClock.Instant, virtual: RTCInstant)?

    init(conditions: NetworkConditions = .perfect, seed: UInt64 = 1,
         certificates: [DTLSCertificate]? = nil) throws {
        network = SimulatedNetwork(conditions: conditions, seed: seed)
        let certs = try certificates ?? [DTLSCertificate.generate(), DTLSCertificate.generate()]
        var peers: [PeerConnectionCore] = []
        for index in 0..<2 {
            let address = TransportAddress(ip: .v4(0x0A00_0001 + UInt32(index)), port: 5000)
            var configuration = PeerConnectionConfiguration(hostAddresses: [address])
            configuration.includeLoopbackCandidates = false
            peers.append(PeerConnectionCore(configuration: configuration, hostAddresses: [address],
                                            certificate: certs[index],
                                            random: SeededRandom(seed: seed &+ UInt64(index) &* 7919)))
        }
        self.peers = peers
    }

    var now: RTCInstant { clock.now }

    /// Offer from peer 0, answer from peer 1, through the signaling channel (instantly; the
    /// candidates follow by trickle). `tamper` may edit the answer's SDP on its way.
    func negotiate(tamper: (String) -> String = { $0 }) throws {
        let offer = try peers[0].createOffer()
        try peers[0].setLocalDescription(offer, now: now)
        try peers[1].setRemoteDescription(offer, now: now)
        let answer = try peers[1].createAnswer()
        try peers[1].setLocalDescription(answer, now: now)
        try peers[0].setRemoteDescription(RTCSessionDescription(type: .answer, sdp: tamper(answer.sdp)), now: now)
        drain()
    }

    /// Advances until `condition` holds; returns whether it did within the bounds.
    @discardableResult
    func run(until condition: () -> Bool, maxSteps: Int = 200_000, timeout: Duration = .seconds(120)) async -> Bool {
        let deadline = now + timeout
        for _ in 0..<maxSteps {
            drain()
            if condition() { return true }
            let next = [network.nextDelivery, peers[0].pollTimeout(), peers[1].pollTimeout(), signals.map(\.at).min()]
                .compactMap { $0 }.min()
            guard let next, next <= deadline else { return condition() }
            if next > now {
                if pacedToRealTime { await waitForRealTime(toReach: next) }
                clock.advance(to: next)
            }
            for index in peers.indices {
                if let due = peers[index].pollTimeout(), due <= now { peers[index].handleTimeout(now: now) }
            }
            while let delivery = network.pollDelivery(now: now) {
                guard let index = peers.firstIndex(where: { $0.hostAddresses.contains(delivery.destination) }) else { continue }
                peers[index].handle(datagram: delivery.payload, from: delivery.source, to: delivery.destination, now: now)
            }
            let due = signals.filter { $0.at <= now }
            signals.removeAll { $0.at <= now }
            for signal in due { try? peers[signal.to].addIceCandidate(signal.candidate, now: now) }
        }
        return condition()
    }

    /// Waits until real time has caught up with `instant` on the virtual timeline. This paces a
    /// clock (the thing waited for is real time itself, which usrsctp reads), it synchronises
    /// nothing. `Task.sleep`, not `nanosleep`: a run of seconds must not hold a thread of the
    /// cooperative pool, which every other test's tasks share.
    private func waitForRealTime(toReach instant: RTCInstant) async {
        let origin = realOrigin ?? (ContinuousClock.now, now)
        realOrigin = origin
        let ahead = (instant - origin.virtual) - (ContinuousClock.now - origin.real)
        guard ahead > .zero else { return }
        try? await Task.sleep(for: ahead)
    }

    /// Moves every peer's transmits onto the network and records its events.
    func drain() {
        for index in peers.indices {
            while let transmit = peers[index].pollTransmit() { network.send(transmit, now: now) }
            while let event = peers[index].pollEvent() {
                events[index].append(event)
                switch event {
                case .localCandidate(let candidate) where trickle:
                    signals.append((now + signalingDelay, 1 - index, candidate))
                case .endOfCandidates where trickle:
                    signals.append((now + signalingDelay, 1 - index, nil))
                case .message(let handle, let message):
                    messages[index][handle, default: []].append(message)
                default:
                    break
                }
            }
        }
    }

    /// The handle of the channel peer `index` learned through `ondatachannel` with this label.
    func remoteChannel(_ index: Int, label: String) -> DataChannelHandle? {
        for event in events[index] {
            if case .dataChannel(let handle, let info) = event, info.label == label { return handle }
        }
        return nil
    }

    func opened(_ index: Int, _ handle: DataChannelHandle) -> Bool {
        events[index].contains(.channelOpened(handle))
    }

    func closed(_ index: Int, _ handle: DataChannelHandle) -> Bool {
        events[index].contains(.channelClosed(handle))
    }
}
