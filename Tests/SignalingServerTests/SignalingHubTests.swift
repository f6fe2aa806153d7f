import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCDriver
import SignalingProtocol
@testable import SignalingServer
import Synchronization
import Testing

/// The hub actor itself, without sockets: where its work runs, and what it does with messages
/// for a member whose connection is closing.
@Suite struct SignalingHubTests {
    static func hub(_ configure: (inout SignalingServerConfiguration) -> Void = { _ in }) -> SignalingHub {
        var configuration = SignalingServerConfiguration()
        configure(&configuration)
        return SignalingHub(configuration: configuration, metrics: SignalingMetrics(), logger: TestServer.logger)
    }

    /// Issue 15 review, finding 6: a connection's task prefers its event loop, and a default
    /// actor runs on the executor its caller prefers, so hub work ran on that loop. The hub has
    /// an executor of its own: the caller is on the loop, the hub's work is not.
    @Test func hubWorkRunsOffTheCallersEventLoop() async {
        let hub = Self.hub()
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let (callerOnLoop, hubOnLoop) = await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
            let caller = loop.inEventLoop
            return (caller, await hub.runsOnAnEventLoop())
        }
        #expect(callerOnLoop)
        #expect(!hubOnLoop)
    }

    /// Issue 15 review, finding 7, through the hub: relays to a member whose close is queued,
    /// however many, do not cut it off as too slow (its socket is not closed under it).
    @Test func relaysToAClosingMemberDoNotMakeItLeaveTooSlow() async throws {
        let hub = Self.hub { $0.outboundQueueLimit = 4 }
        let socketsClosed = Mutex(0)
        let (host, hostOutbox, _) = await hub.open(address: "10.0.0.1", closeSocket: {})
        let (guest, guestOutbox, _) = await hub.open(address: "10.0.0.2", closeSocket: { socketsClosed.withLock { $0 += 1 } })
        _ = await hub.receiveReportingError(.createRoom(name: "Ana", password: nil), from: host, received: .now)
        guard case .message(.roomCreated(let room)) = try #require(hostOutbox.take(max: .max).items.first) else {
            Issue.record("no room")
            return
        }
        _ = await hub.receiveReportingError(
            .joinCode(roomCode: room.roomCode.value, name: "Ben", password: nil), from: guest, received: .now)
        guard case .message(.joined(let joined)) = try #require(guestOutbox.take(max: .max).items.first) else {
            Issue.record("not joined")
            return
        }
        await hub.closeConnection(guest, .policyViolation("test"))
        for _ in 0..<10 {
            _ = await hub.receiveReportingError(.offer(to: joined.participantID, sdp: "x"), from: host, received: .now)
        }
        #expect(socketsClosed.withLock { $0 } == 0)
        #expect(guestOutbox.yield(.message(.pong)) == .closing)
    }
}

extension SignalingHub {
    /// Whether the hub's work runs on a NIO event loop thread.
    func runsOnAnEventLoop() -> Bool {
        MultiThreadedEventLoopGroup.currentEventLoop != nil
    }
}
