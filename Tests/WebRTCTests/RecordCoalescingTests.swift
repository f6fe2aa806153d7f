import Synchronization
import Testing
import WebRTC
import RTCBase

/// `coalescesRecords` over real loopback sockets: what one turn of the loop sends leaves as one
/// datagram, and the far side reads every record of it.
@Suite("Several DTLS records per datagram, over loopback", .timeLimit(.minutes(2)))
struct RecordCoalescingTests {
    @Test("Five messages sent in one loop turn leave in one datagram and all arrive", arguments: [true, false])
    func oneTurnOneDatagram(coalesces: Bool) async throws {
        var configuration = PeerConnectionConfiguration()
        configuration.coalescesRecords = coalesces
        let pair = try await LivePair(offerer: configuration, answerer: configuration)
        let options = DataChannelInit(negotiated: true, id: 3)
        let a = try await pair.offerer.createDataChannel("burst", options: options)
        let b = try await pair.answerer.createDataChannel("burst", options: options)
        // The handler runs on b's loop: its five sends are one batch, flushed once.
        b.setEventHandler { event in
            guard case .message(.text("go")) = event else { return }
            for index in 0..<5 { try? b.send("r\(index)") }
        }
        try await pair.negotiate()
        let reader = ChannelReader(a)
        try await reader.waitOpen()
        let before = try await pair.answerer.stats().counters
        try a.send("go")
        for index in 0..<5 { #expect(try await reader.nextMessage() == .text("r\(index)")) }
        let after = try await pair.answerer.stats().counters
        let records = after.dtlsRecordsSent - before.dtlsRecordsSent
        let datagrams = after.dtlsDatagramsSent - before.dtlsDatagramsSent
        // Other packets in the window (a SACK for "go") add a record and at most one datagram each.
        #expect(records >= 5)
        if coalesces {
            #expect(records - datagrams >= 4, "\(records) records in \(datagrams) datagrams")
        } else {
            #expect(records == datagrams)
        }
        #expect(after.sctpPacketsSent - before.sctpPacketsSent == records)
        await pair.close()
    }
}
