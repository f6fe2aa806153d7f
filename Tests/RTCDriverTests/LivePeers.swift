import RTCTestSupport
import ICE
import RTCDriver
import RTCBase

/// Two drivers in one process with in-process signaling: credentials up front, candidates trickled
/// from each driver's events to the other as they appear.
final class LivePeers: Sendable {
    let a: ICEDriver
    let b: ICEDriver
    /// Each driver's events after signaling took what it needs (index 0 is `a`).
    let notes: [AsyncStream<ICEEvent>]
    private let pumps: [Task<Void, Never>]

    /// Creates, starts and signals both drivers; `a` is controlling.
    init(a configurationA: ICEConfiguration, b configurationB: ICEConfiguration,
         options: ICEDriverOptions = ICEDriverOptions()) async throws {
        let a = ICEDriver(configuration: configurationA, role: .controlling, options: options)
        let b = ICEDriver(configuration: configurationB, role: .controlled, options: options)
        do {
            _ = try await a.start()
            _ = try await b.start()
            try await a.setRemoteCredentials(b.localCredentials)
            try await b.setRemoteCredentials(a.localCredentials)
        } catch {
            await a.close()
            await b.close()
            throw error
        }
        var notes: [AsyncStream<ICEEvent>] = []
        var pumps: [Task<Void, Never>] = []
        for (from, to) in [(a, b), (b, a)] {
            let (stream, continuation) = AsyncStream.makeStream(of: ICEEvent.self)
            notes.append(stream)
            pumps.append(Task {
                for await event in from.events {
                    switch event {
                    case .localCandidate(let candidate): _ = try? await to.addRemoteCandidate(candidate)
                    case .gatheringStateChanged(.complete): try? await to.setRemoteEndOfCandidates()
                    default: break
                    }
                    continuation.yield(event)
                }
                continuation.finish()
            })
        }
        self.a = a
        self.b = b
        self.notes = notes
        self.pumps = pumps
    }

    /// Waits until both drivers report `connected` (or `completed`).
    func waitConnected(timeout: Duration = .seconds(10)) async throws {
        let notes = self.notes
        try await withTimeout(timeout, "both drivers connected") {
            for stream in notes {
                let connected = await stream.first {
                    if case .connectionStateChanged(let state) = $0 { state == .connected || state == .completed } else { false }
                }
                guard connected != nil else { throw TimeoutError(what: "connected (events ended)") }
            }
        }
    }

    /// Sends `count` tagged datagrams from `sender` (0 is `a`) and waits for all at the other side.
    func exchange(from sender: Int, count: Int, tag: UInt8, timeout: Duration = .seconds(5)) async throws -> [[UInt8]] {
        let drivers = [a, b]
        for index in 0..<count {
            try await drivers[sender].send([tag, UInt8(truncatingIfNeeded: index), 0x5A])
        }
        let stream = notes[1 - sender]
        return try await withTimeout(timeout, "\(count) datagrams from driver \(sender)") {
            var received: [[UInt8]] = []
            for await event in stream {
                if case .data(let bytes, _) = event, bytes.first == tag { received.append(bytes) }
                if received.count == count { break }
            }
            return received
        }
    }

    /// Closes both drivers and waits for the signaling pumps to end.
    func close() async {
        await a.close()
        await b.close()
        for pump in pumps { await pump.value }
    }
}
