import ICE
import RTCDriver
import RTCTestSupport
import RTCBase
import Testing

/// TURN over TCP and TLS (RFC 8656 §3.1) through a real coturn on 127.0.0.1, with a CA made by the
/// test: relay-only ICE over both stream transports, and the failures that must end gathering
/// quickly instead of hanging (an untrusted certificate, a refused connection).
@Suite(.serialized, .timeLimit(.minutes(1))) struct CoturnStreamRelayTests {
    static func configuration(_ server: ICEServer, gatheringTimeout: Duration = .seconds(5)) -> ICEConfiguration {
        var configuration = ICEConfiguration(hostAddresses: [TransportAddress(ip: .loopbackV4, port: 0)], includeLoopback: true,
                                             servers: [server], transportPolicy: .relay)
        configuration.gatheringTimeout = gatheringTimeout
        return configuration
    }

    /// Starts one driver and returns its events up to gathering complete, waiting at most 10 s. The
    /// agent's own gathering timeout is a minute, so a completion proves the allocation ended it.
    static func gather(_ server: ICEServer, options: ICEDriverOptions) async throws -> (events: [ICEEvent], status: ICEDriverStatus) {
        let driver = ICEDriver(configuration: configuration(server, gatheringTimeout: .seconds(60)), role: .controlling,
                               options: options)
        _ = try await driver.start()
        let events = driver.events
        do {
            let seen = try await withTimeout(.seconds(10), "gathering complete") {
                var seen: [ICEEvent] = []
                for await event in events {
                    seen.append(event)
                    if event == .gatheringStateChanged(.complete) { break }
                }
                return seen
            }
            let status = try await driver.status()
            await driver.close()
            return (seen, status)
        } catch {
            await driver.close()
            throw error
        }
    }

    @Test func relayOnlyOverTCPAndTLS() async throws {
        try #require(CoturnProcess.isInstalled, "coturn is not installed: run scripts/setup, which installs it")
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let coturn = try CoturnProcess(relayPorts: 49_800...49_990, tcp: true, tls: try authority.issueServer())
        defer { coturn.stop() }
        try await coturn.waitUntilListening()
        let options = ICEDriverOptions(relayTransport: RelayTransportOptions(additionalTrustRootsPEM: [authority.certificatePEM]))
        let peers = try await LivePeers(a: Self.configuration(coturn.iceServer(user: "alice", transport: .tcp).server),
                                        b: Self.configuration(coturn.iceServer(user: "bob", transport: .tls).server),
                                        options: options)
        do {
            try await peers.waitConnected(timeout: .seconds(15))
            let statusA = try await peers.a.status()
            let statusB = try await peers.b.status()
            let pairA = try #require(statusA.selectedPair)
            let pairB = try #require(statusB.selectedPair)
            #expect(pairA.local.type == .relay && pairA.relayProtocol == .tcp, "a reaches coturn over TCP")
            #expect(pairB.local.type == .relay && pairB.relayProtocol == .tls, "b reaches coturn over TLS")
            #expect(pairA.remote.address == pairB.local.address && pairB.remote.address == pairA.local.address)
            #expect(statusA.relayConnections.map(\.transport) == [.tcp])
            #expect(statusB.relayConnections.map(\.transport) == [.tls])
            #expect(statusA.driverStats.datagramsSent == 0, "relay-only over TCP: not one UDP datagram")
            #expect(statusA.driverStats.relayConnectionsOpened == 1 && statusB.driverStats.relayConnectionsOpened == 1)
            #expect(statusA.driverStats.relayFramesSent > 0 && statusA.driverStats.relayBytesReceived > 0)
            #expect(statusA.driverStats.relayFramesDropped == 0)
            let toB = try await peers.exchange(from: 0, count: 20, tag: 0xC3)
            let toA = try await peers.exchange(from: 1, count: 20, tag: 0xD4)
            #expect(toB.count == 20 && toA.count == 20, "a stream is reliable: nothing lost")
            let afterA = try await peers.a.status()
            #expect(afterA.agentStats.relayedPacketsSent >= 20)
        } catch {
            print("coturn log:\n\(coturn.log)")
            await peers.close()
            throw error
        }
        await peers.close()
        #expect(coturn.isRunning, "coturn survived both stream sessions")
    }

    @Test func serverGoingAwayFailsTheConnectionAtOnce() async throws {
        try #require(CoturnProcess.isInstalled, "coturn is not installed: run scripts/setup, which installs it")
        let coturn = try CoturnProcess(relayPorts: 49_800...49_990, tcp: true)
        defer { coturn.stop() }
        try await coturn.waitUntilListening()
        let peers = try await LivePeers(a: Self.configuration(coturn.iceServer(user: "alice", transport: .tcp).server),
                                        b: Self.configuration(coturn.iceServer(user: "bob", transport: .tcp).server))
        do {
            try await peers.waitConnected(timeout: .seconds(15))
            // RFC 8656 §3.1: the allocation lives and dies with its TCP connection. Both connections
            // close with the server, so both agents fail now, not at the 30 s consent timeout.
            await coturn.stop()
            let notes = peers.notes
            try await withTimeout(.seconds(10), "both agents failed after the server closed") {
                for stream in notes {
                    let failed = await stream.first { $0 == .connectionStateChanged(.failed) }
                    guard failed != nil else { throw TimeoutError(what: "failed (events ended)") }
                }
            }
            let status = try await peers.a.status()
            #expect(status.relayConnections.isEmpty, "the failed allocation's connection is gone")
            var refused = false
            do { try await peers.a.send([0x17]) } catch { refused = true }
            #expect(refused, "no data on a failed relay")
        } catch {
            print("coturn log:\n\(coturn.log)")
            await peers.close()
            throw error
        }
        await peers.close()
    }

    @Test func untrustedCertificateEndsGatheringWithoutARelay() async throws {
        try #require(CoturnProcess.isInstalled, "coturn is not installed: run scripts/setup, which installs it")
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let coturn = try CoturnProcess(relayPorts: 49_800...49_990, tls: try authority.issueServer())
        defer { coturn.stop() }
        try await coturn.waitUntilListening()
        // The CA is not trusted: the handshake fails, the allocation fails, gathering completes.
        let (events, status) = try await Self.gather(coturn.iceServer(user: "eve", transport: .tls).server,
                                                     options: ICEDriverOptions())
        #expect(!events.contains { if case .localCandidate = $0 { true } else { false } })
        #expect(status.relayConnections.isEmpty)
        // The same server, with its CA trusted, gives a relay candidate.
        let trusted = ICEDriverOptions(relayTransport: RelayTransportOptions(additionalTrustRootsPEM: [authority.certificatePEM]))
        let (good, _) = try await Self.gather(coturn.iceServer(user: "eve", transport: .tls).server, options: trusted)
        #expect(good.contains { if case .localCandidate(let candidate) = $0 { candidate.type == .relay } else { false } },
                "coturn log:\n\(coturn.log)")
    }

    @Test func refusedConnectionEndsGatheringAtOnce() async throws {
        // Nothing listens on this port: the connect is refused and the allocation fails.
        let port = try CoturnProcess.freeTCPPort()
        let server = ICEServer(address: TransportAddress(ip: .loopbackV4, port: port),
                               kind: .turn(username: "u", password: "p"), transport: .tcp)
        let (events, status) = try await Self.gather(server, options: ICEDriverOptions())
        #expect(!events.contains { if case .localCandidate = $0 { true } else { false } })
        #expect(status.relayConnections.isEmpty)
        #expect(status.connectionState == .new)
    }
}
