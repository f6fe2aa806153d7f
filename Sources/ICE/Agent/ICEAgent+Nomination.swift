import RTCBase
import DequeModule
import STUN

extension ICEAgent {
    /// Regular nomination (RFC 8445 §8.1.1): once the best valid pair is known, the controlling
    /// agent re-checks it with USE-CANDIDATE. See ``nominationDue`` for when it is known.
    mutating func maybeNominate(now: RTCInstant) {
        guard let (best, due) = nominationDue(), now >= due else { return }
        nominatingPairID = checklist[best].id
        enqueueTriggered(checklist[best].id, useCandidate: true)
        // The nomination re-checks a pair that has just worked: it opens no new flow, which is
        // what Ta pacing (RFC 8445 §14.2) protects, so it goes out now instead of up to Ta later.
        // On loopback this takes a connection from ~53 ms to a few ms.
        lastCheckAt = nil
    }

    /// The pair to nominate and from when: at once when no better pair is left to check; when
    /// better pairs remain, ``ICEConfiguration/nominationDelay`` after the first success at the
    /// latest, and sooner once every better pair has had a check out for a few round trips of
    /// the pair that works without an answer. Through NAT the host pairs to the peer's private
    /// addresses are the better ones and never answer; a path that is going to work answers
    /// within about one round trip, so waiting the whole delay for them only delays the call.
    func nominationDue() -> (index: Int, at: RTCInstant)? {
        guard role == .controlling, !checklistDone, nominatingPairID == nil, let firstValidAt else { return nil }
        let valid = checklist.indices.filter { checklist[$0].state == .succeeded }
        guard let best = valid.max(by: { checklist[$0].priority < checklist[$1].priority }) else { return nil }
        let better = checklist.filter {
            ($0.state == .waiting || $0.state == .inProgress || $0.state == .frozen) && $0.priority > checklist[best].priority
        }
        if better.isEmpty { return (best, firstValidAt) }
        let latest = firstValidAt + configuration.nominationDelay
        guard let roundTrip = checklist[best].checkRoundTrip, better.allSatisfy({ $0.state == .inProgress }) else {
            return (best, latest)
        }
        let settle = max(roundTrip * 4, configuration.ta)
        var due = firstValidAt
        for pair in better {
            let sent = checks.values.filter { $0.kind == .check && $0.pairID == pair.id }.map(\.transaction.startedAt).min()
            guard let sent else { return (best, latest) }
            due = max(due, sent + settle)
        }
        return (best, min(due, latest))
    }

    /// Marks a pair nominated and selects it when it beats the current selection (§8.1.1, §8.2).
    mutating func nominatePair(_ index: Int, now: RTCInstant) {
        checklist[index].nominated = true
        checklist[index].nominateOnSuccess = false
        let pair = checklist[index]
        let replace: Bool
        if let current = selectedPair {
            replace = current.generation != pair.generation || pair.priority > current.priority
        } else {
            replace = true
        }
        // §8.1.2: with a nominated pair, ordinary checks stop; triggered ones still get answered.
        checklistDone = true
        if role == .controlling { nominatingPairID = nil }
        guard replace, let remoteCredentials else {
            updateConnectionState()
            return
        }
        selectedPair = pair
        previousLocalCredentials = nil
        consent = ConsentState(nextCheckAt: now + jitteredConsentInterval(), lastResponseAt: now, lastReceivedAt: now,
                               usernameLocal: localCredentials.ufrag, usernameRemote: remoteCredentials.ufrag,
                               remotePassword: remoteCredentials.pwd)
        events.append(.selectedPairChanged(pair))
        releaseHeld(on: pair, now: now)
        updateConnectionState()
    }

    /// Recomputes the W3C connection state and reports a change.
    mutating func updateConnectionState() {
        guard !isClosed else { return }
        let state: ICEConnectionState
        if selectedPair != nil, let consent {
            if consent.expired {
                state = .failed
            } else if consent.disconnected {
                state = .disconnected
            } else {
                let checking = checks.values.contains { $0.kind == .check }
                state = checklistDone && !checking && triggered.isEmpty ? .completed : .connected
            }
        } else if remoteCredentials == nil && checklist.isEmpty {
            state = .new
        } else if remoteEndOfCandidates, gatheringState == .complete, !checklist.isEmpty,
                  triggered.isEmpty, checklist.allSatisfy({ $0.state == .failed }) {
            state = .failed
        } else {
            state = .checking
        }
        setConnectionState(state)
    }

    mutating func setConnectionState(_ state: ICEConnectionState) {
        guard connectionState != state else { return }
        if state == .completed && (connectionState == .checking || connectionState == .new) {
            // W3C: "completed" follows "connected"; report both so observers see the usual sequence.
            connectionState = .connected
            events.append(.connectionStateChanged(.connected))
        }
        connectionState = state
        events.append(.connectionStateChanged(state))
    }
}
