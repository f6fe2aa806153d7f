import ICE
import RTCTestSupport
import RTCBase
import STUN

/// Shared setup for the scenario tests.
enum Fixtures {
    static let hostA = TransportAddress("10.0.0.1:5000")!
    static let hostB = TransportAddress("10.0.0.2:6000")!
    static let hostA6 = TransportAddress("[fd00::1]:5000")!
    static let hostB6 = TransportAddress("[fd00::2]:6000")!

    static func configuration(_ hosts: [TransportAddress], servers: [ICEServer] = [],
                              policy: ICEConfiguration.TransportPolicy = .all) -> ICEConfiguration {
        var configuration = ICEConfiguration(hostAddresses: hosts, servers: servers, transportPolicy: policy)
        configuration.ta = .milliseconds(20)
        return configuration
    }

    static func agents(seed: UInt64, a: ICEConfiguration? = nil, b: ICEConfiguration? = nil,
                       roles: (ICERole, ICERole) = (.controlling, .controlled)) -> [ICEAgent] {
        [
            ICEAgent(configuration: a ?? configuration([hostA]), role: roles.0, random: SeededRandom(seed: seed)),
            ICEAgent(configuration: b ?? configuration([hostB]), role: roles.1, random: SeededRandom(seed: seed &+ 1)),
        ]
    }

    static func simulation(seed: UInt64, conditions: NetworkConditions = .perfect, agents: [ICEAgent]? = nil,
                           turnServers: [TURNServer] = []) -> ICESimulation {
        ICESimulation(agents: agents ?? Self.agents(seed: seed), network: SimulatedNetwork(conditions: conditions, seed: seed),
                      turnServers: turnServers)
    }
}

extension ICESimulation {
    /// Both agents selected pairs that mirror each other.
    var selectedPairsMatch: Bool {
        guard let a = agents[0].selectedPair, let b = agents[1].selectedPair else { return false }
        return a.remote.address == b.local.address || a.local.address == b.remote.address || a.remote.address == b.local.address
    }

    /// Sends `count` numbered payloads (the tag must not look like STUN, RFC 7983: use 20...63 like DTLS or above) each way and runs until all arrive; returns delivered counts.
    func exchangeData(count: Int = 5, tag: UInt8 = 0xAB) -> (aReceived: Int, bReceived: Int) {
        let before = (received[0].count, received[1].count)
        for index in 0..<count {
            try? send([tag, 0, UInt8(index)], from: 0)
            try? send([tag, 1, UInt8(index)], from: 1)
        }
        progress(until: { $0.received[0].count >= before.0 + count && $0.received[1].count >= before.1 + count },
                 timeout: .seconds(2))
        return (received[0].count - before.0, received[1].count - before.1)
    }
}
