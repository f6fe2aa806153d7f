import DTLS
import RTCTestSupport
import Testing

/// RFC 8122 §5: the peer's certificate must match a signalled fingerprint, or no association.
@Suite(.timeLimit(.minutes(1))) struct FingerprintTests {
    static let wrong = DTLSFingerprint(algorithm: "sha-256", bytes: [UInt8](repeating: 0xAB, count: 32))

    @Test func clientRejectsServerCertificate() throws {
        let link = try DTLSLink.make(clientExpects: [Self.wrong])
        link.start()
        link.progress { false }
        #expect(link.client.state == .failed)
        #expect(link.clientEvents == [.failed(.fingerprintMismatch)])
        #expect(link.server.state == .failed)
        #expect(link.serverEvents.failure == .alertReceived("bad certificate"))
        #expect(link.clientEvents.applicationData.isEmpty && link.serverEvents.applicationData.isEmpty)
    }

    @Test func serverRejectsClientCertificate() throws {
        let link = try DTLSLink.make(serverExpects: [Self.wrong])
        link.start()
        link.progress { false }
        #expect(link.serverEvents == [.failed(.fingerprintMismatch)])
        #expect(link.client.state == .failed)
        #expect(link.clientEvents.failure == .alertReceived("bad certificate"))
        #expect(throws: DTLSError.closed) { try link.client.send([1], now: link.clock.now) }
    }

    @Test func lateWrongFingerprintFailsAfterHandshakeWithoutData() throws {
        // The client learns fingerprints only after the handshake; they are wrong. The server
        // (satisfied) sends data at once: the client must never surface it.
        let link = try DTLSLink.make(clientExpects: [])
        link.start()
        link.progress { link.server.state == .connected }
        try link.server.send([1, 2, 3], now: link.clock.now)
        link.client.setRemoteFingerprints([Self.wrong], now: link.clock.now)
        link.progress { false }
        #expect(link.client.state == .failed)
        #expect(link.clientEvents == [.failed(.fingerprintMismatch)])
        #expect(link.serverEvents.last == .closed)
    }

    @Test func missingFingerprintFails() throws {
        let link = try DTLSLink.make(clientExpects: [])
        link.start()
        link.progress { false }
        #expect(link.clientEvents == [.failed(.missingRemoteFingerprint)])
        #expect(link.clientEvents.applicationData.isEmpty)
    }

    @Test func anyListedFingerprintMatches() throws {
        let server = try Fixtures.serverCertificate
        let link = try DTLSLink.make(clientExpects: [
            Self.wrong,
            DTLSFingerprint(algorithm: "md5", bytes: [1, 2]),
            DTLSFingerprint(algorithm: "SHA-256", bytes: server.fingerprint.bytes),
        ])
        link.start()
        #expect(link.progress { link.bothConnected })
        #expect(link.clientEvents.first == .connected(remoteFingerprint: server.fingerprint))
    }

    @Test func otherHashFunctionsWork() throws {
        let server = try Fixtures.serverCertificate
        // sha-1 of the server's certificate, computed through an ordinary endpoint run.
        for algorithm in ["sha-1", "sha-384", "sha-512"] {
            let link = try DTLSLink.make(clientExpects: [DTLSFingerprint(algorithm: algorithm, bytes: [0])])
            link.start()
            link.progress { false }
            #expect(link.clientEvents == [.failed(.fingerprintMismatch)], "\(algorithm)")
        }
        #expect(server.fingerprint.algorithm == "sha-256")
    }

    @Test func sdpValueRoundTrips() throws {
        let fingerprint = try Fixtures.serverCertificate.fingerprint
        #expect(DTLSFingerprint(sdpValue: fingerprint.sdpValue) == fingerprint)
        #expect(DTLSFingerprint(sdpValue: "SHA-256 0A:FF") == DTLSFingerprint(algorithm: "sha-256", bytes: [0x0A, 0xFF]))
        #expect(fingerprint.sdpValue.hasPrefix("sha-256 "))
        #expect(fingerprint.sdpValue.count == "sha-256 ".count + 32 * 3 - 1)
        for bad in ["", "sha-256", "sha-256 ZZ", "sha-256 A:BC", "sha-256 AB::CD", "sha-256 AB CD"] {
            #expect(DTLSFingerprint(sdpValue: bad) == nil, "\(bad)")
        }
    }
}
