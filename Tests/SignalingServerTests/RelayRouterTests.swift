import Foundation
import RTCTestSupport
import Synchronization
import SignalingProtocol
@testable import SignalingServer
import Testing

/// The relay fast path against the state it mirrors: it takes only relays the hub would deliver
/// right then, and leaves every other case (and every error) to the hub.
@Suite struct RelayRouterTests {
    var state = SignalingState(configuration: SignalingServerConfiguration()) { _, _ in [] }
    var random = SeededRandom(seed: 7)
    var router = RelayRouter()
    let now = ContinuousClock.now
    var outboxes: [ConnectionID: ConnectionOutbox] = [:]
    var seats: [UInt64: RelaySeat] = [:]

    /// Runs a message through the state and the router the way the hub does.
    mutating func send(_ message: ClientMessage, from raw: UInt64) -> [SignalingAction] {
        let actions = state.receive(message, from: ConnectionID(raw: raw), now: now, random: &random)
        let changed = Set(state.pendingEvents.map(\.roomID))
        router.prune(changed, state: state)
        router.refresh(changed, state: state, outboxes: outboxes)
        _ = state.takeEvents()
        return actions
    }

    mutating func connect(_ raw: UInt64) {
        state.connected(ConnectionID(raw: raw), address: "10.0.0.\(raw)")
        outboxes[ConnectionID(raw: raw)] = ConnectionOutbox(limit: 2)
        seats[raw] = router.open(ConnectionID(raw: raw))
    }

    /// A relay sent on connection `raw`, through its seat.
    func relay(_ message: ClientMessage, from raw: UInt64) -> RelayOutcome {
        seats[raw]?.relay(message, received: now) ?? .declined
    }

    /// A room with members on connections 1 (host) and 2; their participant IDs.
    mutating func room() throws -> (host: UUID, guest: UUID) {
        connect(1)
        connect(2)
        guard case .send(_, .roomCreated(let created)) = try #require(send(.createRoom(name: "Ana", password: nil), from: 1).first),
            case .send(_, .joined(let joined)) = try #require(
                send(.joinCode(roomCode: created.roomCode.value, name: "Ben", password: nil), from: 2).first)
        else {
            Issue.record("no room")
            return (UUID(), UUID())
        }
        return (created.participantID, joined.participantID)
    }

    @Test mutating func relaysBetweenConnectedMembersWithTheSendersStamp() throws {
        let (host, guest) = try room()
        let outcome = relay(.offer(to: guest, sdp: "v=0"), from: 1)
        #expect(outcome == .delivered)
        let queued = try #require(outboxes[ConnectionID(raw: 2)]?.take(max: .max).items)
        guard case .relay(let message, _) = try #require(queued.last) else {
            Issue.record("not a relay")
            return
        }
        #expect(message == .offer(from: host, sdp: "v=0"))
    }

    @Test mutating func leavesErrorsBroadcastsAndStrangersToTheHub() throws {
        let (host, guest) = try room()
        connect(3)
        #expect(relay(.offer(to: host, sdp: "x"), from: 1) == .declined)
        #expect(relay(.offer(to: nil, sdp: "x"), from: 1) == .declined)
        #expect(relay(.offer(to: UUID(), sdp: "x"), from: 1) == .declined)
        #expect(relay(.offer(to: guest, sdp: "x"), from: 3) == .declined)
        #expect(relay(.ping, from: 1) == .declined)
    }

    @Test mutating func aMemberThatLeftOrDroppedIsNoLongerRouted() throws {
        let (host, guest) = try room()
        _ = send(.leave, from: 2)
        #expect(relay(.offer(to: guest, sdp: "x"), from: 1) == .declined)
        #expect(relay(.offer(to: host, sdp: "x"), from: 2) == .declined)
        _ = state.disconnected(ConnectionID(raw: 1), now: now)
        let changed = Set(state.pendingEvents.map(\.roomID))
        router.prune(changed, state: state)
        router.refresh(changed, state: state, outboxes: outboxes)
        #expect(relay(.offer(to: host, sdp: "x"), from: 1) == .declined)
    }

    @Test mutating func aFullOutboxIsReportedAsOverflow() throws {
        let (_, guest) = try room()
        // The guest's outbox holds 2.
        #expect(relay(.offer(to: guest, sdp: "1"), from: 1) == .delivered)
        #expect(relay(.offer(to: guest, sdp: "2"), from: 1) == .delivered)
        #expect(relay(.offer(to: guest, sdp: "3"), from: 1) == .overflowed(ConnectionID(raw: 2)))
        _ = outboxes[ConnectionID(raw: 2)]?.take(max: .max)
        outboxes[ConnectionID(raw: 2)]?.finish()
        // A socket closing under the relay: the hub, not the fast path, keeps it for a resume.
        #expect(relay(.offer(to: guest, sdp: "4"), from: 1) == .declined)
    }

    @Test func outboxWakesItsWriterOncePerBurstAndEnds() {
        let outbox = ConnectionOutbox(limit: 3)
        let wakes = WakeCount()
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        outbox.attach { wakes.add() }
        #expect(wakes.value == 1)
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        #expect(wakes.value == 1)
        #expect(outbox.take(max: 2).items.count == 2)
        #expect(outbox.take(max: 2).items.count == 1)
        #expect(outbox.take(max: 2).items.isEmpty)
        // Taken is not written: the three count until the writer releases them (a fourth would be
        // dropped, and then nothing more taken: see anOutboxTakesNothingAfterItsFirstDrop).
        outbox.release(1)
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        #expect(wakes.value == 2)
        outbox.finish()
        #expect(outbox.yield(.message(.pong)) == .terminated)
        let last = outbox.take(max: 2)
        #expect(last.items.count == 1 && last.finished)
    }

    /// Issue 15, session 10 review: once a message is dropped nothing after it is queued, from any
    /// path, so the client never reads a relay that followed a lost one (the reader no longer waits
    /// for the hub to cut the connection off); only the first drop is reported as overflow.
    @Test func anOutboxTakesNothingAfterItsFirstDrop() {
        let outbox = ConnectionOutbox(limit: 2)
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        #expect(outbox.yield(.message(.pong)) == .dropped)
        let taken = outbox.take(max: .max).items
        outbox.release(taken.count)
        // Room again, but the message after the lost one would overtake it on the wire.
        #expect(outbox.yield(.message(.pong)) == .closing)
        #expect(outbox.take(max: .max).items.isEmpty)
        // The close that ends the connection still goes in.
        #expect(outbox.yield(.close(.goingAway)) == .enqueued)
    }

    /// Issue 15 review, finding 7: once a close is queued nothing after it is written, so what
    /// keeps coming is dropped and counted, not held against the closing member as overflow.
    /// A connection proxied to its room's home on another instance hands every relay (with or
    /// without a target) to the link; cleared when the home dies, it leaves them to the hub again.
    @Test mutating func aProxiedSeatForwardsUntilCleared() throws {
        let (_, guest) = try room()
        let settings = ClusterSettings(postgres: try PostgresURL("postgres://collab@127.0.0.1/collab"))
        let link = ClusterLink(settings: settings, metrics: ClusterMetrics(registry: SignalingMetrics().registry), logger: TestServer.logger)
        let seat = try #require(seats[1])
        seat.proxy(to: UUID(), link: link)
        #expect(relay(.offer(to: guest, sdp: "v=0"), from: 1) == .forwarded)
        #expect(relay(.answer(to: nil, sdp: "v=0"), from: 1) == .forwarded)
        #expect(relay(.leave, from: 1) == .declined)
        seat.unproxy()
        #expect(relay(.offer(to: guest, sdp: "v=0"), from: 1) == .declined)
        link.finish()
    }

    @Test mutating func relaysToAClosingMemberAreDiscardedNotCountedAsOverflow() throws {
        let (_, guest) = try room()
        let outbox = try #require(outboxes[ConnectionID(raw: 2)])
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        #expect(outbox.yield(.message(.pong)) == .enqueued)
        // A close is queued even into a full outbox: it is what ends the connection.
        #expect(outbox.yield(.close(.goingAway)) == .enqueued)
        for _ in 0..<5 {
            #expect(relay(.offer(to: guest, sdp: "x"), from: 1) == .discarded)
        }
        #expect(outbox.yield(.message(.pong)) == .closing)
        #expect(outbox.yield(.close(.goingAway)) == .closing)
    }
}

/// How often an outbox woke its writer.
private final class WakeCount: Sendable {
    private let count = Mutex(0)

    func add() {
        count.withLock { $0 += 1 }
    }

    var value: Int { count.withLock { $0 } }
}
