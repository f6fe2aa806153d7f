import DTLS
import RTCTestSupport
import RTCBase
import Testing

/// The receive path asks BoringSSL for a record only while the datagram may hold one: no SSL_read
/// that can only answer "want read" after the last record, and nothing lost by skipping it.
@Suite("DTLS record reads")
struct RecordReadTests {
    private func connectedLink() throws -> DTLSLink {
        let link = try DTLSLink.make(conditions: .init(delay: .zero))
        link.start()
        #expect(link.progress { link.bothConnected })
        return link
    }

    /// Moves every datagram `from` has queued to `to`, returning how many moved.
    @discardableResult
    private func deliver(from: DTLSEndpoint, to: DTLSEndpoint, now: RTCInstant) -> Int {
        var moved = 0
        while let datagram = from.pollTransmit() {
            to.handle(datagram: datagram, now: now)
            moved += 1
        }
        return moved
    }

    /// Starts the handshake and runs it by hand until the server is done: its final flight is
    /// still queued and the client still connecting.
    private func runUntilServerConnected(_ link: DTLSLink, now: RTCInstant) {
        link.start()
        for _ in 0..<10 where link.server.state != .connected {
            deliver(from: link.client, to: link.server, now: now)
            if link.server.state != .connected { deliver(from: link.server, to: link.client, now: now) }
        }
        #expect(link.server.state == .connected)
        #expect(link.client.state == .connecting)
    }

    private func applicationData(of endpoint: DTLSEndpoint) -> [[UInt8]] {
        var delivered: [[UInt8]] = []
        while let event = endpoint.pollEvent() {
            if case .applicationData(let bytes) = event { delivered.append(bytes) }
        }
        return delivered
    }

    /// RFC 6347 §4.1: a record is a 13-byte header (type, version, epoch, sequence number,
    /// length) and `length` bytes of fragment.
    private func records(of datagram: [UInt8]) -> [[UInt8]] {
        var records: [[UInt8]] = []
        var offset = 0
        while offset + 13 <= datagram.count {
            let end = offset + 13 + (Int(datagram[offset + 11]) << 8 | Int(datagram[offset + 12]))
            guard end <= datagram.count else { break }
            records.append(Array(datagram[offset..<end]))
            offset = end
        }
        return records
    }

    @Test("One SSL_read per record that arrives alone")
    func oneReadPerRecord() throws {
        let link = try connectedLink()
        let readsBefore = link.server.recordReads
        let payloads: [[UInt8]] = (0..<50).map { Array(repeating: UInt8($0), count: 64 + $0) }
        var delivered: [[UInt8]] = []
        for payload in payloads {
            try link.client.send(payload, now: link.clock.now)
            #expect(deliver(from: link.client, to: link.server, now: link.clock.now) == 1)
            delivered += applicationData(of: link.server)
        }
        #expect(delivered == payloads)
        #expect(link.server.recordReads - readsBefore == payloads.count)
    }

    @Test("Every record of a datagram is read, and no more")
    func severalRecordsInOneDatagram() throws {
        let link = try connectedLink()
        let payloads: [[UInt8]] = (0..<5).map { Array(repeating: UInt8($0), count: 100 * ($0 + 1)) }
        var datagram: [UInt8] = []
        for payload in payloads {
            try link.client.send(payload, now: link.clock.now)
            while let record = link.client.pollTransmit() { datagram += record }
        }
        let readsBefore = link.server.recordReads
        link.server.handle(datagram: datagram, now: link.clock.now)
        #expect(applicationData(of: link.server) == payloads)
        #expect(link.server.recordReads - readsBefore == payloads.count)
    }

    @Test("close_notify behind application records in one datagram closes after delivering them")
    func closeNotifyAfterRecords() throws {
        let link = try connectedLink()
        let payloads: [[UInt8]] = [[1, 2, 3], Array(repeating: 7, count: 1200)]
        var datagram: [UInt8] = []
        for payload in payloads {
            try link.client.send(payload, now: link.clock.now)
            while let record = link.client.pollTransmit() { datagram += record }
        }
        link.client.close(now: link.clock.now)
        while let record = link.client.pollTransmit() { datagram += record }
        link.server.handle(datagram: datagram, now: link.clock.now)
        var events: [DTLSEvent] = []
        while let event = link.server.pollEvent() { events.append(event) }
        #expect(events == payloads.map { .applicationData($0) } + [.closed])
        #expect(link.server.state == .closed)
    }

    // BoringSSL discards an application record that arrives between ChangeCipherSpec and Finished
    // (ssl/d1_both.cc: "out-of-order application data ... Discard it"; RFC 6347 §4.1.2.7 lets a
    // receiver drop records it cannot process; SCTP above retransmits). OpenSSL buffered it.
    @Test("Application data between the peer's ChangeCipherSpec and Finished is dropped; the handshake completes")
    func recordBetweenChangeCipherSpecAndFinished() throws {
        let link = try DTLSLink.make(conditions: .init(delay: .zero))
        let now = link.clock.now
        runUntilServerConnected(link, now: now)
        var finalFlight: [[UInt8]] = []
        while let datagram = link.server.pollTransmit() { finalFlight += records(of: datagram) }
        let payload = Array(repeating: UInt8(0x42), count: 300)
        try link.server.send(payload, now: now)
        let early = try #require(link.server.pollTransmit())
        // RFC 6347 §4.1: record type 20 is ChangeCipherSpec; deliver it, then the data, then the rest.
        let changeCipherSpec = finalFlight.filter { $0.first == 20 }
        #expect(changeCipherSpec.count == 1)
        for record in changeCipherSpec { link.client.handle(datagram: record, now: now) }
        link.client.handle(datagram: early, now: now)
        #expect(link.client.state == .connecting)
        for record in finalFlight where record.first != 20 { link.client.handle(datagram: record, now: now) }
        #expect(link.client.state == .connected)
        #expect(applicationData(of: link.client).isEmpty)
        // The same data sent again arrives.
        try link.server.send(payload, now: now)
        let again = try #require(link.server.pollTransmit())
        link.client.handle(datagram: again, now: now)
        #expect(applicationData(of: link.client) == [payload])
    }

    @Test("A lost final flight is answered through the connected read path; no BoringSSL timer stays armed")
    func lostFinalFlightAnsweredWhileConnected() throws {
        let link = try DTLSLink.make(conditions: .init(delay: .zero))
        var now = link.clock.now
        runUntilServerConnected(link, now: now)
        var lost = 0
        while link.server.pollTransmit() != nil { lost += 1 }
        #expect(lost > 0)
        #expect(link.server.pollTimeout() == nil)
        #expect(!link.server.tlsTimerArmed)

        // The client's timer fires (RFC 6347 §4.2.4): it sends its last flight again, and the
        // connected server must answer with its own from inside SSL_read.
        let deadline = try #require(link.client.pollTimeout())
        now = deadline
        link.client.handleTimeout(now: now)
        #expect(link.client.retransmissionCount == 1)
        let readsBefore = link.server.recordReads
        #expect(deliver(from: link.client, to: link.server, now: now) > 0)
        #expect(link.server.recordReads > readsBefore)
        #expect(deliver(from: link.server, to: link.client, now: now) > 0)
        #expect(link.client.state == .connected)
        #expect(!link.client.tlsTimerArmed)
        #expect(link.client.pollTimeout() == nil)

        // And data flows both ways afterwards.
        try link.client.send([9, 9], now: now)
        deliver(from: link.client, to: link.server, now: now)
        try link.server.send([8], now: now)
        deliver(from: link.server, to: link.client, now: now)
        #expect(applicationData(of: link.server) == [[9, 9]])
        #expect(applicationData(of: link.client) == [[8]])
    }
}
