import STUN
import RTCBase
import Testing

/// Socket address text forms, ChannelData framing and RFC 7983 demultiplexing.
@Suite struct AddressAndFramingTests {
    @Test(arguments: [
        ("1.2.3.4", "1.2.3.4"), ("::1", "::1"), ("::", "::"), ("2001:db8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"), ("fe80::1%eth0", "fe80::1"),
        ("::ffff:1.2.3.4", "::ffff:102:304"), ("1:0:0:1:0:0:0:1", "1:0:0:1::1"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func ipParsing(_ input: String, _ canonical: String) {
        #expect(IPAddress(input)?.description == canonical)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.256", "1::2::3", ":::", "12345::", "1.2.3.4.5", "g::1", "1:2:3:4:5:6:7:8:9"])
    func invalidIPs(_ input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test func socketAddresses() {
        #expect(TransportAddress("10.0.0.1:5000") == TransportAddress(ip: .v4(0x0A00_0001), port: 5000))
        #expect(TransportAddress("[::1]:9")?.description == "[::1]:9")
        #expect(TransportAddress("::1:9") == nil)
        #expect(TransportAddress("1.2.3.4:70000") == nil)
        #expect(IPAddress.loopbackV4.isLoopback && IPAddress.loopbackV6.isLoopback)
        #expect(IPAddress("fe80::1")!.isLinkLocal)
    }

    @Test func channelDataRoundTrip() throws {
        let frame = ChannelData(channel: 0x4001, data: [1, 2, 3])
        let bytes = frame.encode()
        #expect(bytes == [0x40, 0x01, 0x00, 0x03, 1, 2, 3])
        #expect(try ChannelData.decode(bytes) == frame)
        #expect(try ChannelData.decode(bytes + [0]) == frame, "padding is tolerated")
        #expect(throws: STUNError.invalidChannelData) { try ChannelData.decode([0x40, 0x01, 0x00, 0x09, 1]) }
        #expect(throws: STUNError.invalidChannelData) { try ChannelData.decode([0x80, 0x01, 0x00, 0x00]) }
        #expect(ChannelData.isChannelData(bytes))
    }

    @Test func demultiplexing() {
        #expect(PacketKind(classifying: RFC5769Tests.sampleRequest) == .stun)
        #expect(STUNMessage.isSTUN(RFC5769Tests.sampleRequest))
        #expect(!STUNMessage.isSTUN([0x16, 0xFE, 0xFD] + [UInt8](repeating: 0, count: 30)))
        #expect(PacketKind(classifying: [22, 0xFE, 0xFD]) == .dtls)
        #expect(PacketKind(classifying: [0x40, 0, 0, 0]) == .channelData)
        #expect(PacketKind(classifying: [0x80]) == .rtp)
        #expect(PacketKind(classifying: []) == .unknown)
    }

    @Test func messageTypeBits() {
        // RFC 8489 §5: a Binding success response is 0x0101, an Allocate error response 0x0113.
        #expect(STUNMessageType.bindingSuccess.rawValue == 0x0101)
        #expect(STUNMessageType(method: .allocate, class: .errorResponse).rawValue == 0x0113)
        #expect(STUNMessageType(method: .data, class: .indication).rawValue == 0x0017)
        for raw in UInt16(0)...0x3FFF {
            #expect(STUNMessageType(rawValue: raw).rawValue == raw)
        }
    }
}
