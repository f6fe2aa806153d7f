import Foundation
import SignalingProtocol
import Testing

@testable import Collaboration

/// The engine core's link rules on a virtual clock, no sockets: when a link is restarted, how
/// often, what survives it, lost peers, and signaling resumes in the middle of an offer.
@Suite("Engine core: restarts, lost peers, resumes", .timeLimit(.minutes(1)))
struct EngineCoreRestartTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)

    func pair(_ timing: EngineTiming = EngineTiming()) -> CoreMesh { CoreMesh.room([(ana, "Ana"), (ben, "Ben")], timing: timing) }

    /// ``pair(_:)`` whose descriptions carry mids, as WebRTCTransport's do.
    func pairWithMids() -> CoreMesh {
        let mesh = CoreMesh()
        mesh.writesMids = true
        for (id, name) in [(ana, "Ana"), (ben, "Ben")] { mesh.join(id, name: name) }
        mesh.advance(.milliseconds(500))
        return mesh
    }

    @Test("A link whose ICE is still at work is not restarted; failed restarts at once; stalled after linkStallTimeout")
    func restartOnlyAfterFailureOrStall() throws {
        let mesh = pair()
        #expect(mesh.fullyConnected)
        // Consent late: `disconnected` may come back, so nothing happens for a long while.
        mesh.report(.state(.disconnected), at: ana, toward: ben)
        mesh.advance(.seconds(29))
        #expect(mesh.restarts.isEmpty)
        #expect(mesh.state(at: ana, of: ben) == .reconnecting)
        mesh.advance(.seconds(2))
        #expect(mesh.restarts.count == 1, "restarted once the link was down linkStallTimeout")
        #expect(mesh.fullyConnected)

        // A new link that never connects (ICE checking on and on) gets the whole stall timeout.
        mesh.linksConnect = false
        mesh.report(.state(.failed), at: ana, toward: ben)
        mesh.advance(.milliseconds(250))
        #expect(mesh.restarts.count == 2, "failed restarts at the next tick")
        let restartedAt = mesh.now
        mesh.advance(.seconds(25))
        #expect(mesh.restarts.count == 2, "no restart while the new link may still connect")
        mesh.advance(.seconds(6))
        #expect(mesh.restarts.count == 3)
        #expect(mesh.restarts.last.map { $0.at - restartedAt >= EngineTiming().linkStallTimeout.engineMicroseconds } == true)
        #expect(mesh.restarts.allSatisfy { $0.who == ana }, "only the offerer restarts")
    }

    @Test("Restarts of a link that keeps failing back off: 0.5 s doubling to 8 s; a link up again starts over")
    func restartBackoff() throws {
        let mesh = pair()
        mesh.linksFail = true
        mesh.report(.state(.failed), at: ana, toward: ben)
        mesh.advance(.seconds(40))
        // Ben's link fails too: as answerer it offers once (the link had been up), then leaves it to Ana.
        #expect(mesh.restarts.filter { $0.who == ben }.count == 1)
        let times = mesh.restarts.filter { $0.who == ana }.map(\.at)
        let gaps = zip(times.dropFirst(), times).map { Double($0 - $1) / 1_000_000 }
        let expected = [0.5, 1, 2, 4, 8, 8]
        #expect(gaps.count >= expected.count)
        for (gap, delay) in zip(gaps, expected) {
            #expect(gap >= delay && gap <= delay + 0.25, "gap \(gap) for a delay of \(delay)")
        }
        mesh.linksFail = false
        mesh.advance(.seconds(9))
        #expect(mesh.fullyConnected)
        let count = mesh.restarts.filter { $0.who == ana }.count
        mesh.report(.state(.failed), at: ana, toward: ben)
        mesh.advance(.milliseconds(250))
        #expect(mesh.restarts.filter { $0.who == ana }.count == count + 1, "backoff reset: restarted at the next tick")
        #expect((mesh.statistics(at: ana, of: ben)?.restarts ?? 0) == count + 1)
    }

    @Test("The answerer whose link failed offers a new one at once, once per time it was up; the offerer takes it")
    func answererOffersInTheOfferersPlace() throws {
        let mesh = pair()
        try mesh.chat("before", from: ben)
        mesh.advance(.milliseconds(500))
        mesh.blackhole(ana, ben)
        try mesh.chat("during", from: ben)
        // Only Ben sees the failure; Ana's link looks fine to her (a path black both ways).
        mesh.report(.state(.failed), at: ben, toward: ana)
        mesh.advance(.milliseconds(250))
        #expect(mesh.restarts.map(\.who) == [ben], "the answerer offered at its next tick")
        #expect(mesh.fullyConnected, "the offerer took the new link")
        #expect(mesh.chats(at: ana, from: ben) == ["before", "during"])

        // A new link that fails again before it was ever up: the offerer's backoff takes over.
        mesh.linksConnect = false
        mesh.report(.state(.failed), at: ben, toward: ana)
        mesh.advance(.milliseconds(250))
        #expect(mesh.restarts.map(\.who) == [ben, ben], "up in between, so one more offer")
        mesh.report(.state(.failed), at: ben, toward: ana)
        mesh.advance(.seconds(5))
        #expect(mesh.restarts.filter { $0.who == ben }.count == 2, "not up since: no third offer from the answerer")
    }

    @Test("Reliable messages the dead link took but never delivered are resent on the new link, once each, in order")
    func resendAfterRestart() throws {
        let mesh = pair()
        try mesh.chat("before", from: ana)
        mesh.advance(.milliseconds(500))  // Ben acknowledges "before"
        mesh.blackhole(ana, ben)
        try mesh.chat("during 1", from: ana)
        try mesh.chat("during 2", from: ana)
        #expect(mesh.chats(at: ben, from: ana) == ["before"])
        #expect(mesh.statistics(at: ana, of: ben)?[.chat].sent == 3, "the dead link accepted them")
        mesh.report(.state(.failed), at: ana, toward: ben)
        mesh.advance(.milliseconds(500))
        #expect(mesh.fullyConnected)
        try mesh.chat("after", from: ana)
        #expect(mesh.chats(at: ben, from: ana) == ["before", "during 1", "during 2", "after"])
        let stats = try #require(mesh.statistics(at: ana, of: ben))
        #expect(stats[.chat].resent == 2, "only the unacknowledged lines went out again")
        #expect(stats[.chat].dropped == 0)
        #expect(mesh.statistics(at: ben, of: ana)?[.chat].duplicates == 0)
    }

    @Test("A peer whose link stays down is removed as lost, and met again by its offerer while the server lists it")
    func lostPeerMetAgain() throws {
        let timing = EngineTiming()
        let mesh = pair(timing)
        mesh.blackhole(ana, ben)
        mesh.linksConnect = false
        for (who, peer) in [(ana, ben), (ben, ana)] { mesh.report(.state(.failed), at: who, toward: peer) }
        mesh.advance(timing.peerLostTimeout + .milliseconds(500))
        for (who, peer) in [(ana, ben), (ben, ana)] {
            #expect(mesh.events(who).contains { if case .participantLeft(peer, .lost) = $0 { true } else { false } })
            #expect(mesh.members[who]?.core.participants.count == 1)
        }
        mesh.linksConnect = true
        mesh.advance(timing.peerRetryAfterLost + .milliseconds(500))
        for (who, peer) in [(ana, ben), (ben, ana)] {
            let joins = mesh.events(who).filter { if case .participantJoined(let p) = $0 { p.id == peer } else { false } }
            #expect(joins.count == 2, "met again: joined twice")
        }
        #expect(mesh.fullyConnected)
        try mesh.chat("back", from: ben)
        #expect(mesh.chats(at: ana, from: ben) == ["back"])
    }

    @Test("The offerer's signaling drops while its offer waits for an answer: after the resume it offers again at once")
    func offererResumesMidOffer() throws {
        let mesh = CoreMesh()
        mesh.join(ana, name: "Ana")
        mesh.signalFilter = { _, message in
            if case .answer = message, mesh.members[self.ana]?.signalingUp == true {
                mesh.dropSignaling(self.ana)  // the answer is written to Ana's dead socket
            }
            return true
        }
        mesh.join(ben, name: "Ben")
        mesh.signalFilter = nil
        #expect(!mesh.fullyConnected)
        let offers = mesh.offers.count
        mesh.advance(.seconds(1))
        mesh.resumeSignaling(ana)
        #expect(mesh.offers.count == offers + 1, "a fresh offer right after the resume")
        #expect(mesh.fullyConnected)
    }

    @Test("The answerer's signaling drops and the offer is lost: the offerer offers again after answerTimeout, not before")
    func answererResumesMidOffer() throws {
        let timing = EngineTiming()
        let mesh = CoreMesh(timing: timing)
        mesh.join(ana, name: "Ana")
        mesh.signalFilter = { _, message in
            if case .offer = message, mesh.members[self.ben]?.signalingUp == true { mesh.dropSignaling(self.ben) }
            return true
        }
        mesh.join(ben, name: "Ben")
        mesh.signalFilter = nil
        mesh.advance(.seconds(1))
        mesh.resumeSignaling(ben)
        #expect(!mesh.fullyConnected)
        let offers = mesh.offers.count
        mesh.advance(timing.answerTimeout - .seconds(2))
        #expect(mesh.offers.count == offers, "no new offer while the first may still be answered")
        mesh.advance(.seconds(2))
        #expect(mesh.offers.count == offers + 1)
        #expect(mesh.fullyConnected)
    }

    @Test("An answer late past answerTimeout is not applied to the link that replaced its offer's; the new answer is")
    func lateAnswerToAnEarlierOffer() throws {
        let mesh = pairWithMids()
        #expect(mesh.fullyConnected)
        // Ben becomes slow: his answers take longer than Ana's answer timeout.
        mesh.holdSignal = { from, message in
            if case .answer = message { from == ben } else { false }
        }
        mesh.report(.state(.failed), at: ana, toward: ben)
        mesh.advance(.milliseconds(250))
        #expect(mesh.restarts.count == 1)
        mesh.advance(EngineTiming().answerTimeout + .milliseconds(500))
        #expect(mesh.restarts.count == 2, "the unanswered offer was made again")
        // Both answers arrive now, the one to the replaced offer first.
        mesh.holdSignal = nil
        mesh.releaseHeldSignals()
        mesh.advance(.milliseconds(250))
        #expect(mesh.fullyConnected, "the answer to the current offer was applied, not the earlier one")
        #expect(mesh.restarts.count == 2)
        #expect(mesh.members[ana]?.logs.contains { $0.hasPrefix("an answer to an earlier offer") } == true)
    }

    @Test("A candidate is taken only for the link its sdpMid names; none while our offer is being made; 0 or none is taken")
    func candidatesOfAnEarlierLink() throws {
        let mesh = pairWithMids()
        #expect(mesh.fullyConnected)
        let mid = try #require(mesh.links.values.first { $0.owner == ana }?.mid)
        #expect(mid.hasPrefix(String(ana.uuidString.prefix(6)).lowercased() + "-"))
        func added(_ sdpMid: String?) throws -> Bool {
            let line = "candidate:1 1 udp 2130706431 127.0.0.1 9 typ host"
            let actions = try mesh.with(ana) { core in
                let actions = core.handle(.server(.candidate(from: ben, candidate: ICECandidateInit(candidate: line, sdpMid: sdpMid))),
                                          now: mesh.now)
                return (actions, actions)
            }
            return actions.contains { if case .addCandidates = $0 { true } else { false } }
        }
        #expect(try added(mid))
        #expect(try !added("other-1"), "a candidate for a link replaced since")
        #expect(try added("0"), "browsers and earlier engines always say 0")
        #expect(try added(nil))
        #expect(mesh.members[ana]?.logs.contains { $0.hasPrefix("a candidate for an earlier link") } == true)
    }
}
