import STUN
import RTCBase

extension ICEAgent {
    /// RFC 7675 §5.1: "consent freshness checks ... every 5 seconds ... randomized ... between 0.8
    /// and 1.2 of the base interval", with the credentials of the selected pair's generation.
    mutating func consentTick(now: RTCInstant) {
        guard var state = consent, !state.expired, let pair = selectedPair else { return }
        defer { consent = state }
        let silence = now - state.lastResponseAt
        if silence >= configuration.consentTimeout {
            // RFC 7675 §5.1: consent expired; stop sending application data.
            state.expired = true
            return
        }
        if now - max(state.lastResponseAt, state.lastReceivedAt) >= configuration.disconnectedTimeout {
            state.disconnected = true
        }
        guard now >= state.nextCheckAt else { return }
        state.nextCheckAt = now + jitteredConsentInterval()
        let id = TransactionID.random(using: &random)
        let priority = Candidate.priority(type: .peerReflexive, localPreference: locals[pair.localIndex].localPreference)
        let request = checkRequest(id: id, username: "\(state.usernameRemote):\(state.usernameLocal)",
                                   priority: priority, useCandidate: false)
        var transaction = STUNTransaction(
            request: request.encode(key: .shortTerm(password: state.remotePassword), fingerprint: true),
            transactionID: id, now: now, rto: configuration.checkRTO, maxRTO: configuration.checkMaxRTO, rc: 4, rm: 2)
        if let payload = transaction.pollTransmit() {
            sendOnLocal(pair.localIndex, to: pair.remote.address, payload: payload, now: now)
            stats.consentChecksSent += 1
        }
        checks[id] = CheckTransaction(kind: .consent, pairID: pair.id, transaction: transaction, useCandidate: false,
                                      roleAtSend: role, remotePassword: state.remotePassword,
                                      localIndex: pair.localIndex, destination: pair.remote.address, priority: priority)
    }

    mutating func consentResponse(now: RTCInstant) {
        guard consent != nil, consent?.expired == false else { return }
        consent?.lastResponseAt = now
        consent?.disconnected = false
        updateConnectionState()
    }

    /// Authenticated traffic from the selected pair's remote arrived: the path is alive.
    mutating func noteTrafficFromSelected(localIndex: Int, from: TransportAddress, now: RTCInstant) {
        guard let pair = selectedPair, pair.localIndex == localIndex, pair.remote.address == from,
              consent != nil, consent?.expired == false else { return }
        consent?.lastReceivedAt = now
        if consent?.disconnected == true {
            consent?.disconnected = false
            updateConnectionState()
        }
    }

    mutating func jitteredConsentInterval() -> Duration {
        configuration.consentInterval.scaled(by: 0.8 + 0.4 * random.unit())
    }
}
