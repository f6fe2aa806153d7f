import Foundation
import NIOCore
import RTCTestSupport
import SignalingProtocol
import Synchronization
@testable import SignalingServer
import Testing

/// The cluster's paths that skip the hub: on a room's home, relays to members proxied from
/// another instance go from the sender's seat into the NOTIFY queue, and relays from them go
/// from the LISTEN task through their seats; on the other instance, `output` envelopes go from
/// the LISTEN task into their connections' outboxes as received. All keep order with what the
/// hub sends, and deliver each message once.
@Suite struct ClusterDirectPathTests {
    let home = UUID()
    let remoteInstance = UUID()

    func makeLink() throws -> ClusterLink {
        let settings = ClusterSettings(postgres: try PostgresURL("postgres://collab@127.0.0.1/collab"))
        return ClusterLink(settings: settings, metrics: ClusterMetrics(registry: SignalingMetrics().registry), logger: TestServer.logger)
    }

    func payload(_ sequence: UInt64, _ envelopes: [ClusterEnvelope]) -> String {
        ([ClusterBatch.header(sender: home, sequence: sequence)] + envelopes.map { $0.line() }).joined(separator: "\n")
    }

    /// Delivers one line and wakes its writer at once.
    static func deliverNow(
        _ proxied: ProxiedConnections, _ line: Substring, from home: UUID, metrics: SignalingMetrics
    ) -> DirectDelivery? {
        var wakes: [@Sendable () -> Void] = []
        defer { for wake in wakes { wake() } }
        return proxied.deliver(line, from: home, metrics: metrics, wakes: &wakes)
    }

    /// Counts writer wake-ups.
    final class WakeCount: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func add(_ amount: Int) { count.withLock { $0 += amount } }
    }

    /// The JSON of each item an outbox holds, and whether it came as received (`.text`).
    func written(_ outbox: ConnectionOutbox) -> [(json: String, raw: Bool)] {
        outbox.take(max: .max).items.compactMap { item in
            switch item {
            case .text(let buffer), .relayText(let buffer, _): (String(buffer: buffer), true)
            case .message(let message), .relay(let message, _): (message.jsonText(), false)
            case .close: nil
            }
        }
    }

    @Test func aRelayToAProxiedMemberGoesToTheNotifyQueueAsTheHubWouldSendIt() async throws {
        var room = try ProxiedRoom(remote: RemoteConnection(instance: remoteInstance, connection: 77))
        defer { room.link.finish() }
        for index in 0..<3 {
            #expect(room.hostSeat.relay(.offer(to: room.guest, sdp: "v=\(index)"), received: .now) == .forwarded)
        }
        let queued = try #require(await room.link.outbox.takeAll())
        #expect(queued.map(\.0) == Array(repeating: remoteInstance, count: 3))
        #expect(queued.map(\.1) == (0..<3).map { .output(connection: 77, message: .offer(from: room.host, sdp: "v=\($0)")) })
        // The proxied member's connection drops: relays to it are the hub's again.
        room.cluster.remoteOf[ProxiedRoom.proxy] = nil
        _ = room.state.disconnected(ProxiedRoom.proxy, now: .now)
        room.refresh()
        #expect(room.hostSeat.relay(.offer(to: room.guest, sdp: "late"), received: .now) == .declined)
    }

    /// On the home, a relay that arrives from a member proxied from another instance goes from
    /// the LISTEN task through that member's seat to its target, as from a socket here.
    @Test func aRelayFromAProxiedMemberGoesThroughItsSeat() throws {
        let remote = RemoteConnection(instance: remoteInstance, connection: 77)
        let room = try ProxiedRoom(remote: remote)
        defer { room.link.finish() }
        let seats = RemoteSeats()
        seats.open(remote, room.guestSeat)
        let metrics = SignalingMetrics()
        let offer = ClusterEnvelope.input(connection: 77, message: .offer(to: room.host, sdp: "v=0"), attach: nil, request: nil)
        #expect(seats.relay(Substring(offer.line()), from: remoteInstance, metrics: metrics) == .handled)
        // The offer as the other instance wrote it passes through, stamped with its sender.
        let items = room.hostOutbox.take(max: .max).items
        guard items.count == 1, case .relayText(let text, _) = items[0] else {
            Issue.record("not one relay: \(items)")
            return
        }
        #expect(Array(text.readableBytesView) == ServerMessage.offer(from: room.guest, sdp: "v=0").jsonBytes())
        // A relay in another form (a candidate) is decoded and goes as a message.
        let candidate = ICECandidateInit(candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0)
        let trickle = ClusterEnvelope.input(
            connection: 77, message: .candidate(to: room.host, candidate: candidate), attach: nil, request: nil)
        #expect(seats.relay(Substring(trickle.line()), from: remoteInstance, metrics: metrics) == .handled)
        let decoded = room.hostOutbox.take(max: .max).items
        guard decoded.count == 1, case .relay(let message, _) = decoded[0] else {
            Issue.record("not one relay: \(decoded)")
            return
        }
        #expect(message == .candidate(from: room.guest, candidate: candidate))
        // Another instance's connection 77, a join's request, or a message the seat declines: the hub's.
        #expect(seats.relay(Substring(offer.line()), from: home, metrics: metrics) == nil)
        let request = ClusterEnvelope.input(connection: 77, message: .offer(to: room.host, sdp: "v=0"), attach: nil, request: 1)
        #expect(seats.relay(Substring(request.line()), from: remoteInstance, metrics: metrics) == nil)
        let leave = ClusterEnvelope.input(connection: 77, message: .leave, attach: nil, request: nil)
        #expect(seats.relay(Substring(leave.line()), from: remoteInstance, metrics: metrics) == nil)
        seats.close(remote)
        #expect(seats.relay(Substring(offer.line()), from: remoteInstance, metrics: metrics) == nil)
    }

    /// A relay passed through (``RelayPassThrough``) for a member proxied from yet another
    /// instance goes into the NOTIFY queue as the message it holds; one from a connection that is
    /// not the sender's is declined, as any relay would be.
    @Test func aPassedRelayToAMemberOnAnotherInstanceGoesAsItsMessage() async throws {
        let link = try makeLink()
        defer { link.finish() }
        let routes = RoomRoutes()
        let (sender, target) = (UUID(), UUID())
        routes.set([
            sender: .init(connection: ConnectionID(raw: 1), destination: .outbox(ConnectionOutbox(limit: 8))),
            target: .init(connection: ConnectionID(raw: 2), destination: .remote(link, RemoteConnection(instance: remoteInstance, connection: 9))),
        ])
        let bytes = ClientMessage.answer(to: target, sdp: "v=0\r\na=\"x\"\r\n").jsonBytes()
        var passed = try bytes.withUnsafeBytes { try RelayPassThrough(clientJSON: $0) }
        passed.stamp(sender: sender)
        #expect(routes.relay(passed, from: sender, on: ConnectionID(raw: 3), received: .now) == .declined)
        #expect(routes.relay(passed, from: sender, on: ConnectionID(raw: 1), received: .now) == .forwarded)
        let queued = try #require(await link.outbox.takeAll())
        #expect(queued.map(\.1) == [.output(connection: 9, message: .answer(from: sender, sdp: "v=0\r\na=\"x\"\r\n"))])
    }

    @Test func anOutputGoesStraightToItsConnectionAsReceivedOnlyFromItsHome() throws {
        let proxied = ProxiedConnections()
        let outbox = ConnectionOutbox(limit: 1)
        let metrics = SignalingMetrics()
        proxied.attach(ConnectionID(raw: 5), home: home, outbox: outbox)
        let offer = ServerMessage.offer(from: UUID(), sdp: "v=0\r\na=x\r\n")
        let line = ClusterEnvelope.output(connection: 5, message: offer).line()
        #expect(Self.deliverNow(proxied, Substring(line), from: home, metrics: metrics) == .handled)
        let items = written(outbox)
        #expect(items.count == 1 && items[0].raw && items[0].json == offer.jsonText())
        // Another home, another connection, another kind or a message that does not decode: the hub's.
        #expect(Self.deliverNow(proxied, Substring(line), from: remoteInstance, metrics: metrics) == nil)
        #expect(Self.deliverNow(proxied, Substring(ClusterEnvelope.output(connection: 6, message: offer).line()), from: home, metrics: metrics) == nil)
        #expect(Self.deliverNow(proxied, Substring(ClusterEnvelope.detach(connection: 5).line()), from: home, metrics: metrics) == nil)
        #expect(Self.deliverNow(proxied, #"{"k":"out","c":5,"m":{"type":"offer","from":"nope","sdp":"x"}}"#, from: home, metrics: metrics) == nil)
        // Full (the one taken is not yet released): the hub cuts the connection off.
        #expect(Self.deliverNow(proxied, Substring(line), from: home, metrics: metrics) == .overflowed(ConnectionID(raw: 5)))
        proxied.detach(ConnectionID(raw: 5))
        outbox.release(1)
        #expect(Self.deliverNow(proxied, Substring(line), from: home, metrics: metrics) == nil)
    }

    /// The LISTEN task wakes the writers of a notification's targets once it is all queued: the
    /// delivery hands the writer's wake-up back instead of calling it, once per burst (as the
    /// outbox asks), and the writer finds every message of the notification when it runs.
    @Test func aDeliveryLeavesTheWriterWakeUpToTheCaller() throws {
        let proxied = ProxiedConnections()
        let (first, second) = (ConnectionOutbox(limit: 8), ConnectionOutbox(limit: 8))
        let woken = WakeCount()
        first.attach { woken.add(1) }
        second.attach { woken.add(10) }
        proxied.attach(ConnectionID(raw: 5), home: home, outbox: first)
        proxied.attach(ConnectionID(raw: 6), home: home, outbox: second)
        var wakes: [@Sendable () -> Void] = []
        let offers = (0..<3).map { ServerMessage.offer(from: UUID(), sdp: "v=\($0)") }
        for (connection, offer) in [(5, offers[0]), (6, offers[1]), (5, offers[2])] {
            let line = ClusterEnvelope.output(connection: UInt64(connection), message: offer).line()
            let delivery = proxied.deliver(Substring(line), from: home, metrics: SignalingMetrics(), wakes: &wakes)
            #expect(delivery == .handled)
        }
        #expect(woken.value == 0)
        #expect(wakes.count == 2)  // one per outbox: the third message joins the first's burst
        for wake in wakes { wake() }
        #expect(woken.value == 11)
        #expect(written(first).map(\.json) == [offers[0].jsonText(), offers[2].jsonText()])
        #expect(written(second).map(\.json) == [offers[1].jsonText()])
    }

    /// Only what the strict relay scanner reads goes as received; anything else that decodes (a
    /// key repeated or unknown, a notice) is written anew, so the client reads just what was
    /// checked: `JSONDecoder` keeps the first of a repeated key, a browser's `JSON.parse` the last.
    @Test func onlyWhatTheStrictScannerReadsGoesAsReceived() throws {
        let proxied = ProxiedConnections()
        let outbox = ConnectionOutbox(limit: 8)
        proxied.attach(ConnectionID(raw: 5), home: home, outbox: outbox)
        let from = UUID().uuidString
        let messages = [
            #"{"type":"pong","type":"offer","from":"\#(from)","sdp":"x"}"#,
            #"{"type":"offer","from":"\#(from)","sdp":"x","script":"<b>"}"#,
            ServerMessage.participantLeft(UUID(), reason: .removed).jsonText(),
            ServerMessage.offer(from: UUID(), sdp: "v=0").jsonText(),
        ]
        for message in messages {
            let line = #"{"k":"out","c":5,"m":"# + message + "}"
            #expect(Self.deliverNow(proxied, Substring(line), from: home, metrics: SignalingMetrics()) == .handled, "\(message)")
        }
        let items = written(outbox)
        #expect(items.map(\.raw) == [false, false, false, true])
        #expect(items.map(\.json) == (try messages.map { try ServerMessage.decode(Data($0.utf8)).jsonText() }))
        #expect(!items[0].json.contains("pong") || !items[0].json.contains("offer"))
        #expect(!items[1].json.contains("script"))
    }

    /// While the hub has envelopes of this link left to act on, outputs queue behind them; once
    /// it is idle they go straight to the outbox: one order, each message once.
    @Test func outputsNeverOvertakeWhatTheHubHasYetToDo() async throws {
        let link = try makeLink()
        let hub = SignalingHub(configuration: SignalingServerConfiguration(), metrics: SignalingMetrics(), logger: TestServer.logger)
        await hub.attachCluster(link)
        let (id, outbox, _) = await hub.open(address: "10.0.0.1", closeSocket: {})
        await hub.proxyForTest(id, to: home)
        let messages = (0..<5).map { ServerMessage.candidate(from: UUID(), candidate: ICECandidateInit(candidate: "candidate:\($0)", sdpMid: "0", sdpMLineIndex: 0)) }
        func output(_ index: Int) -> ClusterEnvelope { .output(connection: id.raw, message: messages[index]) }
        var sequences: [UUID: UInt64] = [:]
        // A detach (the hub's) first: the output behind it, and the next notification's, wait too.
        await link.receive(payload(1, [.detach(connection: 99), output(0)]), lastSequence: &sequences, hub: hub)
        await link.receive(payload(2, [output(1)]), lastSequence: &sequences, hub: hub)
        // A retried notification (sequence already seen) is dropped whole.
        await link.receive(payload(2, [output(1)]), lastSequence: &sequences, hub: hub)
        #expect(written(outbox).isEmpty)
        var batches = link.inbox.stream.makeAsyncIterator()
        for _ in 0..<2 {
            let (sender, envelopes) = try #require(await batches.next())
            await hub.clusterReceived(envelopes, from: sender)
            link.inbox.handled(envelopes)
        }
        #expect(link.inbox.isIdle)
        await link.receive(payload(3, [output(2), output(3)]), lastSequence: &sequences, hub: hub)
        await link.receive(payload(4, [output(4)]), lastSequence: &sequences, hub: hub)
        let items = written(outbox)
        #expect(items.map(\.json) == messages.map { $0.jsonText() })
        #expect(items.map(\.raw) == [false, false, true, true, true])
        link.finish()
    }
}

extension SignalingHub {
    /// Marks connection `id` proxied to `home`, as a join forwarded there does.
    func proxyForTest(_ id: ConnectionID, to home: UUID) {
        guard let outbox = outboxes[id] else { return }
        cluster?.attach(id, to: home, outbox: outbox)
    }
}

/// A room homed here, as the hub's state and relay router see it: Ana (its host) on connection 1
/// of this instance, Ben proxied from another instance as connection 2.
private struct ProxiedRoom {
    static let local = ConnectionID(raw: 1)
    static let proxy = ConnectionID(raw: 2)
    var state = SignalingState(configuration: SignalingServerConfiguration()) { _, _ in [] }
    var random = SeededRandom(seed: 3)
    var router = RelayRouter()
    let link: ClusterLink
    var cluster: HubCluster
    let hostOutbox = ConnectionOutbox(limit: 8)
    let hostSeat: RelaySeat
    let guestSeat: RelaySeat
    var host = UUID()
    var guest = UUID()

    init(remote: RemoteConnection) throws {
        let settings = ClusterSettings(postgres: try PostgresURL("postgres://collab@127.0.0.1/collab"))
        link = ClusterLink(settings: settings, metrics: ClusterMetrics(registry: SignalingMetrics().registry), logger: TestServer.logger)
        cluster = HubCluster(link: link)
        cluster.remoteOf[Self.proxy] = remote
        hostSeat = router.open(Self.local)
        guestSeat = router.open(Self.proxy)
        state.connected(Self.local, address: "10.0.0.1")
        state.connected(Self.proxy, address: "10.0.0.2")
        guard case .send(_, .roomCreated(let created)) = try #require(perform(.createRoom(name: "Ana", password: nil), from: Self.local).first),
            case .send(_, .joined(let joined)) = try #require(
                perform(.joinCode(roomCode: created.roomCode.value, name: "Ben", password: nil), from: Self.proxy).first)
        else {
            Issue.record("no room")
            return
        }
        (host, guest) = (created.participantID, joined.participantID)
        _ = hostOutbox.take(max: .max)
    }

    /// Runs a message through the state and the router the way the hub does.
    mutating func perform(_ message: ClientMessage, from id: ConnectionID) -> [SignalingAction] {
        let actions = state.receive(message, from: id, now: .now, random: &random)
        refresh()
        return actions
    }

    mutating func refresh() {
        let changed = Set(state.pendingEvents.map(\.roomID))
        router.prune(changed, state: state)
        router.refresh(changed, state: state, outboxes: [Self.local: hostOutbox], cluster: cluster)
        _ = state.takeEvents()
    }
}
