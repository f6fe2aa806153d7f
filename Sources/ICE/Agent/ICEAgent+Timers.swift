public import RTCBase
import DequeModule
import STUN

extension ICEAgent {
    /// ``pollTimeout()`` for an owner that keeps the agent in a class property: calling a
    /// non-mutating method there copies the whole agent first (a retain of every array and table
    /// in it, 2.4 % of a bulk transfer when done per datagram), a mutating one works in place.
    public mutating func nextTimeout() -> RTCInstant? {
        pollTimeout()
    }

    /// When ``handleTimeout(now:)`` must next run; `nil` when nothing is scheduled.
    public func pollTimeout() -> RTCInstant? {
        var earliest: RTCInstant?
        func consider(_ instant: RTCInstant?) {
            guard let instant else { return }
            earliest = min(earliest ?? instant, instant)
        }
        for relay in relays {
            consider(relay.client.pollTimeout())
            consider(relay.deadline)
        }
        guard !isClosed else { return earliest }
        for gather in gatherings.values {
            consider(gather.transaction.pollTimeout())
            consider(gather.deadline)
        }
        for check in checks.values { consider(check.transaction.pollTimeout()) }
        if hasCheckWork {
            consider(lastCheckAt.map { $0 + configuration.ta } ?? .zero)
        }
        consider(nominationDue()?.at)
        if let consent, !consent.expired {
            consider(consent.nextCheckAt)
            if !consent.disconnected {
                consider(max(consent.lastResponseAt, consent.lastReceivedAt) + configuration.disconnectedTimeout)
            }
            consider(consent.lastResponseAt + configuration.consentTimeout)
        }
        return earliest
    }

    /// Runs whatever is due: retransmissions, paced checks, nomination, consent, TURN refreshes.
    public mutating func handleTimeout(now: RTCInstant) {
        for index in relays.indices {
            relays[index].client.handleTimeout(now: now)
            drainRelay(index, now: now)
        }
        guard !isClosed else { return }
        expireGathering(now: now)
        retransmitChecks(now: now)
        consentTick(now: now)
        maybeNominate(now: now)
        sendCheckIfPaced(now: now)
        updateConnectionState()
    }

    /// RFC 8445 §6.1.4.2: one check per Ta, triggered checks first. Also run when a pair forms:
    /// when no check went out in the last Ta, pacing allows one now, so the first check leaves at
    /// once instead of from the next timer.
    mutating func sendCheckIfPaced(now: RTCInstant) {
        guard hasCheckWork, lastCheckAt.map({ now >= $0 + configuration.ta }) ?? true else { return }
        if sendNextCheck(now: now) { lastCheckAt = now }
    }

    /// Whether a paced check could be sent now.
    var hasCheckWork: Bool {
        guard remoteCredentials != nil, !isClosed else { return false }
        if !triggered.isEmpty { return true }
        guard !checklistDone else { return false }
        return checklist.contains { $0.state == .waiting || $0.state == .frozen }
    }

    mutating func retransmitChecks(now: RTCInstant) {
        for (id, check) in checks.sorted(by: { $0.key < $1.key }) {
            var check = check
            check.transaction.handleTimeout(now: now)
            if let payload = check.transaction.pollTransmit(), !check.cancelled {
                sendOnLocal(check.localIndex, to: check.destination, payload: payload, now: now)
                if check.kind == .check { stats.checksSent += 1 } else { stats.consentChecksSent += 1 }
            }
            guard check.transaction.state == .timedOut else {
                checks[id] = check
                continue
            }
            checks[id] = nil
            guard check.kind == .check, !check.cancelled, let index = checklist.firstIndex(where: { $0.id == check.pairID }) else { continue }
            let stillChecking = checks.values.contains { $0.pairID == check.pairID && $0.kind == .check }
            if checklist[index].state == .inProgress && !stillChecking {
                // The peer demonstrably reaches us on this pair, so the loss is on our side of the
                // round trip: try again a bounded number of times before calling it failed.
                checklist[index].timeouts += 1
                let retry = checklist[index].receivedCheck && checklist[index].timeouts <= configuration.checkRetries
                checklist[index].state = retry ? .waiting : .failed
                if !retry {
                    diagnose(pair: index, "no response after \(check.transaction.sendCount) requests"
                             + (checklist[index].receivedCheck ? " (their checks did arrive)" : " (nothing arrived from there either)"))
                }
            }
            if nominatingPairID == check.pairID { nominatingPairID = nil }
        }
    }

    /// Sends one datagram from a local candidate: directly from its base, or through its TURN relay.
    mutating func sendOnLocal(_ localIndex: Int, to destination: TransportAddress, payload: [UInt8], now: RTCInstant) {
        let local = locals[localIndex]
        if let relay = local.relay {
            relays[relay].client.send(payload, to: destination, now: now)
            drainRelay(relay, now: now)
        } else {
            transmits.append(Transmit(source: local.base, destination: destination, payload: payload))
        }
    }
}
