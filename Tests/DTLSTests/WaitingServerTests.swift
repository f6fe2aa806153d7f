import DTLS
import RTCTestSupport
import RTCBase
import Testing

/// A server started before it knows the client's fingerprint (an offerer answering a ClientHello
/// that beat the SDP answer) pauses at the client's certificate until the fingerprint arrives.
@Suite(.timeLimit(.minutes(1))) struct WaitingServerTests {
    static func link() throws -> DTLSLink {
        let client = try DTLSEndpoint(role: .client, certificate: Fixtures.clientCertificate,
                                      remoteFingerprints: [Fixtures.serverCertificate.fingerprint])
        let server = try DTLSEndpoint(role: .server, certificate: Fixtures.serverCertificate,
                                      remoteFingerprints: [], waitsForFingerprints: true)
        return DTLSLink(client: client, server: server)
    }

    /// Runs until the client's second flight has been delivered to the server and 10 ms more.
    static func runToThePause(_ link: DTLSLink) {
        link.start()
        link.progress { link.clientDatagrams.count >= 2 }
        let flightSent = link.clock.now
        link.progress { link.clock.now >= flightSent + .milliseconds(10) }
    }

    @Test func pausesAtTheCertificateThenConnectsWithTheFingerprint() throws {
        let link = try Self.link()
        Self.runToThePause(link)
        #expect(link.server.state == .connecting, "no fingerprint yet: the server waits instead of failing")
        #expect(link.client.state == .connecting, "the server has not sent its Finished")
        #expect(link.serverEvents.isEmpty)

        link.server.setRemoteFingerprints([try Fixtures.clientCertificate.fingerprint], now: link.clock.now)
        #expect(link.progress { link.bothConnected })
        #expect(link.serverEvents == [.connected(remoteFingerprint: try Fixtures.clientCertificate.fingerprint)])
        try link.client.send([7], now: link.clock.now)
        #expect(link.progress { link.serverEvents.applicationData == [[7]] })
    }

    @Test func aWrongFingerprintFailsTheWaitingHandshake() throws {
        let link = try Self.link()
        Self.runToThePause(link)
        link.server.setRemoteFingerprints([FingerprintTests.wrong], now: link.clock.now)
        link.progress { false }
        #expect(link.server.state == .failed)
        #expect(link.serverEvents == [.failed(.fingerprintMismatch)])
        #expect(link.client.state == .failed)
        #expect(link.clientEvents.applicationData.isEmpty && link.serverEvents.applicationData.isEmpty)
    }

    @Test func fingerprintsBeforeTheCertificateNeedNoPause() throws {
        let link = try Self.link()
        link.start()
        link.server.setRemoteFingerprints([try Fixtures.clientCertificate.fingerprint], now: link.clock.now)
        #expect(link.progress { link.bothConnected })
    }
}
