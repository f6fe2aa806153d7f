import ICE
import DTLS
import SCTP
import SDP
import RTCBase
import DequeModule

extension PeerConnectionCore {
    /// Moves everything that is ready one layer up or down until nothing moves: ICE events
    /// (DTLS datagrams up), DTLS records (down to ICE, application data up to SCTP), SCTP packets
    /// (down to DTLS, messages up to the channels). Run after every input.
    func pump(now: RTCInstant) {
        // Each round moves at least one item; the bound only guards against a layer that
        // keeps producing (it would be a bug below us, not a reason to spin forever).
        for _ in 0..<10_000 {
            var moved = false
            while let event = agent?.pollEvent() {
                moved = true
                handleICEEvent(event, now: now)
            }
            // RFC 8445 §12.1: the handshake may start on the first valid pair, before the
            // nomination (libwebrtc does the same), which saves the nomination's round trips.
            if !dtlsStarted, dtls != nil, agent?.canSendData == true { startDTLS(now: now) }
            if let dtls {
                while let record = dtls.pollTransmit() {
                    moved = true
                    // Held for the driver's flush, where the records of this turn may share a datagram.
                    outgoingRecords.append(record)
                    outgoingRecordsAt = now
                }
                while let event = dtls.pollEvent() {
                    moved = true
                    handleDTLSEvent(event, now: now)
                }
            }
            if let sctp {
                while let packet = sctp.pollTransmit() {
                    moved = true
                    countSent(packet)
                    guard let dtls, dtlsConnected else {
                        counters.sctpSendsFailed += 1
                        continue
                    }
                    do {
                        try dtls.send(packet, now: now)
                    } catch {
                        counters.sctpSendsFailed += 1
                    }
                }
                while let event = sctp.pollEvent() {
                    moved = true
                    handleSCTPEvent(event, now: now)
                }
                if !queuedChannels.isEmpty, drainQueues(now: now) { moved = true }
            }
            if !moved { break }
        }
        updateConnectionState()
    }

    func handleICEEvent(_ event: ICEEvent, now: RTCInstant) {
        switch event {
        case .localCandidate(let candidate):
            guard configuration.iceTransportPolicy == .all || candidate.type == .relay else { return }
            events.append(.localCandidate(candidate.sdpAttribute))
        case .gatheringStateChanged(let state):
            iceGatheringState = state
            events.append(.iceGatheringStateChanged(state))
            if state == .complete { events.append(.endOfCandidates) }
        case .connectionStateChanged(let state):
            guard !isClosed else { return }
            iceConnectionState = state
            events.append(.iceConnectionStateChanged(state))
            if state == .connected || state == .completed { startDTLS(now: now) }
        case .data(let bytes, _):
            // RFC 7983 §7: a first byte in 20...63 is DTLS.
            guard let first = bytes.first, (20...63).contains(first) else {
                counters.unknownDatagrams += 1
                return
            }
            if let dtls {
                dtls.handle(datagram: bytes, now: now)
            } else if startServerOnClientHello(bytes, now: now) {
                return
            } else if earlyDTLS.count < 32 {
                // The peer's ClientHello can beat its answer to us; hold it until DTLS exists.
                earlyDTLS.append(bytes)
            } else {
                counters.earlyDTLSDropped += 1
            }
        case .selectedPairChanged(let pair):
            events.append(.selectedCandidatePairChanged(pair))
        case .diagnostic(let diagnostic):
            events.append(.iceDiagnostic(diagnostic))
        case .roleChanged, .remotePeerReflexiveCandidate, .localPeerReflexiveCandidate:
            break
        }
    }

    /// RFC 8842 §5.2: an offerer that said `actpass` "MUST be prepared to receive a DTLS
    /// ClientHello" before the answer. A ClientHello says the peer took the client role, so we
    /// answer it as the server at once instead of holding it until the answer: the handshake runs
    /// while the answer travels, and pauses at the peer's certificate until the answer's
    /// fingerprints authenticate it (RFC 8122 §5). Returns whether `datagram` started one.
    func startServerOnClientHello(_ datagram: [UInt8], now: RTCInstant) -> Bool {
        guard dtls == nil, localKind == .offer, signalingState == .haveLocalOffer,
              Self.isClientHello(datagram) else { return false }
        do {
            dtls = try DTLSEndpoint(role: .server, certificate: certificate, remoteFingerprints: [],
                                    waitsForFingerprints: true)
        } catch {
            return false
        }
        dtlsStarted = true
        dtlsStartedEarly = true
        counters.earlyServerHandshakes += 1
        dtls?.handle(datagram: datagram, now: now)
        return true
    }

    /// A DTLS handshake record of epoch 0 carrying a ClientHello (RFC 6347 §4.1: type 22 at 0,
    /// epoch at 3...4; §4.2.2: the handshake type at 13, 1 for ClientHello).
    package static func isClientHello(_ datagram: [UInt8]) -> Bool {
        datagram.count > 13 && datagram[0] == 22 && datagram[3] == 0 && datagram[4] == 0 && datagram[13] == 1
    }

    func handleDTLSEvent(_ event: DTLSEvent, now: RTCInstant) {
        switch event {
        case .connected:
            dtlsConnected = true
            // RFC 8831 §6: both peers start the SCTP association once DTLS is up.
            sctp?.connect(now: now)
        case .applicationData(let packet):
            sctp?.handle(packet: packet, now: now)
        case .closed:
            dtlsConnected = false
            for handle in channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) { finishChannel(handle) }
            if !isClosed { setConnectionState(.closed) }
        case .failed(let error):
            dtlsConnected = false
            fail("DTLS: \(error)")
        }
    }

    func handleSCTPEvent(_ event: SCTPEvent, now: RTCInstant) {
        switch event {
        case .connected:
            sctpConnected = true
            openPendingChannels(now: now)
        case .message(let stream, let ppid, let data):
            receive(stream: stream, ppid: ppid, data: data, now: now)
        case .incomingStreamsReset(let streams):
            for stream in streams { remoteReset(stream: stream, now: now) }
        case .outgoingStreamsReset(let streams):
            for stream in streams { localResetDone(stream: stream) }
        case .bufferedAmountLow:
            break
        case .closed:
            sctpConnected = false
            for handle in channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) { finishChannel(handle) }
        case .failed(let error):
            sctpConnected = false
            fail("SCTP: \(error)")
        }
    }

    /// W3C "update the connection state", for a single data-channel transport.
    func updateConnectionState() {
        guard !isClosed, connectionState != .failed, connectionState != .closed else { return }
        let next: PeerConnectionState
        switch iceConnectionState {
        case .failed: next = .failed
        case .disconnected: next = .disconnected
        case .closed: next = .closed
        case .new: next = dtlsStarted ? .connecting : .new
        case .checking: next = .connecting
        case .connected, .completed: next = dtlsConnected ? .connected : .connecting
        }
        if next == .failed { fail("ICE failed") } else { setConnectionState(next) }
    }
}
