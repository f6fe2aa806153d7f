import DTLS
import RTCTestSupport
import RTCBase
import Testing

/// RFC 6347 §4.1.1: "Multiple DTLS records may be placed in a single datagram." A peer that
/// coalesces (Chromium, or this stack with `coalescesRecords`) must have every record read.
@Suite("DTLS datagrams of several records")
struct MultiRecordDatagramTests {
    @Test("Every application record of one datagram is delivered, in order")
    func everyRecordDelivered() throws {
        let link = try DTLSLink.make()
        link.start()
        #expect(link.progress { link.bothConnected })
        let payloads: [[UInt8]] = (0..<5).map { index in Array(repeating: UInt8(index), count: 40 + index) }
        for payload in payloads { try link.client.send(payload, now: link.clock.now) }
        var records: [[UInt8]] = []
        while let record = link.client.pollTransmit() { records.append(record) }
        #expect(records.count == payloads.count)
        link.server.handle(datagram: records.flatMap { $0 }, now: link.clock.now)
        var delivered: [[UInt8]] = []
        while let event = link.server.pollEvent() {
            if case .applicationData(let bytes) = event { delivered.append(bytes) }
        }
        #expect(delivered == payloads)
    }
}
