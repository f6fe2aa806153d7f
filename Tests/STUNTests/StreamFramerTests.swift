import RTCTestSupport
import STUN
import Testing

/// RFC 8656 §12.5 framing of STUN and ChannelData on a TCP/TLS stream: every way bytes can be cut
/// or glued by reads, the padding, and the inputs that must fail the stream.
@Suite struct StreamFramerTests {
    static let binding = STUNMessage(type: .bindingRequest, transactionID: TransactionID(high: 7, low: 9),
                                     attributes: [.software("framer")]).encode(fingerprint: true)
    static let channel = ChannelData(channel: 0x4001, data: [1, 2, 3, 4, 5]).encode()  // 9 bytes unpadded

    /// A stream of messages, each framed as on the wire.
    static func wire(_ messages: [[UInt8]]) -> [UInt8] { messages.flatMap { StreamFramer.frame($0) } }

    @Test func channelDataIsPaddedToFour() {
        #expect(StreamFramer.frame(Self.channel).count == 12)
        #expect(ChannelData(channel: 0x4001, data: [1, 2, 3, 4, 5]).encode(padded: true) == StreamFramer.frame(Self.channel))
        #expect(StreamFramer.frame(Self.binding) == Self.binding, "STUN is a multiple of 4 already")
        #expect(ChannelData(channel: 0x4001, data: [1, 2, 3, 4]).encode(padded: true).count == 8, "no padding when aligned")
    }

    @Test func mergedReadGivesEveryMessageWithoutPadding() throws {
        var framer = StreamFramer()
        let messages = try framer.append(Self.wire([Self.binding, Self.channel, Self.binding, Self.channel]))
        #expect(messages == [Self.binding, Self.channel, Self.binding, Self.channel])
        #expect(framer.bufferedCount == 0)
        #expect(try ChannelData.decode(messages[1]) == ChannelData(channel: 0x4001, data: [1, 2, 3, 4, 5]))
    }

    @Test(arguments: [1, 2, 3, 5, 7, 13, 64])
    func splitReadsOfAnySizeGiveTheSameMessages(chunk: Int) throws {
        let expected = [Self.channel, Self.binding, ChannelData(channel: 0x7FFF, data: []).encode(), Self.binding]
        let bytes = Self.wire(expected)
        var framer = StreamFramer()
        var received: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            received += try framer.append(bytes[offset..<end])
            offset = end
        }
        #expect(received == expected)
        #expect(framer.bufferedCount == 0)
    }

    @Test func incompleteFrameWaitsForTheRest() throws {
        var framer = StreamFramer()
        let padded = StreamFramer.frame(Self.channel)
        let first = try framer.append(padded.prefix(10))
        #expect(first.isEmpty, "data in, padding missing")
        #expect(framer.bufferedCount == 10)
        let rest = try framer.append(padded.suffix(2))
        #expect(rest == [Self.channel])
    }

    @Test(arguments: [UInt8(0x80), 0xC0, 0xFF])
    func garbageFailsTheStreamForGood(first: UInt8) throws {
        var framer = StreamFramer()
        let before = try framer.append(Self.binding)
        #expect(before.count == 1)
        #expect(throws: StreamFramingError.garbage(firstByte: first)) { try framer.append([first, 0, 0, 0]) }
        #expect(framer.failure == .garbage(firstByte: first))
        #expect(throws: StreamFramingError.garbage(firstByte: first)) { try framer.append(Self.binding) }
        #expect(framer.bufferedCount == 0, "nothing kept after a failure")
    }

    @Test func garbageIsSeenFromItsFirstByte() {
        var framer = StreamFramer()
        #expect(throws: StreamFramingError.garbage(firstByte: 0x90)) { try framer.append([0x90]) }
    }

    @Test func badSTUNHeadersFail() {
        var cookie = Self.binding
        cookie[4] ^= 0xFF
        var framer = StreamFramer()
        #expect(throws: StreamFramingError.badMagicCookie) { try framer.append(cookie) }
        var length = Self.binding
        length[2] = 0x00
        length[3] = 0x05
        framer = StreamFramer()
        #expect(throws: StreamFramingError.badLength(5)) { try framer.append(length.prefix(4)) }
    }

    @Test func oversizeFramesFail() {
        var framer = StreamFramer(maxFrameSize: 1500)
        // A ChannelData header announcing 4,000 bytes fails before any of them arrive.
        #expect(throws: StreamFramingError.oversize(4004)) { try framer.append([0x40, 0x00, 0x0F, 0xA0]) }
        framer = StreamFramer(maxFrameSize: 1500)
        #expect(throws: StreamFramingError.oversize(20 + 2000)) { try framer.append([0x00, 0x01, 0x07, 0xD0]) }
        #expect(StreamFramer(maxFrameSize: 1 << 20).maxFrameSize == StreamFramer.largestFrame)
    }

    @Test func mutatedStreamsFrameTheSameHoweverTheyAreRead() {
        // The property the fuzz target checks, on 2,000 seeded mutations of a valid stream: one read
        // or many give the same messages or the same error, and never more bytes than came in.
        var random = SeededRandom(seed: 77)
        let valid = Self.wire([Self.binding, Self.channel, ChannelData(channel: 0x5000, data: [9, 9, 9]).encode(), Self.binding])
        var outcomes = Set<String>()
        for _ in 0..<2000 {
            var bytes = valid
            for _ in 0..<Int(random.next() % 4) {
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            var whole = StreamFramer()
            let all = Result { () throws(StreamFramingError) -> [[UInt8]] in try whole.append(bytes) }
            var pieces = StreamFramer()
            var cut = Result<[[UInt8]], StreamFramingError>.success([])
            var offset = 0
            while offset < bytes.count, case .success(let sofar) = cut {
                let end = min(bytes.count, offset + 1 + Int(random.next() % 9))
                cut = Result { () throws(StreamFramingError) -> [[UInt8]] in try sofar + pieces.append(bytes[offset..<end]) }
                offset = end
            }
            #expect(all == cut)
            if case .success(let messages) = all {
                #expect(messages.reduce(0) { $0 + $1.count } <= bytes.count)
                #expect(whole.bufferedCount == pieces.bufferedCount)
                outcomes.insert("ok")
            } else if case .failure(let error) = all {
                outcomes.insert("\(error)".prefix(while: { $0 != "(" }).description)
            }
        }
        #expect(outcomes.contains("ok") && outcomes.count >= 3, "mutations reach both success and several errors: \(outcomes)")
    }

    @Test func largestChannelDataFits() throws {
        var framer = StreamFramer()
        let big = ChannelData(channel: 0x4000, data: [UInt8](repeating: 0xAB, count: 65_535)).encode()
        let wire = StreamFramer.frame(big)
        #expect(wire.count == 65_540)
        var received: [[UInt8]] = []
        for start in stride(from: 0, to: wire.count, by: 4096) {
            received += try framer.append(wire[start..<min(start + 4096, wire.count)])
            #expect(framer.bufferedCount < StreamFramer.largestFrame, "at most one incomplete frame is held")
        }
        #expect(received == [big])
    }
}
