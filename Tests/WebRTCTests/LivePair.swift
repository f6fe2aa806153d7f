import RTCTestSupport
import Synchronization
import WebRTC
import RTCBase

/// Two ``PeerConnection``s on real loopback sockets, trickling candidates to each other, with
/// the channels each learns through `ondatachannel` collected for the test.
final class LivePair: Sendable {
    let offerer: PeerConnection
    let answerer: PeerConnection
    let remoteChannels: AsyncStream<DataChannel>
    private let pumps: Mutex<[Task<Void, Never>]> = Mutex([])
    private let remoteSink: AsyncStream<DataChannel>.Continuation

    init(offerer: PeerConnectionConfiguration = PeerConnectionConfiguration(),
         answerer: PeerConnectionConfiguration = PeerConnectionConfiguration()) async throws {
        self.offerer = try await PeerConnection(configuration: offerer)
        self.answerer = try await PeerConnection(configuration: answerer)
        (remoteChannels, remoteSink) = AsyncStream.makeStream(of: DataChannel.self)
    }

    /// Forwards `from`'s trickled candidates to `to` and collects the channels `from` learns.
    /// Started only once `to` has the description the candidates belong to: W3C
    /// `addIceCandidate` refuses candidates before it (the event stream holds them meanwhile).
    private func startPump(from: PeerConnection, to: PeerConnection) {
        let sink = remoteSink
        let task = Task {
            for await event in from.events {
                switch event {
                case .iceCandidate(let candidate):
                    try? await to.addIceCandidate(candidate)
                case .dataChannel(let channel):
                    sink.yield(channel)
                default:
                    break
                }
            }
        }
        pumps.withLock { $0.append(task) }
    }

    /// Offer/answer with trickle; `tamper` edits the answer on its way to the offerer. `implicit`
    /// makes each description with `setLocalDescription()` instead of create, then set.
    func negotiate(implicit: Bool = false, tamper: @Sendable (String) -> String = { $0 }) async throws {
        let offer: RTCSessionDescription
        if implicit {
            offer = try await offerer.setLocalDescription()
        } else {
            offer = try await offerer.createOffer()
            try await offerer.setLocalDescription(offer)
        }
        try await answerer.setRemoteDescription(offer)
        startPump(from: offerer, to: answerer)
        let answer: RTCSessionDescription
        if implicit {
            answer = try await answerer.setLocalDescription()
        } else {
            answer = try await answerer.createAnswer()
            try await answerer.setLocalDescription(answer)
        }
        try await offerer.setRemoteDescription(RTCSessionDescription(type: .answer, sdp: tamper(answer.sdp)))
        startPump(from: answerer, to: offerer)
    }

    /// The next channel the remote side announced, within `timeout`.
    func nextRemoteChannel(timeout: Duration = .seconds(10)) async throws -> DataChannel {
        let stream = remoteChannels
        return try await withTimeout(timeout, "a remote data channel") {
            var iterator = stream.makeAsyncIterator()
            guard let channel = await iterator.next() else { throw TimeoutError(what: "remote channel (stream ended)") }
            return channel
        }
    }

    func close() async {
        await offerer.close()
        await answerer.close()
        remoteSink.finish()
        for task in pumps.withLock({ $0 }) { task.cancel() }
    }
}

/// Reads a channel's events in order, one consumer per channel, every wait bounded.
final class ChannelReader: Sendable {
    let channel: DataChannel
    private let reader: EventReader<DataChannelEvent>

    init(_ channel: DataChannel) {
        self.channel = channel
        self.reader = EventReader(channel.events)
    }

    /// The next event, within `timeout`; `nil` when the stream ended.
    func next(timeout: Duration = .seconds(10)) async throws -> DataChannelEvent? {
        try await reader.next(timeout: timeout, "an event on \(channel.label)")
    }

    /// Skips to `.open`.
    func waitOpen(timeout: Duration = .seconds(10)) async throws {
        if channel.readyState == .open { return }
        while let event = try await next(timeout: timeout) {
            if event == .open { return }
        }
        throw TimeoutError(what: "open on \(channel.label) (stream ended)")
    }

    /// The next message, skipping other events.
    func nextMessage(timeout: Duration = .seconds(10)) async throws -> DataChannelMessage {
        while let event = try await next(timeout: timeout) {
            if case .message(let message) = event { return message }
        }
        throw TimeoutError(what: "a message on \(channel.label) (stream ended)")
    }

    /// Skips to `.close`.
    func waitClosed(timeout: Duration = .seconds(10)) async throws {
        while let event = try await next(timeout: timeout) {
            if event == .close { return }
        }
    }
}
