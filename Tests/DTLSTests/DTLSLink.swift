import DTLS
import RTCTestSupport
import RTCBase

/// Two endpoints joined by an in-memory lossy link and advanced by a virtual clock.
///
/// `progress(until:)` is the one driver loop: drain every endpoint's output into the link,
/// deliver what is due, and when nothing is due jump the clock to the next delivery or timeout.
final class DTLSLink {
    struct Conditions {
        var loss = 0.0
        var duplication = 0.0
        var reordering = 0.0
        var delay: Duration = .milliseconds(5)
        var reorderDelay: Duration = .milliseconds(30)
    }

    private struct InFlight {
        var at: RTCInstant
        var sequence: Int
        var toServer: Bool
        var bytes: [UInt8]
    }

    let client: DTLSEndpoint
    let server: DTLSEndpoint
    var clock = VirtualClock()
    var conditions: Conditions
    var random: SeededRandom
    private var inFlight: [InFlight] = []
    private var sequence = 0
    private(set) var clientEvents: [DTLSEvent] = []
    private(set) var serverEvents: [DTLSEvent] = []
    private(set) var timeoutCalls = 0
    private(set) var datagramsSent = 0
    /// Every datagram the client sent, for fuzzing the server with real records.
    private(set) var clientDatagrams: [[UInt8]] = []

    init(client: DTLSEndpoint, server: DTLSEndpoint, conditions: Conditions = .init(), seed: UInt64 = 1) {
        self.client = client
        self.server = server
        self.conditions = conditions
        random = SeededRandom(seed: seed)
    }

    /// A client/server pair with fresh certificates that know each other's fingerprints.
    static func make(conditions: Conditions = .init(), seed: UInt64 = 1,
                     clientExpects: [DTLSFingerprint]? = nil, serverExpects: [DTLSFingerprint]? = nil,
                     timing: DTLSHandshakeTiming = .default) throws -> DTLSLink {
        let clientCertificate = try Fixtures.clientCertificate
        let serverCertificate = try Fixtures.serverCertificate
        let client = try DTLSEndpoint(role: .client, certificate: clientCertificate,
                                      remoteFingerprints: clientExpects ?? [serverCertificate.fingerprint],
                                      timing: timing)
        let server = try DTLSEndpoint(role: .server, certificate: serverCertificate,
                                      remoteFingerprints: serverExpects ?? [clientCertificate.fingerprint],
                                      timing: timing)
        return DTLSLink(client: client, server: server, conditions: conditions, seed: seed)
    }

    func start() {
        server.start(now: clock.now)
        client.start(now: clock.now)
    }

    /// Runs until `done` holds or nothing can happen any more; returns whether `done` held.
    @discardableResult
    func progress(maxSteps: Int = 100_000, until done: () -> Bool) -> Bool {
        for _ in 0..<maxSteps {
            drain()
            if done() { return true }
            if let index = dueIndex() {
                let packet = inFlight.remove(at: index)
                (packet.toServer ? server : client).handle(datagram: packet.bytes, now: clock.now)
                continue
            }
            let candidates = [inFlight.map(\.at).min(), client.pollTimeout(), server.pollTimeout()].compactMap { $0 }
            guard let next = candidates.min() else { return done() }
            clock.advance(to: next)
            for endpoint in [client, server] {
                if let deadline = endpoint.pollTimeout(), deadline <= clock.now {
                    timeoutCalls += 1
                    endpoint.handleTimeout(now: clock.now)
                }
            }
        }
        return done()
    }

    var bothConnected: Bool { client.state == .connected && server.state == .connected }

    private func dueIndex() -> Int? {
        var best: Int?
        for (index, packet) in inFlight.enumerated() where packet.at <= clock.now {
            if let current = best, (inFlight[current].at, inFlight[current].sequence) <= (packet.at, packet.sequence) {
                continue
            }
            best = index
        }
        return best
    }

    private func drain() {
        while let event = client.pollEvent() { clientEvents.append(event) }
        while let event = server.pollEvent() { serverEvents.append(event) }
        while let datagram = client.pollTransmit() {
            clientDatagrams.append(datagram)
            transmit(datagram, toServer: true)
        }
        while let datagram = server.pollTransmit() { transmit(datagram, toServer: false) }
        while let event = client.pollEvent() { clientEvents.append(event) }
        while let event = server.pollEvent() { serverEvents.append(event) }
    }

    private func transmit(_ bytes: [UInt8], toServer: Bool) {
        datagramsSent += 1
        if random.chance(conditions.loss) { return }
        let copies = random.chance(conditions.duplication) ? 2 : 1
        for _ in 0..<copies {
            var at = clock.now + conditions.delay
            if random.chance(conditions.reordering) { at += conditions.reorderDelay }
            sequence += 1
            inFlight.append(InFlight(at: at, sequence: sequence, toServer: toServer, bytes: bytes))
        }
    }
}

/// Certificates are generated once per test process: generation is the slow part.
enum Fixtures {
    static let client = Result { () throws(DTLSError) in try DTLSCertificate.generate(commonName: "client") }
    static let server = Result { () throws(DTLSError) in try DTLSCertificate.generate(commonName: "server") }
    static var clientCertificate: DTLSCertificate { get throws { try client.get() } }
    static var serverCertificate: DTLSCertificate { get throws { try server.get() } }
}

extension [DTLSEvent] {
    var applicationData: [[UInt8]] {
        compactMap { if case .applicationData(let bytes) = $0 { bytes } else { nil } }
    }

    var failure: DTLSError? {
        lazy.compactMap { if case .failed(let error) = $0 { error } else { nil } }.first
    }
}
