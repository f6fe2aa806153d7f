import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

/// The TURN client against the in-test server, without ICE: challenge, stale nonce, refreshes,
/// permissions, channels, indications and deallocation.
@Suite struct TURNClientTests {
    static let server = TransportAddress("198.51.100.1:3478")!
    static let client = TransportAddress("10.0.0.1:5000")!
    static let peer = TransportAddress("192.0.2.50:7000")!

    /// Client, server and a peer wired by hand; every packet is delivered instantly.
    struct Harness {
        var client: TURNClient
        var server: TURNServer
        var now = RTCInstant.zero
        var events: [TURNEvent] = []
        var toPeer: [Transmit] = []

        init(password: String = "secret", nonceLifetime: Duration? = nil) {
            client = TURNClient(server: TURNClientTests.server, local: TURNClientTests.client, username: "alice",
                                password: password, lifetime: 600, random: SeededRandom(seed: 1), now: .zero)
            server = TURNServer(address: TURNClientTests.server, users: ["alice": "secret"], nonceLifetime: nonceLifetime)
            pump()
        }

        mutating func pump() {
            for _ in 0..<100 {
                var moved = false
                while let transmit = client.pollTransmit() {
                    moved = true
                    server.handle(transmit.payload, from: transmit.source, to: transmit.destination, now: now)
                }
                while let transmit = server.pollTransmit() {
                    moved = true
                    if transmit.destination == TURNClientTests.client {
                        client.handle(transmit.payload, now: now)
                    } else {
                        toPeer.append(transmit)
                    }
                }
                while let event = client.pollEvent() { events.append(event); moved = true }
                if !moved { return }
            }
        }

        /// Jumps to each client timeout until `instant`.
        mutating func advance(to instant: RTCInstant) {
            for _ in 0..<1000 {
                guard let next = client.pollTimeout(), next <= instant else { break }
                now = max(now, next)
                client.handleTimeout(now: now)
                server.handleTimeout(now: now)
                pump()
            }
            now = instant
            server.handleTimeout(now: now)
        }

        mutating func fromPeer(_ bytes: [UInt8], relayed: TransportAddress) {
            server.handle(bytes, from: TURNClientTests.peer, to: relayed, now: now)
            pump()
        }
    }

    @Test func allocatesAfterChallenge() throws {
        let harness = Harness()
        #expect(harness.server.stats.unauthorized == 1)
        guard case .allocated(let relayed, let mapped, let lifetime)? = harness.events.first else {
            Issue.record("no allocation: \(harness.events)")
            return
        }
        #expect(relayed.ip == Self.server.ip)
        #expect(mapped == Self.client)
        #expect(lifetime == 600)
        #expect(harness.client.relayedAddress == relayed)
    }

    @Test func wrongPasswordFails() {
        let harness = Harness(password: "nope")
        #expect(harness.events == [.allocationFailed(reason: "401 Unauthenticated")])
        #expect(harness.client.state == .failed)
    }

    @Test func staleNonceIsRetried() {
        var harness = Harness(nonceLifetime: .seconds(60))
        #expect(harness.client.relayedAddress != nil)
        // After the nonce rotates, the next request (a permission) gets 438 and is retried.
        harness.now = .zero + .seconds(61)
        harness.client.ensurePermission(Self.peer.ip, now: harness.now)
        harness.pump()
        #expect(harness.server.stats.staleNonces == 1)
        #expect(harness.events.contains(.permissionCreated(Self.peer.ip)))
    }

    @Test func refreshesBeforeExpiryAndPermissionsEvery4Minutes() {
        var harness = Harness()
        harness.client.ensurePermission(Self.peer.ip, now: harness.now)
        harness.pump()
        #expect(harness.server.stats.permissions == 1)
        // In use between refreshes: each refresh is sent.
        for second in [100, 300] {
            harness.advance(to: .zero + .seconds(second))
            harness.client.send([1], to: Self.peer, now: harness.now)
            harness.pump()
        }
        harness.advance(to: .zero + .seconds(539))
        #expect(harness.server.stats.refreshes == 0)
        #expect(harness.server.stats.permissions == 3, "refreshed at 240 s and 480 s")
        harness.advance(to: .zero + .seconds(541))
        #expect(harness.server.stats.refreshes == 1, "refreshed at lifetime - 60 s")
        harness.advance(to: .zero + .seconds(3600))
        #expect(harness.server.relayedAddresses.count == 1, "allocation kept alive for an hour")
        #expect(!harness.events.contains(.closed))
    }

    /// Session 17 audit: every ICE restart brought new addresses whose permissions and channels
    /// were refreshed until the allocation ended. Idle ones now lapse.
    @Test func idlePermissionsLapse() {
        var harness = Harness()
        harness.client.ensurePermission(Self.peer.ip, now: harness.now)
        harness.pump()
        #expect(harness.server.stats.permissions == 1)
        // Refreshed once at 240 s (new since its install), idle after: not at 480 s.
        harness.advance(to: .zero + .seconds(539))
        #expect(harness.server.stats.permissions == 2)
        // Asked for again when wanted again.
        harness.client.ensurePermission(Self.peer.ip, now: harness.now)
        harness.pump()
        #expect(harness.server.stats.permissions == 3)
    }

    @Test func idleChannelsLapse() {
        var harness = Harness()
        harness.client.send([1], to: Self.peer, now: harness.now)
        harness.pump()
        #expect(harness.server.stats.channelBinds == 1)
        // Rebound once at 300 s (new since its binding), idle after: not at 600 s.
        harness.advance(to: .zero + .seconds(899))
        #expect(harness.server.stats.channelBinds == 2)
        // A send binds the same number again (a peer holds one channel, RFC 8656 §12).
        harness.client.send([2], to: Self.peer, now: harness.now)
        harness.pump()
        #expect(harness.server.stats.channelBinds == 3)
    }

    @Test func anUnansweredPermissionIsGivenUpAfterThreeAttempts() {
        var harness = Harness()
        harness.client.ensurePermission(Self.peer.ip, now: harness.now)
        // The server hears nothing more: every request is lost.
        for _ in 0..<10_000 {
            guard let next = harness.client.pollTimeout(), next <= .zero + .seconds(400) else { break }
            harness.now = max(harness.now, next)
            harness.client.handleTimeout(now: harness.now)
            while harness.client.pollTransmit() != nil {}
            while let event = harness.client.pollEvent() { harness.events.append(event) }
        }
        let failures = harness.events.filter { if case .requestFailed = $0 { true } else { false } }
        #expect(failures.count == 3)
        #expect(harness.client.pollTimeout() == .zero + .seconds(540), "only the allocation's refresh is left")
    }

    @Test func dataUsesSendIndicationThenChannel() throws {
        var harness = Harness()
        let relayed = try #require(harness.client.relayedAddress)
        harness.client.send([0x17, 1], to: Self.peer, now: harness.now)
        harness.pump()
        // The first datagram waited for the permission, then went out; the channel got bound too.
        #expect(harness.toPeer.map(\.payload) == [[0x17, 1]])
        #expect(harness.toPeer.first?.source == relayed)
        #expect(harness.events.contains(.channelBound(peer: Self.peer, channel: 0x4000)))
        harness.client.send([0x17, 2], to: Self.peer, now: harness.now)
        harness.pump()
        #expect(harness.toPeer.map(\.payload) == [[0x17, 1], [0x17, 2]])
        #expect(harness.server.stats.channelDataFromClients == 1)
        #expect(harness.client.channelDataSent == 1)
        // Peer to client arrives as ChannelData and is reported with the peer's address.
        harness.fromPeer([0x42, 0x42], relayed: relayed)
        #expect(harness.events.last == .data([0x42, 0x42], from: Self.peer))
        #expect(harness.server.stats.channelDataToClients == 1)
        // An unknown peer is dropped by the server for lack of permission.
        harness.server.handle([1], from: TransportAddress("192.0.2.99:1")!, to: relayed, now: harness.now)
        #expect(harness.server.stats.permissionDrops == 1)
    }

    @Test func closeSendsRefreshZero() {
        var harness = Harness()
        harness.client.close(now: harness.now)
        harness.pump()
        #expect(harness.server.stats.deallocations == 1)
        #expect(harness.client.state == .closed)
        #expect(harness.events.last == .closed)
    }

    /// Runs a client whose server never answers until it has nothing scheduled (at most 20
    /// timeouts); returns how many times it sent and when it stopped.
    static func runUnanswered(_ client: inout TURNClient) -> (sends: Int, end: RTCInstant) {
        var sends = 0
        var now = RTCInstant.zero
        for _ in 0..<20 {
            while client.pollTransmit() != nil { sends += 1 }
            guard let next = client.pollTimeout() else { break }
            now = next
            client.handleTimeout(now: now)
        }
        return (sends, now)
    }

    @Test func unansweredAllocateTimesOut() {
        var client = TURNClient(server: Self.server, local: Self.client, username: "a", password: "b",
                                random: SeededRandom(seed: 2), now: .zero)
        let (sends, end) = Self.runUnanswered(&client)
        #expect(sends == 7)
        #expect(client.pollEvent() == .allocationFailed(reason: "timeout"))
        #expect(end == .zero + .milliseconds(39500))
    }
}
