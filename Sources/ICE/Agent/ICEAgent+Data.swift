public import STUN

extension ICEAgent {
    /// Sends application bytes on the selected pair (via ChannelData or a Send indication when the
    /// local candidate is a relay).
    ///
    /// Throws ``ICEError/notConnected`` without a selected pair or once consent has expired.
    public mutating func send(_ data: [UInt8], now: RTCInstant) throws(ICEError) {
        guard !isClosed else { throw .closed }
        guard let pair = selectedPair, consent?.expired != true else { throw .notConnected }
        sendOnLocal(pair.localIndex, to: pair.remote.address, payload: data, now: now)
        stats.dataPacketsSent += 1
        if locals[pair.localIndex].relay != nil { stats.relayedPacketsSent += 1 }
    }

    /// Non-STUN bytes: delivered if they come from the remote of a valid pair (or one the peer has
    /// checked us on, so data right after its nomination is not lost), dropped otherwise.
    mutating func handleApplicationData(_ packet: [UInt8], from: SocketAddress, localIndex: Int, now: RTCInstant) {
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
        events.push(.data(packet, from: from))
    }

    /// ICE restart (RFC 8445 §9): new local credentials, a fresh checklist and remote candidate set.
    ///
    /// The selected pair keeps carrying data (and its consent checks keep the old credentials)
    /// until a pair of the new generation is nominated. Local candidates are re-announced as
    /// ``ICEEvent/localCandidate(_:)`` for signaling with the new ufrag.
    public mutating func restart(localCredentials newCredentials: ICECredentials? = nil, now: RTCInstant) {
        guard !isClosed else { return }
        if selectedPair != nil && previousLocalCredentials == nil { previousLocalCredentials = localCredentials }
        localCredentials = newCredentials ?? .random(using: &random)
        remoteCredentials = nil
        startNewGeneration()
        let wasComplete = gatheringState == .complete
        if wasComplete { setGatheringState(.gathering) }
        for local in locals where local.pairable || local.candidate.type == .serverReflexive {
            events.push(.localCandidate(local.candidate))
        }
        if wasComplete { setGatheringState(.complete) }
        updateConnectionState()
    }
}
