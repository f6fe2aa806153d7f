import Foundation
import NIOCore
@testable import SignalingServer
import SignalingProtocol
import Testing

/// What crosses between instances around a proxied connection's `leave`, after which its own
/// instance lets it go (`releaseProxy`): on the room's home, a join from a proxy out of its room
/// there that its instance did not look up (no `attach`); on the connection's instance, the
/// home's answer to a leave that comes after the connection was let go.
@Suite struct ClusterLateInputTests {
    let home = UUID()
    let origin = UUID()

    func makeHub() async throws -> (SignalingHub, ClusterLink) {
        let settings = ClusterSettings(postgres: try PostgresURL("postgres://collab@127.0.0.1/collab"))
        let link = ClusterLink(settings: settings, metrics: ClusterMetrics(registry: SignalingMetrics().registry), logger: TestServer.logger)
        let hub = SignalingHub(configuration: SignalingServerConfiguration(), metrics: SignalingMetrics(), logger: TestServer.logger)
        await hub.attachCluster(link)
        return (hub, link)
    }

    /// The messages queued for a connection, in order.
    func messages(_ outbox: ConnectionOutbox) throws -> [ServerMessage] {
        try outbox.take(max: .max).items.compactMap { item in
            switch item {
            case .message(let message), .relay(let message, _): message
            case .text(let buffer), .relayText(let buffer, _): try ServerMessage.decode(Data(String(buffer: buffer).utf8))
            case .close: nil
            }
        }
    }

    /// A late join naming a room here is answered as a fresh one (its lookup would find this
    /// instance); one naming a room that is not here is not looked up here (that answered
    /// room-not-found for a room on another instance, and counted a failed join): the proxy is
    /// let go and its instance told to close it (1001), so the client joins afresh.
    @Test func aLateJoinIsAnsweredForARoomHereAndClosedForOneElsewhere() async throws {
        let (hub, link) = try await makeHub()
        defer { link.finish() }
        let (host, hostOutbox, _) = await hub.open(address: "10.0.0.1", closeSocket: {})
        _ = await hub.receiveLocally(.createRoom(name: "Ana", password: nil), from: host, received: .now)
        guard case .roomCreated(let room)? = try messages(hostOutbox).first else {
            Issue.record("no room")
            return
        }
        let code = room.roomCode.value
        var random = SystemRandomNumberGenerator()
        var elsewhere = RoomCode.random(using: &random)
        while elsewhere == room.roomCode { elsewhere = RoomCode.random(using: &random) }
        func input(_ message: ClientMessage, attach: RemoteAttachment? = nil, request: UInt64? = nil) async {
            await hub.clusterReceived([.input(connection: 7, message: message, attach: attach, request: request)], from: origin)
        }

        // Joined from the origin (looked up there), then left.
        await input(
            .joinCode(roomCode: code, name: "Ben", password: nil),
            attach: RemoteAttachment(address: "10.0.0.2", requestHost: nil, grant: nil), request: 1)
        await input(.leave)
        // Late joins: of the room here, then (after leaving again) of a room that is not here.
        await input(.joinCode(roomCode: code, name: "Ben", password: nil))
        await input(.leave)
        await input(.joinCode(roomCode: elsewhere.value, name: "Ben", password: nil))

        let sent = try #require(await link.outbox.takeAll()).filter { $0.instance == origin }.map(\.envelope)
        try #require(sent.count == 4, "\(sent)")
        guard case .output(7, .joined(let first)) = sent[0], case .output(7, .joined(let again)) = sent[2] else {
            Issue.record("not joined twice: \(sent)")
            return
        }
        #expect(first.roomID == room.roomID && again.roomID == room.roomID)
        #expect(sent[1] == .joinResult(connection: 7, request: 1, bound: true))
        #expect(sent[3] == .close(connection: 7, reason: .goingAway))
        #expect(await hub.knowsRemote(RemoteConnection(instance: origin, connection: 7)) == false)
    }

    /// The home answers a leave with `not-in-room` when it had ended the membership already; by
    /// then the connection's instance has let it go. The answer is dropped, as one instance drops
    /// it (it follows a close there): the client hears nothing for its leave, as for one that
    /// takes, and is out of the room either way; its next leave is answered by its own instance.
    @Test func aNotInRoomAnswerAfterTheProxyWasLetGoIsDroppedAndTheNextLeaveIsAnsweredHere() async throws {
        let (hub, link) = try await makeHub()
        defer { link.finish() }
        let (id, outbox, _) = await hub.open(address: "10.0.0.1", closeSocket: {})
        await hub.proxyForTest(id, to: home)
        #expect(await hub.receiveReportingError(.leave, from: id, received: .now) == false)
        let sent = try #require(await link.outbox.takeAll()).map(\.envelope)
        #expect(sent == [.input(connection: id.raw, message: .leave, attach: nil, request: nil), .detach(connection: id.raw)])

        await hub.clusterReceived(
            [.output(connection: id.raw, message: .error(SignalingError(.notInRoom, "not in a room")))], from: home)
        #expect(try messages(outbox).isEmpty)
        // The home is told again that this instance no longer proxies the connection.
        #expect(try #require(await link.outbox.takeAll()).map(\.envelope) == [.detach(connection: id.raw)])

        #expect(await hub.receiveReportingError(.leave, from: id, received: .now) == true)
        let answers = try messages(outbox)
        #expect(answers.count == 1 && answers.allSatisfy(isError(.notInRoom)))
        #expect(link.outbox.queuedBytes == 0)
    }
}

extension SignalingHub {
    /// Whether a connection of another instance is proxied here.
    func knowsRemote(_ key: RemoteConnection) -> Bool {
        cluster?.remotes[key] != nil
    }
}
