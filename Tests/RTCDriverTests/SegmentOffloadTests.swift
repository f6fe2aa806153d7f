import ICE
import NIOCore
import NIOPosix
import RTCBase
import RTCDriver
import Testing

/// UDP GSO and GRO over real loopback sockets: a run written as one GSO write arrives as its
/// datagrams, a GRO socket splits a run again, and a GSO write the kernel refuses leaves the
/// socket open and its datagrams sent one by one.
@Suite(.serialized) struct SegmentOffloadTests {
    static let loop = MultiThreadedEventLoopGroup.singleton.next()
    static let localhost = TransportAddress(ip: "127.0.0.1", port: 0)!

    /// `count` datagrams of `size` bytes and a last one of `tail` bytes; each byte says which datagram it is in.
    static func datagrams(count: Int, size: Int, tail: Int, tag: UInt8) -> [[UInt8]] {
        (0..<count).map { [tag] + [UInt8](repeating: UInt8($0), count: size - 1) }
            + (tail > 0 ? [[tag] + [UInt8](repeating: 0xEE, count: tail - 1)] : [])
    }

    /// A socket whose datagrams go to a ``DatagramRecorder``; with `bulkBurst`, GRO after that many reads.
    static func recordingSocket(bulkBurst: Int? = nil, at address: TransportAddress = localhost) async throws
        -> (box: NIOLoopBoundBox<DatagramRecorder>, channel: any Channel) {
        let box = try await loop.submit { NIOLoopBoundBox(DatagramRecorder(), eventLoop: loop) }.get()
        guard let bulkBurst else {
            let channel = try await UDPDriver<ScriptedCore>.bind(address, on: loop, receiver: box,
                                                                 receiveBufferSize: 1 << 20, sendBufferSize: 1 << 20)
            return (box, channel)
        }
        let layout = ReceiveLayout.plain(maxDatagramSize: 2048)
        let channel = try await DatagramBootstrap(group: loop)
            .channelOption(.datagramVectorReadMessageCount, value: layout.slots)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: layout.bytes))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        DatagramHandler(receiver: box, receiveOffload: true, bulkBurst: bulkBurst))
                }
            }
            .bind(to: localhost.nioAddress()).get()
        return (box, channel)
    }

    /// Waits (at most 5 s) until `box` holds `count` datagrams, then returns them.
    static func received(_ count: Int, by box: NIOLoopBoundBox<DatagramRecorder>) async throws -> [[UInt8]] {
        let counts = try await loop.submit { box.value.counts }.get()
        try await withTimeout(.seconds(5), "\(count) datagrams received") {
            for await seen in counts where seen >= count { return }
        }
        return try await loop.submit { box.value.datagrams }.get()
    }

    /// A driver over one loopback socket, sending what its ``ScriptedCore`` is given.
    static func sendingDriver(at local: TransportAddress = localhost) async throws -> (box: NIOLoopBoundBox<UDPDriver<ScriptedCore>>, channel: any Channel, address: TransportAddress) {
        let box = try await loop.submit {
            NIOLoopBoundBox(UDPDriver(eventLoop: loop, core: ScriptedCore(), relayOptions: RelayTransportOptions()), eventLoop: loop)
        }.get()
        let channel = try await UDPDriver<ScriptedCore>.bind(local, on: loop, receiver: box,
                                                             receiveBufferSize: 1 << 20, sendBufferSize: 1 << 20)
        let address = try #require(channel.localAddress.flatMap { TransportAddress($0) })
        try await loop.submit { box.value.adopt([(address, channel)]) }.get()
        return (box, channel, address)
    }

    static func send(_ payloads: [[UInt8]], from driver: NIOLoopBoundBox<UDPDriver<ScriptedCore>>,
                     source: TransportAddress, to destination: TransportAddress) async throws -> UDPDriverCounters {
        try await loop.submit {
            _ = driver.value.withCore { core, _ in
                core.outbox = payloads.map { Transmit(source: source, destination: destination, payload: $0) }
            }
            return driver.value.counters
        }.get()
    }

    /// Loopback addresses to test on: IPv4, and IPv6 where `::1` can be bound.
    static let loopbacks = ["127.0.0.1"] + (LiveConnectTests.ipv6LoopbackWorks ? ["::1"] : [])

    @Test(.enabled(if: System.supportsUDPSegmentationOffload, "no UDP_SEGMENT on this kernel"), arguments: loopbacks)
    func runLeavesAsOneWriteAndArrivesAsItsDatagrams(ip: String) async throws {
        let loopback = try #require(TransportAddress(ip: ip, port: 0))
        let receiver = try await Self.recordingSocket(at: loopback)
        let sender = try await Self.sendingDriver(at: loopback)
        let destination = try #require(receiver.channel.localAddress.flatMap { TransportAddress($0) })
        let payloads = Self.datagrams(count: 10, size: 1_200, tail: 300, tag: 0xA1)
        let counters = try await Self.send(payloads, from: sender.box, source: sender.address, to: destination)
        #expect(counters.segmentedWrites == 1 && counters.segmentedWritesRefused == 0)
        #expect(try await Self.received(payloads.count, by: receiver.box) == payloads)
        try await sender.channel.close()
        try await receiver.channel.close()
    }

    /// Lone datagrams, each the only one of its flush, leave with one plain `sendmsg` next to NIO
    /// (not through its pipeline) and arrive in order; a closed socket is never written next to NIO.
    @Test(.enabled(if: System.supportsUDPSegmentationOffload, "no UDP_SEGMENT on this kernel"))
    func loneDatagramsLeaveNextToNIOAndArrive() async throws {
        let receiver = try await Self.recordingSocket()
        let sender = try await Self.sendingDriver()
        let destination = try #require(receiver.channel.localAddress.flatMap { TransportAddress($0) })
        let payloads = (0..<3).map { [UInt8](repeating: UInt8(0xD0 + $0), count: 200) }
        var counters = UDPDriverCounters()
        for payload in payloads {
            counters = try await Self.send([payload], from: sender.box, source: sender.address, to: destination)
        }
        #expect(counters.directWrites == 3 && counters.datagramsSent == 3 && counters.segmentedWrites == 0)
        #expect(try await Self.received(payloads.count, by: receiver.box) == payloads)
        try await sender.channel.close()
        let afterClose = try await Self.send([[0xEE]], from: sender.box, source: sender.address, to: destination)
        #expect(afterClose.directWrites == 3)
        try await receiver.channel.close()
    }

    /// The kernel refuses every GSO write from a socket with `SO_NO_CHECK` (`EINVAL`, Linux
    /// `udp_send_skb`) while plain writes still go: the fallback path, on a real socket.
    @Test(.enabled(if: System.supportsUDPSegmentationOffload, "no UDP_SEGMENT on this kernel"))
    func refusedRunIsSentDatagramByDatagramAndTheSocketStaysOpen() async throws {
        let receiver = try await Self.recordingSocket()
        let sender = try await Self.sendingDriver()
        // SO_NO_CHECK, asm-generic/socket.h.
        let noCheck = ChannelOptions.Types.SocketOption(level: .socket, name: NIOBSDSocket.Option(rawValue: 11))
        try await sender.channel.setOption(noCheck, value: 1)
        let destination = try #require(receiver.channel.localAddress.flatMap { TransportAddress($0) })

        let first = Self.datagrams(count: 10, size: 1_200, tail: 300, tag: 0xB1)
        let afterFirst = try await Self.send(first, from: sender.box, source: sender.address, to: destination)
        #expect(afterFirst.segmentedWritesRefused == 1 && afterFirst.segmentedWrites == 0)
        #expect(try await Self.received(first.count, by: receiver.box) == first)
        #expect(sender.channel.isActive)

        // The socket writes datagram by datagram from now on: no second refusal, nothing lost.
        let second = Self.datagrams(count: 5, size: 1_200, tail: 0, tag: 0xB2)
        let afterSecond = try await Self.send(second, from: sender.box, source: sender.address, to: destination)
        #expect(afterSecond.segmentedWritesRefused == 1 && afterSecond.segmentedWrites == 0)
        #expect(afterSecond.datagramsSent == first.count + second.count && afterSecond.sendsDropped == 0)
        #expect(try await Self.received(first.count + second.count, by: receiver.box) == first + second)
        #expect(sender.channel.isActive)
        try await sender.channel.close()
        try await receiver.channel.close()
    }

    @Test(.enabled(if: System.supportsUDPSegmentationOffload && System.supportsUDPReceiveOffload, "no UDP GSO/GRO on this kernel"))
    func groRunIsSplitIntoItsDatagrams() async throws {
        let receiver = try await Self.recordingSocket(bulkBurst: 1)
        let sender = try await Self.sendingDriver()
        let destination = try #require(receiver.channel.localAddress.flatMap { TransportAddress($0) })
        // One plain datagram: its read burst switches the receiving socket to GRO.
        let opener = [[UInt8](repeating: 0x01, count: 100)]
        _ = try await Self.send(opener, from: sender.box, source: sender.address, to: destination)
        #expect(try await Self.received(1, by: receiver.box) == opener)
        let handler = { try await Self.loop.submit {
            let handler = try receiver.channel.pipeline.syncOperations.handler(type: DatagramHandler<DatagramRecorder>.self)
            return (coalesces: handler.coalesces, runs: handler.runsReceived)
        }.get() }
        #expect(try await handler().coalesces)

        // A run with a short last datagram, then one of equal datagrams only.
        let withTail = Self.datagrams(count: 5, size: 1_200, tail: 700, tag: 0xC1)
        let even = Self.datagrams(count: 3, size: 1_000, tail: 0, tag: 0xC2)
        _ = try await Self.send(withTail, from: sender.box, source: sender.address, to: destination)
        #expect(try await Self.received(1 + withTail.count, by: receiver.box) == opener + withTail)
        let counters = try await Self.send(even, from: sender.box, source: sender.address, to: destination)
        #expect(try await Self.received(1 + withTail.count + even.count, by: receiver.box) == opener + withTail + even)
        #expect(counters.segmentedWrites == 2)
        // Over loopback a GSO write reaches a GRO socket whole: both runs were split here.
        #expect(try await handler().runs == 2)
        try await sender.channel.close()
        try await receiver.channel.close()
    }
}
