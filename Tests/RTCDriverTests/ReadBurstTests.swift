import NIOCore
import RTCBase
import RTCDriver
import Testing

/// How many `recvmmsg` a socket bound by `UDPDriver.bind` makes per readable event, over real
/// loopback sockets: one while it is interactive (a second would only return `EAGAIN`), NIO's
/// default once a full burst shows bulk traffic; nothing queued is ever left unread.
@Suite(.serialized) struct ReadBurstTests {
    static func readsPerEvent(_ channel: any Channel) async throws -> UInt {
        try await channel.getOption(.maxMessagesPerRead).get()
    }

    static func carriesBulk(_ channel: any Channel) async throws -> Bool {
        try await SegmentOffloadTests.loop.submit {
            try channel.pipeline.syncOperations.handler(type: DatagramHandler<DatagramRecorder>.self).carriesBulk
        }.get()
    }

    @Test func fewDatagramsKeepTheSocketInteractive() async throws {
        let receiver = try await SegmentOffloadTests.recordingSocket()
        let sender = try await SegmentOffloadTests.sendingDriver()
        let destination = try #require(receiver.channel.localAddress.flatMap { TransportAddress($0) })
        #expect(try await Self.readsPerEvent(receiver.channel) == UInt(ReceiveLayout.interactiveReadsPerEvent))

        // One at a time, as an echo goes, then a burst shorter than one `recvmmsg`.
        var sent: [[UInt8]] = []
        for index in 0..<3 {
            let one = [[UInt8](repeating: UInt8(index), count: 64)]
            _ = try await SegmentOffloadTests.send(one, from: sender.box, source: sender.address, to: destination)
            sent += one
            #expect(try await SegmentOffloadTests.received(sent.count, by: receiver.box) == sent)
        }
        let burst = SegmentOffloadTests.datagrams(count: ReceiveLayout.bulkBurst - 2, size: 300, tail: 0, tag: 0xD1)
        _ = try await SegmentOffloadTests.send(burst, from: sender.box, source: sender.address, to: destination)
        #expect(try await SegmentOffloadTests.received(sent.count + burst.count, by: receiver.box) == sent + burst)

        #expect(try await Self.readsPerEvent(receiver.channel) == UInt(ReceiveLayout.interactiveReadsPerEvent))
        #expect(try await !Self.carriesBulk(receiver.channel))
        try await sender.channel.close()
        try await receiver.channel.close()
    }

    @Test func aQueueLongerThanOneReadIsReadWholeAndMakesTheSocketBulk() async throws {
        let receiver = try await SegmentOffloadTests.recordingSocket()
        let sender = try await SegmentOffloadTests.sendingDriver()
        let destination = try #require(receiver.channel.localAddress.flatMap { TransportAddress($0) })

        // Written in one loop task, so all of it is queued at the socket before its first read:
        // the first event reads one full `recvmmsg`, the level-triggered selector reports the rest.
        let queued = SegmentOffloadTests.datagrams(count: ReceiveLayout.bulkBurst * 3 + 5, size: 500, tail: 100, tag: 0xD2)
        let counters = try await SegmentOffloadTests.send(queued, from: sender.box, source: sender.address, to: destination)
        #expect(counters.sendsDropped == 0)
        #expect(try await SegmentOffloadTests.received(queued.count, by: receiver.box) == queued)

        #expect(try await Self.carriesBulk(receiver.channel))
        #expect(try await Self.readsPerEvent(receiver.channel) == UInt(ReceiveLayout.bulkReadsPerEvent))
        try await sender.channel.close()
        try await receiver.channel.close()
    }
}
