import Crypto
import Foundation
import Logging
import RTCSimulation
import RTCBase
import WebRTC
import STUN

/// One interop case: negotiation through a ``PeerProcess`` and the checks of Interop/README.md.
struct InteropSession {
    let peer: PeerProcess
    let weOffer: Bool
    let addresses: [String]
    let maxMessage: Int
    let coalescesRecords: Bool
    let connectTimeout: Duration
    let logger: Logger

    func run(into result: inout InteropResult) async throws {
        var configuration = PeerConnectionConfiguration()
        configuration.coalescesRecords = coalescesRecords
        configuration.hostAddresses = addresses.compactMap { IPAddress($0) }.map { TransportAddress(ip: $0, port: 0) }
        let pc = try await PeerConnection(configuration: configuration, logger: logger)
        defer { Task { await pc.close() } }
        let lines = EventReader(peer.lines)
        let remoteChannels = AsyncStream.makeStream(of: DataChannel.self)
        let events = Task {
            for await event in pc.events {
                if case .dataChannel(let channel) = event { remoteChannels.continuation.yield(channel) }
            }
            remoteChannels.continuation.finish()
        }
        defer { events.cancel() }

        let started = ContinuousClock.now
        var channels: [String: DataChannel] = [:]
        channels["neg"] = try await pc.createDataChannel("neg", options: DataChannelInit(negotiated: true, id: 7))
        if weOffer {
            channels["echo"] = try await pc.createDataChannel("echo")
            channels["unreliable"] = try await pc.createDataChannel("unreliable", options: DataChannelInit(ordered: false, maxRetransmits: 0))
            channels["discard"] = try await pc.createDataChannel("discard")
            try await pc.setLocalDescription()
            await pc.waitForGatheringComplete(timeout: .seconds(5))
            guard let offer = await pc.localDescription() else { throw InteropError("no local offer") }
            peer.send(SignalLine(type: "offer", sdp: offer.sdp).encoded)
            try await pc.setRemoteDescription(try await readDescription(lines, type: "answer"))
        } else {
            let offer = try await readDescription(lines, type: "offer")
            try await pc.setRemoteDescription(offer)
            try await pc.setLocalDescription()
            await pc.waitForGatheringComplete(timeout: .seconds(5))
            guard let answer = await pc.localDescription() else { throw InteropError("no local answer") }
            peer.send(SignalLine(type: "answer", sdp: answer.sdp).encoded)
        }
        // Candidates the peer trickles after its description (Chromium --trickle).
        let trickle = Task {
            while let line = try? await lines.next(timeout: .seconds(3600)) {
                guard let signal = SignalLine.parse(line), signal.type == "candidate" else { continue }
                try? await pc.addIceCandidate(signal.candidate?.isEmpty == false ? signal.candidate : nil)
            }
        }
        defer { trickle.cancel() }

        if !weOffer {
            let arrivals = EventReader(remoteChannels.stream)
            while channels.count < 4 {
                guard let channel = try await arrivals.next(timeout: connectTimeout, "the peer's channels") else { break }
                channels[channel.label] = channel
            }
        }
        var readers: [String: EventReader<DataChannelEvent>] = [:]
        for (label, channel) in channels { readers[label] = EventReader(channel.events) }
        for label in ["echo", "neg"] {
            guard let channel = channels[label], let reader = readers[label] else { throw InteropError("no channel \(label)") }
            try await waitOpen(channel, reader)
        }
        result.connectMilliseconds = (ContinuousClock.now - started).rtcSeconds * 1000

        let limit = min(maxMessage, pc.maxMessageSize)
        let sizes = [0, 1, 1024, 16_384, 65_535] + (limit >= 262_144 ? [262_144] : [])
        for label in ["echo", "neg"] {
            try await echoCheck(channels[label]!, readers[label]!, sizes: sizes, into: &result)
        }
        if let channel = channels["unreliable"], let reader = readers["unreliable"] {
            try await unreliableCheck(channel, reader, into: &result)
        } else {
            result.check(false, "no unreliable channel")
        }
        if let channel = channels["discard"], let reader = readers["discard"] {
            try await discardCheck(channel, reader, into: &result)
        } else {
            result.check(false, "no discard channel")
        }
        for (_, channel) in channels { channel.close() }
        for (label, channel) in channels {
            try await waitClosed(channel, readers[label]!)
            result.check(channel.readyState == .closed, "\(label) reached closed")
        }
        await pc.close()
        let status = await peer.waitForExit(timeout: .seconds(10))
        result.check(status == 0, "the peer exits 0 after the channels closed (got \(status.map(String.init) ?? "still running"))")
    }

    private func readDescription(_ lines: EventReader<String>, type: String) async throws -> RTCSessionDescription {
        let deadline = ContinuousClock.now + connectTimeout
        while ContinuousClock.now < deadline {
            guard let line = try await lines.next(timeout: deadline - ContinuousClock.now, "the peer's \(type)") else { break }
            if let signal = SignalLine.parse(line), signal.type == type, let description = signal.description { return description }
        }
        throw InteropError("no \(type) from the peer")
    }

    private func waitOpen(_ channel: DataChannel, _ reader: EventReader<DataChannelEvent>) async throws {
        if channel.readyState == .open { return }
        while let event = try await reader.next(timeout: connectTimeout, "\(channel.label) to open") {
            if event == .open { return }
        }
        throw InteropError("\(channel.label) closed before it opened")
    }

    private func waitClosed(_ channel: DataChannel, _ reader: EventReader<DataChannelEvent>) async throws {
        while let event = try await reader.next(timeout: .seconds(5), "\(channel.label) to close") {
            if event == .close { return }
        }
    }

    /// Interop/README.md payloads: text of size n is "a...z0...9"[(i + n) % 36]; binary is (i * 31 + n) & 0xff.
    static func payload(size: Int, binary: Bool) -> DataChannelMessage {
        if binary { return .binary((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }) }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return .text(String(decoding: (0..<size).map { alphabet[($0 + size) % 36] }, as: UTF8.self))
    }

    static func digest(_ message: DataChannelMessage) -> (Bool, Int, [UInt8]) {
        switch message {
        case .text(let text): (false, text.utf8.count, Array(SHA256.hash(data: Array(text.utf8))))
        case .binary(let bytes): (true, bytes.count, Array(SHA256.hash(data: bytes)))
        }
    }

    private func echoCheck(_ channel: DataChannel, _ reader: EventReader<DataChannelEvent>, sizes: [Int],
                           into result: inout InteropResult) async throws {
        var sent: [DataChannelMessage] = []
        for size in sizes {
            for binary in [false, true] {
                let message = Self.payload(size: size, binary: binary)
                try channel.send(message: message)
                sent.append(message)
            }
        }
        for (index, message) in sent.enumerated() {
            var echoed: DataChannelMessage?
            while let event = try await reader.next(timeout: .seconds(10), "echo \(index) on \(channel.label)") {
                if case .message(let got) = event { echoed = got; break }
            }
            let want = Self.digest(message)
            let got = echoed.map(Self.digest)
            result.check(got?.0 == want.0 && got?.1 == want.1 && got?.2 == want.2,
                         "\(channel.label): echo \(index) (\(want.1) B \(want.0 ? "binary" : "text")) intact and in order")
        }
    }

    private func unreliableCheck(_ channel: DataChannel, _ reader: EventReader<DataChannelEvent>,
                                 into result: inout InteropResult) async throws {
        try await waitOpen(channel, reader)
        var sent: Set<[UInt8]> = []
        for index in 0..<20 {
            let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &+ index &* 7) }
            sent.insert(bytes)
            try channel.send(bytes)
        }
        var received = 0
        var foreign = 0
        while received < 20, let event = try? await reader.next(timeout: .seconds(2), "unreliable echoes") {
            guard case .message(let message) = event else { continue }
            if case .binary(let bytes) = message, sent.contains(bytes) { received += 1 } else { foreign += 1 }
        }
        result.check(received >= 1, "unreliable: at least one of 20 came back (got \(received))")
        result.check(foreign == 0, "unreliable: nothing came back that was not sent")
    }

    private func discardCheck(_ channel: DataChannel, _ reader: EventReader<DataChannelEvent>,
                              into result: inout InteropResult) async throws {
        try await waitOpen(channel, reader)
        let chunk = [UInt8](repeating: 0x42, count: 16_384)
        for _ in 0..<64 { try channel.send(chunk) }
        try channel.send("count?")
        var answer: DataChannelMessage?
        while let event = try await reader.next(timeout: .seconds(10), "the discard count") {
            if case .message(let message) = event { answer = message; break }
        }
        result.check(answer == .text("1048576"), "discard counted 1048576 B (answered \(String(describing: answer)))")
    }
}
