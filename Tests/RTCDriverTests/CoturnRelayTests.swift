import ICE
import RTCDriver
import RTCTestSupport
import RTCBase
import Testing

/// Relay-only ICE through a real coturn on 127.0.0.1: both sides select relay candidates and data
/// flows through the relay.
@Suite(.serialized) struct CoturnRelayTests {
    @Test func relayOnlyThroughCoturn() async throws {
        try #require(CoturnProcess.isInstalled,
                     "coturn is not installed (dpkg -s coturn failed): run scripts/setup, which installs it")
        let coturn = try CoturnProcess()
        defer { coturn.stop() }
        func configuration(_ user: String) -> ICEConfiguration {
            var configuration = ICEConfiguration(hostAddresses: [TransportAddress(ip: "127.0.0.1", port: 0)!],
                                                 includeLoopback: true,
                                                 servers: [coturn.iceServer(user: user).server],
                                                 transportPolicy: .relay)
            configuration.gatheringTimeout = .seconds(5)
            return configuration
        }
        let clock = ContinuousClock()
        let started = clock.now
        let peers = try await LivePeers(a: configuration("alice"), b: configuration("bob"))
        do {
            try await peers.waitConnected(timeout: .seconds(15))
            let elapsed = clock.now - started
            print("RTCDriver connect time via coturn relay: \(elapsed)")
            let statusA = try await peers.a.status()
            let statusB = try await peers.b.status()
            let pairA = try #require(statusA.selectedPair)
            let pairB = try #require(statusB.selectedPair)
            #expect(pairA.local.type == .relay && pairB.local.type == .relay, "both sides use their relay candidate")
            #expect(pairA.remote.address == pairB.local.address && pairB.remote.address == pairA.local.address)
            #expect(pairA.local.address.ip == .loopbackV4 && pairA.local.address.port != coturn.port)
            let toB = try await peers.exchange(from: 0, count: 10, tag: 0xC3)
            let toA = try await peers.exchange(from: 1, count: 10, tag: 0xD4)
            #expect(toB.count == 10 && toA.count == 10)
            let afterA = try await peers.a.status()
            #expect(afterA.agentStats.relayedPacketsSent >= 10, "data left through the relay")
        } catch {
            print("coturn log:\n\(coturn.log)")
            await peers.close()
            throw error
        }
        await peers.close()
        #expect(coturn.isRunning, "coturn survived the session")
    }
}
