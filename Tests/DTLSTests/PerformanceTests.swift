import DTLS
import RTCBase
import Testing

/// Rough figures on the real clock (printed; asserted only loosely so a busy machine passes).
@Suite(.timeLimit(.minutes(1))) struct PerformanceTests {
    private func connectedPair() throws -> DTLSLink {
        let link = try DTLSLink.make(conditions: .init(delay: .zero))
        link.start()
        #expect(link.progress { link.bothConnected })
        return link
    }

    @Test func handshakeTime() throws {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<20 {
            let started = clock.now
            _ = try connectedPair()
            samples.append(clock.now - started)
        }
        samples.sort()
        print("DTLS handshake in memory: median \(samples[samples.count / 2]), min \(samples[0])")
        #expect(samples[samples.count / 2] < .seconds(1))
    }

    /// One record from client to server: send, move the datagram, handle, take the event.
    private func pump(_ link: DTLSLink, payload: [UInt8], count: Int) throws -> Duration {
        let clock = ContinuousClock()
        let now = RTCInstant.zero
        let started = clock.now
        var received = 0
        for _ in 0..<count {
            try link.client.send(payload, now: now)
            while let datagram = link.client.pollTransmit() { link.server.handle(datagram: datagram, now: now) }
            while let event = link.server.pollEvent() {
                if case .applicationData(let bytes) = event { received += bytes.count }
            }
        }
        #expect(received == payload.count * count)
        return clock.now - started
    }

    @Test func recordCostAndThroughput() throws {
        let link = try connectedPair()
        let small = [UInt8](repeating: 0xA5, count: 1200)
        _ = try pump(link, payload: small, count: 200)  // warm up
        let records = 5000
        let elapsed = try pump(link, payload: small, count: records)
        let microseconds = Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6
        print("DTLS 1200-byte record send+receive: \(microseconds / Double(records)) us, "
            + "\(Double(records * 1200) / microseconds) MB/s")
        let large = [UInt8](repeating: 0x5A, count: DTLSEndpoint.maxApplicationDataSize)
        let bulk = 2000
        let bulkElapsed = try pump(link, payload: large, count: bulk)
        let bulkMicroseconds = Double(bulkElapsed.components.attoseconds) / 1e12 + Double(bulkElapsed.components.seconds) * 1e6
        print("DTLS 16384-byte records: \(bulkMicroseconds / Double(bulk)) us each, "
            + "\(Double(bulk * large.count) / bulkMicroseconds) MB/s")
        #expect(microseconds / Double(records) < 1000)
    }
}
