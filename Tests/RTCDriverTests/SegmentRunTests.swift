import NIOCore
import NIOEmbedded
import RTCBase
@testable import RTCDriver
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What joins a GSO run and what starts another, and what a failed `sendmsg` means.
@Suite struct SegmentRunTests {
    static let source = TransportAddress(ip: "127.0.0.1", port: 5000)!

    static func run(first size: Int) throws -> SegmentRun {
        let channel = EmbeddedChannel()
        let destination = try SocketAddress(ipAddress: "127.0.0.1", port: 6000)
        return SegmentRun(source: source, socket: UDPDriverSocket(channel: channel), destination: destination,
                          buffer: ByteBuffer(bytes: [UInt8](repeating: 0, count: size)))
    }

    @Test func the64thDatagramJoinsAndThe65thDoesNot() throws {
        var run = try Self.run(first: 100)
        for _ in 2...SegmentRun.maxSegments {
            let joined = run.append([UInt8](repeating: 1, count: 100))
            #expect(joined)
        }
        #expect(run.count == 64)
        let sixtyFifth = run.append([UInt8](repeating: 1, count: 100))
        #expect(!sixtyFifth)
        #expect(run.datagrams.count == 64)
    }

    @Test func aRunStaysWithin65000Bytes() throws {
        // 50 datagrams of 1,300 bytes fill 65,000 exactly, below the 64-segment limit.
        var run = try Self.run(first: 1_300)
        var joined = 1
        while run.append([UInt8](repeating: 1, count: 1_300)) { joined += 1 }
        #expect(joined == 65_000 / 1_300 && run.buffer.readableBytes == 65_000)
        let oneMore = run.append([UInt8](repeating: 1, count: 1))
        #expect(!oneMore)
    }

    @Test func aLargerDatagramDoesNotJoinAndAShorterOneEndsTheRun() throws {
        var run = try Self.run(first: 1_000)
        let larger = run.append([UInt8](repeating: 1, count: 1_001))
        let shorter = run.append([UInt8](repeating: 1, count: 999))
        let afterShorter = run.append([UInt8](repeating: 1, count: 999))
        #expect(!larger && shorter && !afterShorter)
        #expect(run.datagrams.map(\.readableBytes) == [1_000, 999])
    }

    @Test func interleavedDestinationsMakeOneRunEach() throws {
        let wire = SegmentedWriteOrderTests.Wire()
        let (driver, _) = try SegmentedWriteOrderTests.driver(wire: wire)
        let a = SegmentedWriteOrderTests.first, b = SegmentedWriteOrderTests.second
        let payloads = [(a, [UInt8](repeating: 1, count: 500)), (a, [UInt8](repeating: 2, count: 500)),
                        (b, [UInt8](repeating: 3, count: 500)), (a, [UInt8](repeating: 4, count: 500)),
                        (a, [UInt8](repeating: 5, count: 500))]
        SegmentedWriteOrderTests.send(payloads, on: driver)
        // a a | b | a a: two GSO writes, the lone datagram through NIO, all in order.
        #expect(wire.gsoWrites == 2 && driver.counters.segmentedWrites == 2)
        #expect(wire.sent == payloads.map(\.1))
    }

    @Test func onlyGSOErrorsAreRefusals() {
        #expect(SegmentedSend.result(ofErrno: EAGAIN) == .wouldBlock)
        #expect(SegmentedSend.result(ofErrno: ENOBUFS) == .wouldBlock)
        for code in [EIO, EINVAL, EMSGSIZE, EOPNOTSUPP, ENOPROTOOPT] {
            #expect(SegmentedSend.result(ofErrno: code) == .refused(errno: code))
        }
        for code in [ENETUNREACH, EHOSTUNREACH, EPERM, EADDRNOTAVAIL, EAFNOSUPPORT, ECONNREFUSED] {
            #expect(SegmentedSend.result(ofErrno: code) == .failed(errno: code))
        }
    }
}
