import DTLS
import RTCTestSupport
import RTCBase
import Testing

/// Garbage and mutated records never crash or hang an endpoint (RFC 6347 §4.1.2.7: invalid
/// records are discarded).
@Suite(.timeLimit(.minutes(1))) struct MalformedInputTests {
    /// The client's real first flights, recorded once.
    private func recordedClientDatagrams() throws -> [[UInt8]] {
        let link = try DTLSLink.make()
        link.start()
        link.progress { link.bothConnected }
        try link.client.send(Array(repeating: 9, count: 100), now: link.clock.now)
        link.progress { false }
        return link.clientDatagrams
    }

    @Test func randomAndMutatedDatagramsToServer() throws {
        let real = try recordedClientDatagrams()
        #expect(real.count >= 3)
        var random = SeededRandom(seed: 42)
        let certificate = try Fixtures.serverCertificate
        let expected = try [Fixtures.clientCertificate.fingerprint]
        var outcomes: [DTLSState: Int] = [:]
        for round in 0..<400 {
            let server = try DTLSEndpoint(role: .server, certificate: certificate, remoteFingerprints: expected)
            var now = RTCInstant.zero
            for _ in 0..<8 {
                var datagram: [UInt8]
                switch random.next() % 3 {
                case 0:  // pure noise in the DTLS first-byte range
                    datagram = (0..<Int(random.next() % 1500 + 1)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    datagram[0] = UInt8(20 + random.next() % 44)
                case 1:  // a real record with a few bytes flipped
                    datagram = real[Int(random.next() % UInt64(real.count))]
                    for _ in 0..<Int(random.next() % 4 + 1) {
                        datagram[Int(random.next() % UInt64(datagram.count))] ^= UInt8(truncatingIfNeeded: random.next() | 1)
                    }
                default:  // a real record, truncated or extended
                    datagram = real[Int(random.next() % UInt64(real.count))]
                    if random.chance(0.5) {
                        datagram = Array(datagram.prefix(Int(random.next() % UInt64(datagram.count)) + 1))
                    } else {
                        datagram += (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    }
                }
                server.handle(datagram: datagram, now: now)
                while server.pollTransmit() != nil {}
                while server.pollEvent() != nil {}
                now += .milliseconds(100)
                if let deadline = server.pollTimeout(), deadline <= now { server.handleTimeout(now: now) }
            }
            #expect(server.state != .connected, "round \(round)")
            outcomes[server.state, default: 0] += 1
        }
        #expect(outcomes.values.reduce(0, +) == 400)
    }

    @Test func connectedEndpointIgnoresForgedRecords() throws {
        let link = try DTLSLink.make()
        link.start()
        #expect(link.progress { link.bothConnected })
        try link.client.send([1, 2, 3], now: link.clock.now)
        link.progress { false }
        let record = try #require(link.clientDatagrams.last)
        var random = SeededRandom(seed: 9)
        for _ in 0..<500 {
            var forged = record
            forged[Int(random.next() % UInt64(forged.count))] ^= 0x5A
            link.server.handle(datagram: forged, now: link.clock.now)
            link.server.handle(datagram: record, now: link.clock.now)  // a replay
        }
        while link.server.pollTransmit() != nil {}
        let events = Array(sequence(state: link.server) { $0.pollEvent() })
        #expect(link.server.state == .connected)
        // Only flips in the header-but-not-sequence bytes can still decrypt; nothing new surfaces.
        #expect(events.allSatisfy { if case .applicationData = $0 { false } else { true } })
        try link.client.send([4], now: link.clock.now)
        link.progress { false }
        #expect(link.serverEvents.applicationData.last == [4])
    }

    @Test func emptyAndHugeDatagramsAreIgnored() throws {
        let server = try DTLSEndpoint(role: .server, certificate: Fixtures.serverCertificate, remoteFingerprints: [])
        server.handle(datagram: [], now: .zero)
        server.handle(datagram: [UInt8](repeating: 22, count: 70_000), now: .zero)
        server.handle(datagram: [22], now: .zero)
        #expect(server.state == .connecting)
        #expect(server.pollTransmit() == nil)
    }

    @Test func clientDropsDatagramsBeforeStart() throws {
        let client = try DTLSEndpoint(role: .client, certificate: Fixtures.clientCertificate, remoteFingerprints: [])
        client.handle(datagram: [22, 0xFE, 0xFD, 0, 0], now: .zero)
        #expect(client.state == .new)
    }
}
