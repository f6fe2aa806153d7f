import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SignalingClient
import SignalingProtocol
import SignalingServer

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an embedded signaling server on loopback with clients that create and join a room.",
        discussion: """
            Everything runs in this process on 127.0.0.1 over real WebSockets: a host creates a room, \
            guests join it by code, one pings the server, a guest leaves, the host leaves and the \
            longest-present guest becomes host. Each step prints what the clients saw.
            """
    )

    @Option(help: "Number of guests joining the host's room.") var guests = 2
    @Option(help: "Log level for the embedded server.") var logLevel = "warning"

    func validate() throws {
        guard (1...7).contains(guests) else { throw ValidationError("--guests must be 1...7 (a room holds 8)") }
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.demo")
        let (portStream, portSink) = AsyncStream.makeStream(of: Int.self)
        var configuration = SignalingServerConfiguration()
        configuration.port = 0
        let server = SignalingService(configuration: configuration, logger: logger) { portSink.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = portStream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CleanExit.message("server did not start") }
            let url = "ws://127.0.0.1:\(port)/ws"
            say("signaling server listening on \(url)")
            try await DemoScript(url: url, guests: guests, logger: logger).run()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        say("server stopped; demo complete")
    }
}

/// The scripted walk through the protocol that `collab demo` shows.
struct DemoScript {
    let url: String
    let guests: Int
    let logger: Logger

    func run() async throws {
        let host = SignalingSession(configuration: .init(url: url), logger: logger)
        try await host.connect()
        let watcher = Task { await Self.narrate("host", host.events) }
        let room = try await host.createRoom(name: "Ana")
        say("host Ana created room \(room.roomCode) (id \(room.roomID.uuidString.prefix(8)))")

        var clients: [(name: String, client: SignalingSession, watcher: Task<Void, Never>)] = []
        for index in 0..<guests {
            let name = ["Ben", "Caro", "Dev", "Eli", "Fay", "Gus", "Hana"][index]
            let client = SignalingSession(configuration: .init(url: url), logger: logger)
            try await client.connect()
            let task = Task { await Self.narrate(name, client.events) }
            let joined = try await client.join(code: room.roomCode.value.lowercased(), name: name)
            say("\(name) joined \(joined.roomCode) by code: sees \(joined.participants.map(\.name).joined(separator: ", "))")
            clients.append((name, client, task))
        }
        if let first = clients.first {
            let rtt = try await first.client.ping()
            say("\(first.name) pinged the server: \(Self.format(rtt))")
        }
        let wrong = SignalingSession(configuration: .init(url: url), logger: logger)
        try await wrong.connect()
        do {
            try await wrong.join(code: "ZZZZZZ", name: "Mallory")
        } catch {
            say("a join with an unknown code is refused: \(error)")
        }
        await wrong.close()

        say("host Ana leaves")
        try await host.leave()
        // Wait (bounded) until the first guest has heard of the new host.
        if let first = clients.first {
            let deadline = ContinuousClock.now + .seconds(5)
            while await first.client.membership?.hostID == room.participantID, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        if let first = clients.first, let membership = await first.client.membership {
            let hostName = membership.participants.first { $0.id == membership.hostID }?.name ?? "?"
            say("\(first.name) now sees host \(hostName); room: \(membership.participants.map(\.name).joined(separator: ", "))")
        }
        for entry in clients {
            await entry.client.close()
            await entry.watcher.value
        }
        await host.close()
        await watcher.value
    }

    static func narrate(_ who: String, _ events: AsyncStream<SignalingEvent>) async {
        for await event in events {
            switch event {
            case .message(.participantJoined(let info)): say("  [\(who)] participant joined: \(info.name)")
            case .message(.participantLeft(let id)): say("  [\(who)] participant left: \(id.uuidString.prefix(8))")
            case .message(.hostChanged(let id)): say("  [\(who)] host changed to \(id.uuidString.prefix(8))")
            case .message(let other): say("  [\(who)] \(other.type)")
            case .state(let state): if state != .connected && state != .closed { say("  [\(who)] signaling \(state.rawValue)") }
            case .resumed: say("  [\(who)] resumed")
            case .resumeFailed(let error, _): say("  [\(who)] resume failed: \(error)")
            case .serverClosed(let code, let reason): say("  [\(who)] server closed the connection: \(code) \(reason ?? "")")
            }
        }
    }

    static func format(_ duration: Duration) -> String {
        let micros = Double(duration.components.attoseconds) / 1e12 + Double(duration.components.seconds) * 1e6
        return micros < 1000 ? String(format: "%.0f us", micros) : String(format: "%.2f ms", micros / 1000)
    }
}
