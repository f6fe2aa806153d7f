import Foundation
import SignalingProtocol
import Testing

@testable import Collaboration

/// A network change seen by one side (a vanished address): that side renegotiates at once, even
/// when it is not the designated offerer, and nothing reliable is lost.
@Suite("Engine core: network changes", .timeLimit(.minutes(1)))
struct EngineCoreNetworkChangeTests {
    let ana = CoreMesh.id(1)  // the designated offerer towards Ben (smaller ID)
    let ben = CoreMesh.id(2)

    func path(from ip: String) -> LinkPath {
        LinkPath(localType: "host", localAddress: "\(ip):5000", remoteType: "srflx", remoteAddress: "198.51.100.11:4000")
    }

    @Test("The answerer whose path's address vanished restarts ICE on the running link at once; nothing is resent")
    func answererRestartsICE() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        #expect(mesh.fullyConnected)
        mesh.report(.path(path(from: "192.168.1.10")), at: ben, toward: ana)
        try mesh.chat("before", from: ben)
        mesh.advance(.milliseconds(500))
        mesh.blackhole(ana, ben)
        try mesh.chat("during", from: ben)
        let offersBefore = mesh.offers.count
        let linksBefore = mesh.links.count
        mesh.enqueue(ben, .networkChanged(InterfaceChange(added: [], removed: ["192.168.1.10"])))
        mesh.run()
        #expect(mesh.iceRestarts.contains { $0.who == ben && $0.peer == ana }, "the side that saw the change restarts ICE")
        mesh.advance(.milliseconds(500))
        #expect(mesh.offers.dropFirst(offersBefore).contains { $0.from == ben && $0.to == ana })
        #expect(mesh.restarts.isEmpty, "no link was replaced")
        #expect(mesh.links.count == linksBefore, "the same link carries on")
        #expect(mesh.fullyConnected)
        try mesh.chat("after", from: ben)
        #expect(mesh.chats(at: ana, from: ben) == ["before", "during", "after"], "once each, in order")
    }

    @Test("Both sides see a change at once: the designated offerer's restart wins, the other answers it")
    func crossingRestarts() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        mesh.report(.path(path(from: "192.168.1.10")), at: ana, toward: ben)
        mesh.report(.path(path(from: "192.168.2.20")), at: ben, toward: ana)
        mesh.blackhole(ana, ben)
        try mesh.chat("from ana", from: ana)
        try mesh.chat("from ben", from: ben)
        mesh.enqueue(ana, .networkChanged(InterfaceChange(added: [], removed: ["192.168.1.10"])))
        mesh.enqueue(ben, .networkChanged(InterfaceChange(added: [], removed: ["192.168.2.20"])))
        mesh.run()
        mesh.advance(.milliseconds(500))
        #expect(mesh.iceRestarts.count == 2)
        #expect(mesh.restarts.isEmpty)
        #expect(mesh.fullyConnected)
        #expect(mesh.chats(at: ben, from: ana) == ["from ana"])
        #expect(mesh.chats(at: ana, from: ben) == ["from ben"])
        #expect(mesh.members[ana]?.logs.contains { $0.contains("glare") } == true, "the designated offerer ignored the crossing offer")
    }

    @Test("An ICE restart nobody answers ends in a new link from the designated offerer")
    func unansweredRestartFallsBack() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        mesh.report(.path(path(from: "192.168.1.10")), at: ben, toward: ana)
        // The server loses what Ben sends from now on: Ana never sees his restart offer.
        mesh.signalFilter = { from, _ in from != ben }
        mesh.enqueue(ben, .networkChanged(InterfaceChange(added: [], removed: ["192.168.1.10"])))
        mesh.run()
        mesh.advance(mesh.timing.answerTimeout + .seconds(1))
        #expect(mesh.members[ben]?.logs.contains { $0.contains("ICE restart unanswered") } == true)
        mesh.signalFilter = nil
        // Ana's replacement offered meanwhile was answered into the void: it is offered again
        // once unanswered (answer timeout, then the restart backoff).
        mesh.advance(mesh.timing.answerTimeout * 3)
        #expect(mesh.restarts.contains { $0.who == ana && $0.peer == ben }, "Ana replaces the link Ben gave up")
        #expect(mesh.fullyConnected)
    }

    @Test("A change that leaves the link's path alone restarts nothing")
    func unrelatedChange() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        mesh.report(.path(path(from: "192.168.1.10")), at: ana, toward: ben)
        mesh.enqueue(ana, .networkChanged(InterfaceChange(added: ["10.0.0.7"], removed: ["172.17.0.1"])))
        mesh.run()
        mesh.advance(.seconds(1))
        #expect(mesh.restarts.isEmpty)
        #expect(mesh.fullyConnected)
    }

    @Test("A change while a link is down restarts ICE on it at once, without waiting for the stall timeout")
    func downLinkRetriesOnNewInterface() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        mesh.report(.state(.disconnected), at: ana, toward: ben)
        mesh.advance(.seconds(1))
        #expect(mesh.restarts.isEmpty)
        mesh.enqueue(ana, .networkChanged(InterfaceChange(added: ["192.168.2.10"], removed: [])))
        mesh.run()
        mesh.advance(.milliseconds(500))
        #expect(mesh.iceRestarts.count == 1)
        #expect(mesh.restarts.isEmpty)
        #expect(mesh.fullyConnected)
    }
}
