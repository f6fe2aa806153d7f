import Foundation
import Crypto
import DTLS
import RTCTestSupport
import Synchronization
import Testing
import WebRTC
import RTCBase

/// Two ``PeerConnection``s in this process over real loopback UDP sockets.
@Suite("PeerConnection over loopback", .timeLimit(.minutes(2)))
struct LivePeerTests {
    /// Every size up to 1,300 B (across the one-packet boundary), then around each power of two
    /// up to 256 KiB, where SCTP fragments and DTLS records split.
    static let sizes: [Int] = Array(0...1_300) + (11...18).flatMap { shift in
        [(1 << shift) - 1, 1 << shift, (1 << shift) + 1].filter { $0 <= 262_144 }
    } + [16_383, 65_535, 65_536, 262_143]

    @Test("Messages of 0 B to 256 KiB, text and binary, arrive intact and in order")
    func everySize() async throws {
        let pair = try await LivePair()
        let channel = try await pair.offerer.createDataChannel("sizes")
        try await pair.negotiate()
        let local = ChannelReader(channel)
        try await local.waitOpen()
        let remote = ChannelReader(try await pair.nextRemoteChannel())
        try await remote.waitOpen()
        #expect(channel.id.map { $0 % 2 == 1 } == true)

        var expected: [(binary: Bool, digest: [UInt8])] = []
        for (index, size) in Self.sizes.enumerated() {
            let binary = index % 2 == 0
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ size) }
            if binary {
                try channel.send(bytes)
                expected.append((true, Array(SHA256.hash(data: bytes))))
            } else {
                // ASCII keeps the text exactly `size` bytes of UTF-8.
                let text = String(decoding: bytes.map { 0x21 + $0 % 90 }, as: UTF8.self)
                try channel.send(text)
                expected.append((false, Array(SHA256.hash(data: Array(text.utf8)))))
            }
        }
        for (index, want) in expected.enumerated() {
            let message = try await remote.nextMessage()
            switch message {
            case .binary(let bytes):
                #expect(want.binary, "message \(index) kept its type")
                #expect(Array(SHA256.hash(data: bytes)) == want.digest, "message \(index) (\(Self.sizes[index]) B) intact")
            case .text(let text):
                #expect(!want.binary, "message \(index) kept its type")
                #expect(Array(SHA256.hash(data: Array(text.utf8))) == want.digest, "message \(index) (\(Self.sizes[index]) B) intact")
            }
        }
        let stats = try await pair.answerer.stats()
        #expect(stats.channels.values.map(\.messagesReceived).reduce(0, +) == Self.sizes.count)
        let rtt = try #require(try await pair.offerer.stats().roundTripTime, "ICE measured a round trip")
        #expect(rtt > .zero && rtt < .seconds(1))
        #expect(pair.offerer.connectionState == .connected)
        await pair.close()
    }

    @Test("Close from either side reaches closed on both", arguments: [true, false])
    func closeEitherSide(offererCloses: Bool) async throws {
        let pair = try await LivePair()
        let channel = try await pair.offerer.createDataChannel("bye")
        try await pair.negotiate()
        let local = ChannelReader(channel)
        try await local.waitOpen()
        let remoteChannel = try await pair.nextRemoteChannel()
        let remote = ChannelReader(remoteChannel)
        try await remote.waitOpen()
        if offererCloses { channel.close() } else { remoteChannel.close() }
        try await local.waitClosed()
        try await remote.waitClosed()
        #expect(channel.readyState == .closed)
        #expect(remoteChannel.readyState == .closed)
        #expect(throws: PeerConnectionError.channelNotOpen(.closed)) { try channel.send("late") }
        await pair.close()
    }

    @Test("Negotiated channels and an unordered maxRetransmits 0 channel carry data both ways")
    func negotiatedAndUnreliable() async throws {
        let pair = try await LivePair()
        let options = DataChannelInit(ordered: false, maxRetransmits: 0, negotiated: true, id: 3)
        let a = try await pair.offerer.createDataChannel("bio", options: options)
        let b = try await pair.answerer.createDataChannel("bio", options: options)
        #expect(a.id == 3 && b.id == 3 && a.maxRetransmits == 0 && !a.ordered)
        try await pair.negotiate()
        let readerA = ChannelReader(a)
        let readerB = ChannelReader(b)
        try await readerA.waitOpen()
        try await readerB.waitOpen()
        try a.send([1, 2, 3])
        #expect(try await readerB.nextMessage() == .binary([1, 2, 3]))
        try b.send("")
        #expect(try await readerA.nextMessage() == .text(""))
        try b.send([UInt8]())
        #expect(try await readerA.nextMessage() == .binary([]))
        await pair.close()
    }

    /// Session 17 audit: the engine speaks only its negotiated channels, and a peer's in-band
    /// channel used to open one that nobody read, its messages piling up on its event stream.
    @Test("A connection whose maxChannels covers only its negotiated channels refuses a peer's in-band one")
    func inBandChannelBeyondMaxChannelsIsRefused() async throws {
        var guarded = PeerConnectionConfiguration()
        guarded.maxChannels = 1
        let pair = try await LivePair(answerer: guarded)
        let options = DataChannelInit(negotiated: true, id: 0)
        let mine = try await pair.answerer.createDataChannel("control", options: options)
        let theirs = try await pair.offerer.createDataChannel("control", options: options)
        let extra = try await pair.offerer.createDataChannel("extra")
        try await pair.negotiate()
        let mineReader = ChannelReader(mine)
        let extraReader = ChannelReader(extra)
        try await mineReader.waitOpen()
        try await extraReader.waitOpen()  // the opener's side opens when its OPEN is sent
        try extra.send([9, 9, 9])
        try theirs.send([1])
        // Sent after the stray message on the same association, with no loss on loopback.
        #expect(try await mineReader.nextMessage() == .binary([1]))
        let stats = try await pair.answerer.stats()
        #expect(stats.channels.count == 1, "only the negotiated channel exists")
        #expect(stats.counters.badDCEPMessages == 1, "the OPEN was refused")
        #expect(stats.counters.strayMessages == 1, "its message was dropped")
        await pair.close()
    }

    @Test("An event handler may send from inside itself: it is never re-entered")
    func handlerSendsWithoutReentry() async throws {
        let pair = try await LivePair()
        let options = DataChannelInit(negotiated: true, id: 5)
        let a = try await pair.offerer.createDataChannel("echo", options: options)
        let b = try await pair.answerer.createDataChannel("echo", options: options)
        // depth: handler calls in progress; deepest: the most at once; echoed: messages answered.
        let calls = Mutex((depth: 0, deepest: 0, echoed: 0))
        b.setEventHandler { event in
            calls.withLock { $0.depth += 1; $0.deepest = max($0.deepest, $0.depth) }
            defer { calls.withLock { $0.depth -= 1 } }
            // With threshold 0 this send's own bufferedamountlow would re-enter us if the send
            // ran the connection synchronously.
            if case .message(let message) = event, (try? b.send(message: message)) != nil {
                calls.withLock { $0.echoed += 1 }
            }
        }
        try await pair.negotiate()
        let reader = ChannelReader(a)
        try await reader.waitOpen()
        for index in 0..<50 { try a.send("m\(index)") }
        for index in 0..<50 { #expect(try await reader.nextMessage() == .text("m\(index)")) }
        let result = calls.withLock { $0 }
        #expect(result.echoed == 50)
        #expect(result.deepest == 1, "the handler was re-entered")
        await pair.close()
        // Set before the channel opened, the handler got every event: none was added to the
        // stream (nobody reads it here; fed too, it would keep all 50 messages).
        var leftOnStream = 0
        for await _ in b.events { leftOnStream += 1 }
        #expect(leftOnStream == 0)
    }

    @Test("A data-channel handler sees a remote-opened channel before any of its events: nothing is missed")
    func dataChannelHandlerSeesEverything() async throws {
        let pair = try await LivePair()
        let received = Mutex<(labels: [String], messages: [DataChannelMessage])>(([], []))
        let all = OnceGate<Void>()
        pair.answerer.setDataChannelHandler { channel in
            received.withLock { $0.labels.append(channel.label) }
            channel.setEventHandler { event in
                guard case .message(let message) = event else { return }
                let count = received.withLock { state in
                    state.messages.append(message)
                    return state.messages.count
                }
                if count == 20 { all.finish(.success(())) }
            }
        }
        let channel = try await pair.offerer.createDataChannel("early")
        try await pair.negotiate()
        try await ChannelReader(channel).waitOpen()
        // Sent at once after open: they can share datagrams with DATA_CHANNEL_OPEN.
        for index in 0..<20 { try channel.send("m\(index)") }
        try await withTimeout(.seconds(10), "20 messages") { try await all.wait().get() }
        let result = received.withLock { $0 }
        #expect(result.labels == ["early"])
        #expect(result.messages == (0..<20).map { .text("m\($0)") })
        await pair.close()
    }

    @Test("A peer that omits a=max-message-size is sent at most 65,535 B")
    func remoteMessageSizeLimit() async throws {
        let pair = try await LivePair()
        let channel = try await pair.offerer.createDataChannel("limit")
        try await pair.negotiate { sdp in
            sdp.split(separator: "\r\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("a=max-message-size") }.joined(separator: "\r\n")
        }
        let reader = ChannelReader(channel)
        try await reader.waitOpen()
        #expect(throws: PeerConnectionError.messageTooLarge(size: 65_536, limit: 65_535)) {
            try channel.send([UInt8](repeating: 1, count: 65_536))
        }
        try channel.send([UInt8](repeating: 1, count: 65_535))
        let remote = ChannelReader(try await pair.nextRemoteChannel())
        #expect(try await remote.nextMessage() == .binary([UInt8](repeating: 1, count: 65_535)))
        await pair.close()
    }

    @Test("A fingerprint mismatch fails the connection and no channel ever opens")
    func fingerprintMismatch() async throws {
        let pair = try await LivePair()
        let channel = try await pair.offerer.createDataChannel("secret")
        let impostor = try DTLSCertificate.generate().fingerprint.bytes
        let fake = impostor.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined(separator: ":")
        try await pair.negotiate { sdp in
            sdp.split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("a=fingerprint:") ? "a=fingerprint:sha-256 \(fake)" : String(line)
            }.joined(separator: "\r\n")
        }
        let reader = ChannelReader(channel)
        var sawOpen = false
        while let event = try await reader.next(timeout: .seconds(15)) {
            if event == .open { sawOpen = true }
            if event == .close { break }
        }
        #expect(!sawOpen)
        #expect(pair.offerer.connectionState == .failed)
        await pair.close()
    }

    @Test("Creating and closing 1,000 connections keeps memory flat")
    func manyConnections() async throws {
        let certificate = try RTCCertificate.generate()
        func cycle(_ count: Int) async throws {
            for _ in 0..<count {
                let pc = try await PeerConnection(configuration: PeerConnectionConfiguration(certificate: certificate))
                _ = try await pc.createDataChannel("x")
                let offer = try await pc.createOffer()
                try await pc.setLocalDescription(offer)
                await pc.close()
            }
        }
        try await cycle(200)
        let before = residentBytes()
        try await cycle(800)
        let after = residentBytes()
        #expect(after - before < 16 << 20, "RSS grew \((after - before) >> 10) KiB over 800 connections")
    }
}
