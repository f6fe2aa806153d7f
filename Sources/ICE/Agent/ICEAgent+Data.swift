public import RTCBase
import DequeModule
import STUN

extension ICEAgent {
    /// Sends application bytes on the selected pair (via ChannelData or a Send indication when the
    /// local candidate is a relay); before a pair is selected, on the best valid pair, and before
    /// any pair is valid, held until one is.
    ///
    /// Throws ``ICEError/notConnected`` when no pair can carry data any more (checks failed, or
    /// consent expired).
    public mutating func send(_ data: [UInt8], now: RTCInstant) throws(ICEError) {
        guard !isClosed else { throw .closed }
        guard consent?.expired != true else { throw .notConnected }
        guard let pair = selectedPair else {
            // RFC 8445 §12.1: "An ICE agent MAY send data on any valid pair before selected pairs
            // have been produced for the data stream." A DTLS handshake that starts on the first
            // valid pair saves the round trips of the nomination; one that reaches us first is
            // answered before our own check has come back.
            if let index = bestValidPairIndex {
                stats.sentBeforeSelection += 1
                sendData(data, on: checklist[index], now: now)
            } else if connectionState == .checking {
                hold(data, beforeValidPair: true)
            } else {
                throw .notConnected
            }
            return
        }
        guard !locals[pair.localIndex].retired else {
            hold(data, beforeValidPair: false)
            return
        }
        sendData(data, on: pair, now: now)
    }

    /// Whether ``send(_:now:)`` would put data on the wire now: a pair is selected, or one is valid
    /// (RFC 8445 §12.1), and consent has not expired.
    public var canSendData: Bool {
        guard !isClosed, consent?.expired != true else { return false }
        if let pair = selectedPair { return !locals[pair.localIndex].retired }
        return bestValidPairIndex != nil
    }

    /// The valid pair with the highest priority, on a local candidate still in use.
    var bestValidPairIndex: Int? {
        var best: Int?
        for index in checklist.indices where checklist[index].state == .succeeded && !locals[checklist[index].localIndex].retired {
            if best.map({ checklist[index].priority > checklist[$0].priority }) ?? true { best = index }
        }
        return best
    }

    private mutating func sendData(_ data: [UInt8], on pair: CandidatePair, now: RTCInstant) {
        sendOnLocal(pair.localIndex, to: pair.remote.address, payload: data, now: now)
        stats.dataPacketsSent += 1
        if locals[pair.localIndex].relay != nil { stats.relayedPacketsSent += 1 }
    }

    /// No pair can carry the datagram yet, so it waits here, bounded, and leaves the moment one
    /// can. Two cases: the selected pair's address is gone (a restart after a network change) and
    /// the new generation has no pair yet (RFC 8445 §9 keeps data on the previous pair until then,
    /// which this one cannot carry); or the first checks are still out (a DTLS server's answer to
    /// a ClientHello that beat our own check). Otherwise reliable data would wait for SCTP's
    /// retransmission timer, backed off to seconds by the time the move completes, and a
    /// handshake flight for DTLS's.
    private mutating func hold(_ data: [UInt8], beforeValidPair: Bool) {
        guard heldDatagrams.count < Self.heldDatagramLimit,
              heldBytes + data.count <= Self.heldByteLimit else {
            // The transport above retransmits what it must (SCTP, DTLS); dropping the newest is safe.
            stats.droppedWhileMoving += 1
            return
        }
        heldDatagrams.append(data)
        heldBytes += data.count
        if beforeValidPair { stats.heldBeforeValidPair += 1 } else { stats.heldWhileMoving += 1 }
    }

    /// Sends what waited for a usable pair on the one just selected, or just found valid.
    mutating func releaseHeld(on pair: CandidatePair, now: RTCInstant) {
        guard !locals[pair.localIndex].retired else { return }
        while let data = heldDatagrams.popFirst() { sendData(data, on: pair, now: now) }
        heldBytes = 0
    }

    /// Datagrams waiting for a pair: the selected one's address went away, or none is valid yet.
    public var datagramsHeld: Int { heldDatagrams.count }

    /// A bound on datagrams held during a move: about a second of a full audio room's traffic.
    public static let heldDatagramLimit = 256
    /// A bound on the bytes held during a move.
    public static let heldByteLimit = 256 * 1024

    /// Non-STUN bytes: delivered if they come from the remote of a valid pair (or one the peer has
    /// checked us on, so data right after its nomination is not lost), dropped otherwise.
    mutating func handleApplicationData(_ packet: [UInt8], from: TransportAddress, localIndex: Int, now: RTCInstant) {
        let expected = (selectedPair.map { $0.localIndex == localIndex && $0.remote.address == from } ?? false)
            || checklist.contains {
                $0.localIndex == localIndex && $0.remote.address == from && ($0.state == .succeeded || $0.receivedCheck)
            }
        guard expected, !packet.isEmpty else {
            stats.droppedPackets += 1
            return
        }
        stats.dataPacketsReceived += 1
        noteTrafficFromSelected(localIndex: localIndex, from: from, now: now)
        events.append(.data(packet, from: from))
    }

    /// ICE restart (RFC 8445 §9): new local credentials, a fresh checklist and remote candidate set.
    ///
    /// The selected pair keeps carrying data (and its consent checks keep the old credentials)
    /// until a pair of the new generation is nominated. Local candidates are re-announced as
    /// ``ICEEvent/localCandidate(_:)`` for signaling with the new ufrag.
    ///
    /// `hostAddresses`, after a network change, replaces the sockets the driver has bound:
    /// candidates on a removed address are retired (never announced or paired again, their TURN
    /// allocations released). Those nothing uses are dropped in this same call, with their relay
    /// slots (an allocation still being made included); the selected pair's, and an allocation
    /// whose release is still out, stay until a later change finds them unused. New addresses
    /// get host candidates, ranked below every surviving one, and gather from every server,
    /// and the kept ones ask the STUN servers again, since the way out may have changed too.
    /// `servers`, when given, replaces the servers for all gathering from now on (TURN
    /// credentials expire; allocations already made stay as they are).
    public mutating func restart(localCredentials newCredentials: ICECredentials? = nil,
                                 hostAddresses newAddresses: [TransportAddress]? = nil,
                                 servers newServers: [ICEServer]? = nil, now: RTCInstant) {
        guard !isClosed else { return }
        if let newServers { servers = newServers }
        if selectedPair != nil && previousLocalCredentials == nil { previousLocalCredentials = localCredentials }
        localCredentials = newCredentials ?? .random(using: &random)
        remoteCredentials = nil
        startNewGeneration()
        guard gatheringState != .new else {
            // Nothing gathered yet: the new addresses are simply the ones gathering will use.
            if let newAddresses { hostAddresses = newAddresses }
            updateConnectionState()
            return
        }
        setGatheringState(.gathering)
        if let newAddresses { moveHosts(to: newAddresses, now: now) }
        for local in locals where !local.retired && (local.pairable || local.candidate.type == .serverReflexive) {
            events.append(.localCandidate(local.candidate))
        }
        checkGatheringComplete()
        updateConnectionState()
    }

    /// Retires the candidates on addresses no longer in `addresses`, adds the new ones and starts
    /// their gathering.
    private mutating func moveHosts(to addresses: [TransportAddress], now: RTCInstant) {
        let kept = Set(addresses)
        hostAddresses = addresses
        for index in locals.indices where !locals[index].retired && !kept.contains(locals[index].base) {
            locals[index].retired = true
            locals[index].pairable = false
        }
        for index in relays.indices where locals[relays[index].baseIndex].retired {
            // The candidate goes first, so the allocation's end is not taken for a relay failure.
            if let local = relays[index].localIndex {
                locals[local].retired = true
                locals[local].pairable = false
            }
            relays[index].deadline = nil
            // Its socket went with the address: a release could not leave, and would be
            // retransmitted for RFC 8489's 39.5 s. The allocation is forgotten; the server ends it
            // when the lifetime it granted runs out (RFC 8656 §7).
            relays[index].client.finishClose()
            drainRelay(index, now: now)
        }
        gatherings = gatherings.filter { !locals[$0.value.baseIndex].retired }
        if let selected = selectedPair, locals[selected.localIndex].retired {
            // Its socket is gone: no path until the new generation nominates one (W3C `disconnected`).
            consent?.disconnected = true
        }
        dropUnusedRetired()
        forgetUnusedFoundations()
        let existing = Set(locals.indices.filter { !locals[$0].retired && locals[$0].candidate.type == .host })
        for address in addresses {
            guard let index = addHostCandidate(address) else { continue }
            gatherFromServers(base: index, relays: true, now: now)
        }
        for index in existing.sorted() { gatherFromServers(base: index, relays: false, now: now) }
    }
}
