import DTLS
import RTCTestSupport
import RTCBase
import Testing

/// Two endpoints in memory: handshake, data both ways, events and states.
@Suite(.timeLimit(.minutes(1))) struct HandshakeTests {
    @Test func handshakeCompletesAndReportsFingerprints() throws {
        let link = try DTLSLink.make()
        #expect(link.client.state == .new)
        link.start()
        #expect(link.client.state == .connecting)
        #expect(link.progress { link.bothConnected })
        let serverFingerprint = try Fixtures.serverCertificate.fingerprint
        let clientFingerprint = try Fixtures.clientCertificate.fingerprint
        #expect(link.clientEvents == [.connected(remoteFingerprint: serverFingerprint)])
        #expect(link.serverEvents == [.connected(remoteFingerprint: clientFingerprint)])
        #expect(link.client.cipherSuite == "ECDHE-ECDSA-AES128-GCM-SHA256")
        #expect(link.client.pollTimeout() == nil)
        #expect(link.server.pollTimeout() == nil)
        #expect(link.client.retransmissionCount == 0)
    }

    @Test(arguments: [1, 1200, 16_000, DTLSEndpoint.maxApplicationDataSize])
    func dataFlowsBothWays(size: Int) throws {
        let link = try DTLSLink.make()
        link.start()
        #expect(link.progress { link.bothConnected })
        let toServer = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let toClient = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
        for _ in 0..<3 {
            try link.client.send(toServer, now: link.clock.now)
            try link.server.send(toClient, now: link.clock.now)
        }
        #expect(link.progress { link.serverEvents.applicationData.count == 3 && link.clientEvents.applicationData.count == 3 })
        #expect(link.serverEvents.applicationData == [toServer, toServer, toServer])
        #expect(link.clientEvents.applicationData == [toClient, toClient, toClient])
    }

    @Test func handshakeDatagramsRespectTheMTU() throws {
        let link = try DTLSLink.make()
        link.start()
        #expect(link.progress { link.bothConnected })
        #expect(link.clientDatagrams.allSatisfy { $0.count <= 1200 })
        let small = try DTLSEndpoint(role: .client, certificate: Fixtures.clientCertificate,
                                     remoteFingerprints: [], mtu: 300)
        small.start(now: .zero)
        var sizes: [Int] = []
        while let datagram = small.pollTransmit() { sizes.append(datagram.count) }
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 <= 300 })
    }

    @Test func sendRefusals() throws {
        let link = try DTLSLink.make()
        #expect(throws: DTLSError.notConnected) { try link.client.send([1], now: .zero) }
        link.start()
        #expect(throws: DTLSError.notConnected) { try link.client.send([1], now: .zero) }
        #expect(link.progress { link.bothConnected })
        let tooBig = [UInt8](repeating: 0, count: DTLSEndpoint.maxApplicationDataSize + 1)
        #expect(throws: DTLSError.messageTooLarge(DTLSEndpoint.maxApplicationDataSize + 1)) {
            try link.client.send(tooBig, now: link.clock.now)
        }
        #expect(link.client.state == .connected)
        link.client.close(now: link.clock.now)
        #expect(throws: DTLSError.closed) { try link.client.send([1], now: link.clock.now) }
    }

    @Test func closeDeliversClosedToThePeer() throws {
        let link = try DTLSLink.make()
        link.start()
        #expect(link.progress { link.bothConnected })
        try link.client.send([42], now: link.clock.now)
        link.client.close(now: link.clock.now)
        #expect(link.client.state == .closed)
        #expect(link.progress { link.server.state == .closed })
        #expect(link.clientEvents.last == .closed)
        #expect(link.serverEvents.suffix(2) == [.applicationData([42]), .closed])
    }

    @Test func fingerprintsMaySetAfterInit() throws {
        let link = try DTLSLink.make(clientExpects: [], serverExpects: [])
        link.start()
        // The answer arrives while the handshake is under way.
        link.client.setRemoteFingerprints([try Fixtures.serverCertificate.fingerprint], now: link.clock.now)
        link.server.setRemoteFingerprints([try Fixtures.clientCertificate.fingerprint], now: link.clock.now)
        #expect(link.progress { link.bothConnected })
    }

    @Test func serverStartsOnItsFirstDatagram() throws {
        let link = try DTLSLink.make()
        link.client.start(now: link.clock.now)
        #expect(link.progress { link.bothConnected })
    }

    @Test func handshakeTimesOutWithoutAPeer() throws {
        let client = try DTLSEndpoint(role: .client, certificate: Fixtures.clientCertificate,
                                      remoteFingerprints: [Fixtures.serverCertificate.fingerprint])
        var now = RTCInstant.zero
        client.start(now: now)
        var sent = 0
        var calls = 0
        while let deadline = client.pollTimeout() {
            while client.pollTransmit() != nil { sent += 1 }
            now = deadline
            calls += 1
            client.handleTimeout(now: now)
        }
        while client.pollTransmit() != nil { sent += 1 }
        #expect(client.state == .failed)
        #expect(client.pollEvent() == .failed(.handshakeTimeout))
        #expect(now == .zero + .seconds(30))
        // 0.5 s doubling: retransmissions at 0.5, 1.5, 3.5, 7.5, 15.5 s, then the 30 s deadline.
        #expect(client.retransmissionCount == 5)
        #expect(calls == 6)
        #expect(sent == 6)
    }
}
