import ICE
import NIOCore
import NIOEmbedded
import RTCBase
@testable import RTCDriver
import Testing

/// The order of datagrams on one socket when some leave through NIO and a run leaves as one GSO
/// write next to it: NIO's queue is scripted to hold what it was given (a partial `sendmmsg`,
/// `EAGAIN`), and the "wire" records what left, in order.
@Suite struct SegmentedWriteOrderTests {
    /// What left the socket, in order, and what NIO still holds.
    final class Wire {
        var sent: [[UInt8]] = []
        var held: [[UInt8]] = []
        /// Whether a flush leaves NIO's queue as it was, as after `EAGAIN`.
        var holds = false
        var gsoWrites = 0
        /// What a lone datagram's write next to NIO returns; `nil`: lone datagrams go through NIO.
        var loneResult: SegmentedSendResult?
        var loneWrites = 0
    }

    /// Stands for NIO's datagram queue: a flush sends what was written, unless the wire holds.
    final class QueueHandler: ChannelOutboundHandler {
        typealias OutboundIn = AddressedEnvelope<ByteBuffer>
        let wire: Wire
        init(wire: Wire) { self.wire = wire }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            wire.held.append(Array(unwrapOutboundIn(data).data.readableBytesView))
            promise?.succeed()
        }

        func flush(context: ChannelHandlerContext) {
            guard !wire.holds else { return }
            wire.sent += wire.held
            wire.held = []
        }
    }

    /// The GSO write as a script: it reports NIO's held bytes and puts a run on the wire at once;
    /// with the wire's `loneResult`, lone datagrams too (descriptor 3, never used as one).
    struct ScriptedWriter: SegmentedWriter {
        let wire: Wire
        var result: SegmentedSendResult = .sent

        func descriptor(of channel: any Channel) -> CInt? { wire.loneResult == nil ? nil : 3 }

        func write(_ buffer: ByteBuffer, to destination: NIOCore.SocketAddress, on channel: any Channel,
                   descriptor: CInt) -> SegmentedSendResult {
            wire.loneWrites += 1
            guard wire.loneResult == .sent else { return wire.loneResult ?? .unavailable }
            wire.sent.append(Array(buffer.readableBytesView))
            return .sent
        }

        func bytesHeld(by channel: any Channel) -> Int? { wire.held.reduce(0) { $0 + $1.count } }

        func write(_ buffer: ByteBuffer, segmentSize: Int, to destination: NIOCore.SocketAddress,
                   on channel: any Channel) -> SegmentedSendResult {
            wire.gsoWrites += 1
            guard result == .sent else { return result }
            var rest = buffer
            while rest.readableBytes > 0, let datagram = rest.readBytes(length: min(segmentSize, rest.readableBytes)) {
                wire.sent.append(datagram)
            }
            return .sent
        }
    }

    static let source = TransportAddress(ip: "127.0.0.1", port: 5000)!
    static let first = TransportAddress(ip: "127.0.0.1", port: 6000)!
    static let second = TransportAddress(ip: "127.0.0.1", port: 7000)!

    static func driver(wire: Wire, result: SegmentedSendResult = .sent) throws -> (UDPDriver<ScriptedCore>, EmbeddedChannel) {
        let channel = EmbeddedChannel(handler: QueueHandler(wire: wire))
        let driver = UDPDriver(eventLoop: channel.embeddedEventLoop, core: ScriptedCore(), relayOptions: RelayTransportOptions(),
                               segmentedWriter: ScriptedWriter(wire: wire, result: result))
        driver.adopt([(source, channel)])
        return (driver, channel)
    }

    static func send(_ payloads: [(TransportAddress, [UInt8])], on driver: UDPDriver<ScriptedCore>) {
        _ = driver.withCore { core, _ in
            core.outbox = payloads.map { Transmit(source: source, destination: $0.0, payload: $0.1) }
        }
    }

    /// One datagram, then a run of five to another destination.
    static let payloads: [(TransportAddress, [UInt8])] =
        [(first, [UInt8](repeating: 0xA0, count: 100))] + (1...5).map { (second, [UInt8](repeating: UInt8($0), count: 1_200)) }

    @Test func runBehindDatagramsNIOHoldsGoesThroughNIOAndOrderHolds() throws {
        let wire = Wire()
        wire.holds = true
        let (driver, channel) = try Self.driver(wire: wire)
        Self.send(Self.payloads, on: driver)
        // Written next to NIO, the run would have left before the datagram NIO holds.
        #expect(wire.gsoWrites == 0 && wire.sent.isEmpty)
        #expect(driver.counters.segmentedWritesQueued == 1 && driver.counters.segmentedWrites == 0)
        // The socket becomes writable: NIO's queue leaves, in order.
        wire.holds = false
        channel.flush()
        #expect(wire.sent == Self.payloads.map(\.1))
    }

    @Test func runAfterNIOsQueueEmptiesLeavesAsOneWriteAfterIt() throws {
        let wire = Wire()
        let (driver, _) = try Self.driver(wire: wire)
        Self.send(Self.payloads, on: driver)
        #expect(wire.gsoWrites == 1 && driver.counters.segmentedWrites == 1 && driver.counters.segmentedWritesQueued == 0)
        #expect(wire.sent == Self.payloads.map(\.1))
    }

    @Test(arguments: [SegmentedSendResult.refused(errno: 22), .failed(errno: 101)])
    func onlyARefusalTurnsGSOOffForTheSocket(_ result: SegmentedSendResult) throws {
        let wire = Wire()
        let (driver, _) = try Self.driver(wire: wire, result: result)
        var notices: [UDPDriverNotice] = []
        driver.onNotice = { notices.append($0) }
        Self.send(Self.payloads, on: driver)
        Self.send(Self.payloads, on: driver)
        // Nothing lost and nothing reordered either way.
        #expect(wire.sent == Self.payloads.map(\.1) + Self.payloads.map(\.1))
        if case .refused = result {
            // Refused once, logged once; the second run goes datagram by datagram without trying.
            #expect(wire.gsoWrites == 1 && driver.counters.segmentedWritesRefused == 1 && notices.count == 1)
        } else {
            // A failure of the moment: the next run tries GSO again, and nothing is logged.
            #expect(wire.gsoWrites == 2 && driver.counters.segmentedWritesFailed == 2 && notices.isEmpty)
        }
    }

    @Test func aNewSocketAtTheSameAddressStartsWithGSOOn() throws {
        let wire = Wire()
        let (driver, _) = try Self.driver(wire: wire, result: .refused(errno: 22))
        Self.send(Self.payloads, on: driver)
        #expect(wire.gsoWrites == 1)
        let replacement = EmbeddedChannel(handler: QueueHandler(wire: wire))
        let closing = driver.replaceSockets(keeping: [], adding: [(Self.source, replacement)])
        #expect(closing.count == 1)
        Self.send(Self.payloads, on: driver)
        #expect(wire.gsoWrites == 2)
    }

    /// A lone datagram leaves next to NIO while NIO was never given one; NIO is not even asked.
    @Test func loneDatagramLeavesNextToNIOWhenNIOWasGivenNothing() throws {
        let wire = Wire()
        wire.loneResult = .sent
        let (driver, _) = try Self.driver(wire: wire)
        Self.send([(Self.first, [1, 2, 3])], on: driver)
        Self.send([(Self.first, [4, 5])], on: driver)
        #expect(wire.loneWrites == 2 && driver.counters.directWrites == 2 && wire.held.isEmpty)
        #expect(wire.sent == [[1, 2, 3], [4, 5]])
    }

    /// Behind a datagram NIO holds (`EAGAIN`), a lone datagram queues through NIO, in order; once
    /// NIO's queue has emptied, lone datagrams leave next to it again.
    @Test func loneDatagramBehindWhatNIOHoldsQueuesThroughNIOInOrder() throws {
        let wire = Wire()
        wire.holds = true
        wire.loneResult = .wouldBlock
        let (driver, channel) = try Self.driver(wire: wire)
        Self.send([(Self.first, [1])], on: driver)
        wire.loneResult = .sent
        Self.send([(Self.first, [2])], on: driver)
        // Written next to NIO, [2] would have left before [1], which NIO holds.
        #expect(wire.loneWrites == 1 && driver.counters.directWrites == 0 && wire.sent.isEmpty && wire.held == [[1], [2]])
        wire.holds = false
        channel.flush()
        Self.send([(Self.first, [3])], on: driver)
        #expect(wire.loneWrites == 2 && driver.counters.directWrites == 1)
        #expect(wire.sent == [[1], [2], [3]])
    }

    /// A lone datagram the kernel does not take at once goes through NIO: nothing is lost.
    @Test(arguments: [SegmentedSendResult.wouldBlock, .failed(errno: 101), .refused(errno: 22), .unavailable])
    func loneDatagramNotTakenGoesThroughNIO(_ result: SegmentedSendResult) throws {
        let wire = Wire()
        wire.loneResult = result
        let (driver, _) = try Self.driver(wire: wire)
        Self.send([(Self.first, [1])], on: driver)
        #expect(wire.loneWrites == 1 && driver.counters.directWrites == 0 && driver.counters.segmentedWritesRefused == 0)
        #expect(wire.sent == [[1]] && driver.counters.datagramsSent == 1)
    }
}
