import ICE
import RTCTestSupport
import STUN
import RTCBase
import Testing

/// TURN over TCP and TLS in the sans-IO cores (RFC 8656 §3.1, §12.5): the client on a byte
/// stream, relay candidates' priorities, and ICE through stream relays on the simulated network.
@Suite struct TURNStreamTests {
    static let server = TransportAddress("198.51.100.1:3478")!
    static let client = TransportAddress("10.0.0.1:5000")!
    static let peer = TransportAddress("192.0.2.50:7000")!

    /// A TURN client on a stream to the in-test server: the client's frames are reassembled for the
    /// server, the server's datagrams are framed into one byte stream cut into `readSize` pieces.
    struct StreamHarness {
        static let connection = RelayConnection(id: 1, transport: .tcp, local: TURNStreamTests.client,
                                                server: TURNStreamTests.server)
        var client: TURNClient
        var server = TURNServer(address: TURNStreamTests.server, users: ["alice": "secret"])
        var toServer = StreamFramer()
        var now = RTCInstant.zero
        var events: [TURNEvent] = []
        var sent: [Transmit] = []
        var toPeer: [Transmit] = []
        var readSize: Int

        init(readSize: Int = 5) {
            self.readSize = readSize
            client = TURNClient(server: TURNStreamTests.server, local: TURNStreamTests.client, username: "alice",
                                password: "secret", connection: Self.connection, random: SeededRandom(seed: 3), now: .zero)
            pump()
        }

        mutating func pump() {
            for _ in 0..<100 {
                var moved = false
                var toClient: [UInt8] = []
                while let transmit = client.pollTransmit() {
                    moved = true
                    sent.append(transmit)
                    for message in (try? toServer.append(transmit.payload)) ?? [] {
                        server.handle(message, from: TURNStreamTests.client, to: TURNStreamTests.server, now: now)
                    }
                }
                while let transmit = server.pollTransmit() {
                    moved = true
                    if transmit.destination == TURNStreamTests.client {
                        toClient += StreamFramer.frame(transmit.payload)
                    } else {
                        toPeer.append(transmit)
                    }
                }
                for start in stride(from: 0, to: toClient.count, by: readSize) {
                    client.handle(streamBytes: Array(toClient[start..<min(start + readSize, toClient.count)]), now: now)
                }
                while let event = client.pollEvent() { events.append(event); moved = true }
                if !moved { return }
            }
        }
    }

    @Test(arguments: [1, 5, 64, 4096])
    func allocatesAndRelaysOverAStream(readSize: Int) throws {
        var harness = StreamHarness(readSize: readSize)
        let relayed = try #require(harness.client.relayedAddress, "allocated: \(harness.events)")
        #expect(harness.server.stats.unauthorized == 1, "challenged once, over the stream")
        #expect(harness.sent.allSatisfy { $0.connection == StreamHarness.connection && $0.transport == .tcp })
        #expect(harness.client.isConnectionWanted)
        // Five bytes of data: the ChannelData frame is padded to 12 on the stream.
        harness.client.send([0x17, 1, 2, 3, 4], to: Self.peer, now: harness.now)
        harness.pump()
        harness.client.send([0x17, 5, 6, 7, 8], to: Self.peer, now: harness.now)
        harness.pump()
        #expect(harness.toPeer.map(\.payload) == [[0x17, 1, 2, 3, 4], [0x17, 5, 6, 7, 8]])
        let channelFrames = harness.sent.filter { ChannelData.isChannelData($0.payload) }
        #expect(channelFrames.map(\.payload.count) == [12], "padded to a multiple of 4 (RFC 8656 §12.5)")
        #expect(harness.server.stats.channelDataFromClients == 1)
        // Server to client: ChannelData framed with padding, reassembled across reads.
        harness.server.handle([0x17, 9, 9], from: Self.peer, to: relayed, now: harness.now)
        harness.pump()
        #expect(harness.events.last == .data([0x17, 9, 9], from: Self.peer))
    }

    @Test func requestsAreNotRetransmittedOnAStream() {
        // RFC 8489 §6.2.2: over TCP no retransmission; the transaction fails after 39.5 s.
        var client = TURNClient(server: Self.server, local: Self.client, username: "a", password: "b",
                                connection: StreamHarness.connection, random: SeededRandom(seed: 4), now: .zero)
        let (sends, end) = TURNClientTests.runUnanswered(&client)
        #expect(sends == 1)
        let failure = client.pollEvent()
        #expect(failure == .allocationFailed(reason: "timeout"))
        #expect(end == .zero + .milliseconds(39_500))
        #expect(!client.isConnectionWanted)
    }

    @Test func garbageOnTheStreamFailsTheAllocation() throws {
        var harness = StreamHarness()
        #expect(harness.client.relayedAddress != nil)
        harness.client.handle(streamBytes: [0xFF, 0, 0, 4, 1, 2, 3, 4], now: harness.now)
        harness.pump()
        #expect(harness.client.state == .failed)
        guard case .allocationFailed(let reason)? = harness.events.last else {
            Issue.record("no failure event: \(harness.events)")
            return
        }
        #expect(reason.contains("garbage"))
        #expect(!harness.client.isConnectionWanted, "the driver closes the connection")
        // Later bytes are ignored, and nothing is sent any more.
        harness.client.handle(streamBytes: StreamFramer.frame(ChannelData(channel: 0x4000, data: [1]).encode()), now: harness.now)
        let event = harness.client.pollEvent()
        #expect(event == nil)
        let accepted = harness.client.send([1], to: Self.peer, now: harness.now)
        #expect(!accepted)
    }

    @Test func closedConnectionFailsTheAllocationInEveryState() throws {
        var allocating = TURNClient(server: Self.server, local: Self.client, username: "a", password: "b",
                                    connection: StreamHarness.connection, random: SeededRandom(seed: 5), now: .zero)
        allocating.handleConnectionClosed(reason: "refused", now: .zero)
        let refused = allocating.pollEvent()
        #expect(refused == .allocationFailed(reason: "tcp connection closed: refused"))
        #expect(allocating.pollTimeout() == nil, "no transaction left to time out")

        var harness = StreamHarness()
        #expect(harness.client.relayedAddress != nil)
        harness.client.handleConnectionClosed(reason: "reset", now: harness.now)
        harness.pump()
        #expect(harness.client.state == .failed)
        #expect(harness.events.last == .allocationFailed(reason: "tcp connection closed: reset"))
        harness.client.handleConnectionClosed(reason: "again", now: harness.now)
        let again = harness.client.pollEvent()
        #expect(again == nil, "reported once")

        var closing = StreamHarness()
        closing.client.close(now: closing.now)
        closing.client.handleConnectionClosed(reason: "server closed first", now: closing.now)
        #expect(closing.client.state == .closed)
        let closed = closing.client.pollEvent()
        #expect(closed == .closed)
    }

    @Test func udpClientIgnoresStreamInput() {
        var client = TURNClient(server: Self.server, local: Self.client, username: "a", password: "b",
                                random: SeededRandom(seed: 6), now: .zero)
        #expect(client.connection == nil && client.transport == .udp && !client.isConnectionWanted)
        client.handle(streamBytes: [0xFF], now: .zero)
        client.handleConnectionClosed(reason: "x", now: .zero)
        #expect(client.state == .allocating)
        let event = client.pollEvent()
        #expect(event == nil)
    }

    // MARK: - ICE through stream relays

    static func relayServers(_ transports: [TURNTransport]) -> [ICEServer] {
        transports.map { ICEServer(address: server, kind: .turn(username: "alice", password: "secret"), transport: $0) }
    }

    @Test func relayCandidatesPreferUDPThenTCPThenTLS() throws {
        var configuration = Fixtures.configuration([Fixtures.hostA], servers: Self.relayServers([.tls, .udp, .tcp]),
                                                   policy: .relay)
        configuration.gatheringTimeout = .seconds(5)
        let agents = Fixtures.agents(seed: 91, a: configuration)
        let sim = Fixtures.simulation(seed: 91, agents: agents,
                                      turnServers: [TURNServer(address: Self.server, users: ["alice": "secret"])])
        sim.start()
        #expect(sim.progress(until: { $0.agents[0].gatheringState == .complete }, timeout: .seconds(6)))
        let relays = sim.agents[0].localCandidates.filter { $0.type == .relay }
        #expect(relays.count == 3, "one allocation per server and transport")
        #expect(Set(relays.map(\.foundation)).count == 3, "RFC 8445 §5.1.1.3: the transport is part of the foundation")
        #expect(sim.streams.count == 2, "one connection per stream allocation")
        let byPriority = relays.sorted { $0.priority > $1.priority }
        // A relay's related address is what its server saw: the stream connection's for TCP and TLS.
        let transports = byPriority.map { candidate in
            candidate.relatedAddress.flatMap { sim.streams[$0]?.connection.transport } ?? .udp
        }
        #expect(transports == [.udp, .tcp, .tls], "UDP, then TCP, then TLS")
        let preferences = byPriority.map { ($0.priority >> 8) & 0xFFFF }
        #expect(preferences.map { $0 >> 14 } == [3, 2, 1], "in the top bits of the local preference")
    }

    @Test(arguments: [(TURNTransport.tcp, TURNTransport.tls), (.tls, .udp), (.tcp, .tcp)])
    func relayOnlyICEThroughStreamRelays(a: TURNTransport, b: TURNTransport) throws {
        var configurationA = Fixtures.configuration([Fixtures.hostA], servers: Self.relayServers([a]), policy: .relay)
        configurationA.gatheringTimeout = .seconds(5)
        var configurationB = configurationA
        configurationB.hostAddresses = [Fixtures.hostB]
        configurationB.servers = Self.relayServers([b])
        let agents = Fixtures.agents(seed: 92, a: configurationA, b: configurationB)
        let sim = Fixtures.simulation(seed: 92, agents: agents,
                                      turnServers: [TURNServer(address: Self.server, users: ["alice": "secret"])])
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        let pairA = try #require(sim.agents[0].selectedPair)
        let pairB = try #require(sim.agents[1].selectedPair)
        #expect(pairA.local.type == .relay && pairA.relayProtocol == a)
        #expect(pairB.local.type == .relay && pairB.relayProtocol == b)
        #expect(pairA.localTypeDescription == "relay/\(a.rawValue)")
        #expect(pairA.local.transport == "udp", "the relayed address is UDP whatever reaches the server")
        #expect(sim.exchangeData(count: 10, tag: 0x30) == (10, 10))
        #expect(sim.turnServers[0].stats.channelDataFromClients > 0)
        #expect(sim.agents[0].relayConnections.count == (a.isStream ? 1 : 0))
    }

    @Test func aClosedConnectionFailsItsRelayAndTheSelectedPair() throws {
        var configurationA = Fixtures.configuration([Fixtures.hostA], servers: Self.relayServers([.tcp]), policy: .relay)
        configurationA.gatheringTimeout = .seconds(5)
        var configurationB = configurationA
        configurationB.hostAddresses = [Fixtures.hostB]
        configurationB.servers = Self.relayServers([.udp])
        let agents = Fixtures.agents(seed: 93, a: configurationA, b: configurationB)
        let sim = Fixtures.simulation(seed: 93, agents: agents,
                                      turnServers: [TURNServer(address: Self.server, users: ["alice": "secret"])])
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        let connection = try #require(sim.agents[0].relayConnections.first)
        let closedAt = sim.now
        sim.closeStream(agent: 0, connection: connection)
        #expect(sim.agents[0].relayConnections.isEmpty, "the driver would close nothing more")
        #expect(sim.agents[0].connectionState == .failed, "at once, not after the 30 s consent timeout")
        #expect(sim.now == closedAt)
        #expect(sim.agents[0].pairs.allSatisfy { $0.state == .failed })
        #expect(throws: ICEError.notConnected) { try sim.agents[0].send([0x30], now: sim.now) }
        // The agent keeps running: timers fire and nothing spins or traps.
        sim.progress(for: .seconds(40))
        #expect(sim.longestStall < 10)
    }
}
