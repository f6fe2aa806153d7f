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

    @Test("The answerer whose path's address vanished offers anew at once; the offerer answers")
    func answererRenegotiates() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        #expect(mesh.fullyConnected)
        mesh.report(.path(path(from: "192.168.1.10")), at: ben, toward: ana)
        try mesh.chat("before", from: ben)
        mesh.advance(.milliseconds(500))
        mesh.blackhole(ana, ben)
        try mesh.chat("during", from: ben)
        let offersBefore = mesh.offers.count
        mesh.enqueue(ben, .networkChanged(InterfaceChange(added: [], removed: ["192.168.1.10"])))
        mesh.run()
        #expect(mesh.restarts.contains { $0.who == ben && $0.peer == ana }, "the side that saw the change restarts")
        mesh.advance(.milliseconds(500))
        #expect(mesh.offers.dropFirst(offersBefore).contains { $0.from == ben && $0.to == ana })
        #expect(mesh.fullyConnected)
        try mesh.chat("after", from: ben)
        #expect(mesh.chats(at: ana, from: ben) == ["before", "during", "after"], "resent once, in order")
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

    @Test("A change while a link is down restarts it at once, without waiting for the stall timeout")
    func downLinkRetriesOnNewInterface() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        mesh.report(.state(.disconnected), at: ana, toward: ben)
        mesh.advance(.seconds(1))
        #expect(mesh.restarts.isEmpty)
        mesh.enqueue(ana, .networkChanged(InterfaceChange(added: ["192.168.2.10"], removed: [])))
        mesh.run()
        mesh.advance(.milliseconds(500))
        #expect(mesh.restarts.count == 1)
        #expect(mesh.fullyConnected)
    }
}
