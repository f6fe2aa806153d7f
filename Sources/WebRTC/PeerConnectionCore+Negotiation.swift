import DTLS
public import ICE
import SCTP
import SDP
public import RTCBase
import DequeModule

extension PeerConnectionCore {
    /// W3C `createOffer()`: a data-channel offer with `a=setup:actpass` (RFC 8842 §5.2) and the
    /// candidates gathered so far.
    public func createOffer() throws(PeerConnectionError) -> RTCSessionDescription {
        guard !isClosed else { throw .closed }
        guard signalingState == .stable || signalingState == .haveLocalOffer else {
            throw .invalidSignalingState(signalingState)
        }
        // Only a first offer writes the configured mid; later ones keep the remote's.
        guard remoteSession != nil || Self.isValidMid(configuration.mid) else {
            throw .invalidDescription("mid \"\(configuration.mid)\": 1 to 16 letters, digits, - or _")
        }
        return RTCSessionDescription(type: .offer, sdp: describe(.offer))
    }

    /// A mid we write: RFC 5888's identification-tag is a token; Chromium takes at most 16
    /// characters. Kept to letters, digits, `-` and `_` so no reader can trip on it.
    static func isValidMid(_ mid: String) -> Bool {
        (1...16).contains(mid.utf8.count) && mid.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// W3C `createAnswer()`: takes the DTLS client role (`a=setup:active`) unless the offer
    /// insists on `active` itself (RFC 8842 §5.3: the answerer "MUST NOT" use actpass).
    public func createAnswer() throws(PeerConnectionError) -> RTCSessionDescription {
        guard !isClosed else { throw .closed }
        return RTCSessionDescription(type: .answer, sdp: describe(try answerKind()))
    }

    /// The answer's DTLS role: the client (`a=setup:active`) unless the offer insists on `active`.
    func answerKind() throws(PeerConnectionError) -> DataChannelSDPBuilder.Kind {
        guard signalingState == .haveRemoteOffer, let remote = remoteSession else {
            throw .invalidSignalingState(signalingState)
        }
        if dtls != nil, let dtlsRole {
            // RFC 8842 §5.5: a renegotiation keeps the DTLS association, so each side its role.
            return dtlsRole == .client ? .answerActive : .answerPassive
        }
        return remote.setup == .active ? .answerPassive : .answerActive
    }

    /// W3C `restartIce()`, done at once: new ICE credentials (RFC 8445 §9), so the next
    /// ``createOffer()`` restarts ICE at the peer too, while DTLS, SCTP and every channel stay up
    /// and the current pair carries data until the new generation nominates one.
    ///
    /// - Parameters:
    ///   - hostAddresses: after a network change, the sockets the driver has bound now;
    ///     candidates on the others are retired and the new ones gathered on.
    ///   - iceServers: servers to gather from from now on (fresh TURN credentials).
    public func restartIce(hostAddresses addresses: [TransportAddress]? = nil, iceServers: [ICEServer]? = nil,
                           now: RTCInstant) throws(PeerConnectionError) {
        guard !isClosed else { throw .closed }
        guard signalingState == .stable, agent != nil else { throw .invalidSignalingState(signalingState) }
        localCredentials = ICECredentials.random(using: &random)
        if let addresses { hostAddresses = addresses }
        agent?.restart(localCredentials: localCredentials, hostAddresses: addresses, servers: iceServers, now: now)
        restartPending = true
        pump(now: now)
    }

    /// W3C `localDescription`: the description we set, rebuilt with every candidate gathered
    /// since and `a=end-of-candidates` once gathering is complete (what non-trickle peers need).
    public var localDescription: RTCSessionDescription? {
        guard let localKind else { return nil }
        return RTCSessionDescription(type: localKind == .offer ? .offer : .answer, sdp: describe(localKind))
    }

    /// W3C `setLocalDescription()`: an offer makes us ICE-controlling and starts gathering; an
    /// answer fixes the DTLS role and starts the transport.
    public func setLocalDescription(_ description: RTCSessionDescription, now: RTCInstant) throws(PeerConnectionError) {
        guard !isClosed else { throw .closed }
        let session = try parse(description.sdp)
        guard session.iceUsernameFragment == localCredentials.ufrag else {
            throw .descriptionMismatch("the description's ice-ufrag is not this connection's")
        }
        switch description.type {
        case .offer:
            try applyLocalOffer(now: now)
        case .answer:
            guard signalingState == .haveRemoteOffer else { throw .invalidSignalingState(signalingState) }
            guard let setup = session.setup, setup != .actpass else {
                throw .descriptionMismatch("an answer needs a=setup:active or passive")
            }
            try applyLocalAnswer(setup == .active ? .answerActive : .answerPassive, now: now)
        }
        pump(now: now)
    }

    /// W3C `setLocalDescription()` without a description (the "implicit" form of W3C WebRTC
    /// §4.4.1.5): an answer in `have-remote-offer`, an offer otherwise, applied as made. It is
    /// `createOffer()` or `createAnswer()` and `setLocalDescription(_:)` in one step, without
    /// parsing back the text just written; returns the description to signal.
    @discardableResult
    public func setLocalDescription(now: RTCInstant) throws(PeerConnectionError) -> RTCSessionDescription {
        guard !isClosed else { throw .closed }
        let description: RTCSessionDescription
        if signalingState == .haveRemoteOffer {
            let kind = try answerKind()
            description = RTCSessionDescription(type: .answer, sdp: describe(kind))
            try applyLocalAnswer(kind, now: now)
        } else {
            description = try createOffer()
            try applyLocalOffer(now: now)
        }
        pump(now: now)
        return description
    }

    /// An offer of ours: we are ICE-controlling and start gathering.
    func applyLocalOffer(now: RTCInstant) throws(PeerConnectionError) {
        guard signalingState == .stable || signalingState == .haveLocalOffer else {
            throw .invalidSignalingState(signalingState)
        }
        localKind = .offer
        ensureAgent(role: .controlling, now: now)
        startGatheringOnce(now: now)
        setSignalingState(.haveLocalOffer)
    }

    /// An answer of ours (`kind` is `.answerActive` or `.answerPassive`): fixes the DTLS role and
    /// starts the transport.
    func applyLocalAnswer(_ kind: DataChannelSDPBuilder.Kind, now: RTCInstant) throws(PeerConnectionError) {
        guard signalingState == .haveRemoteOffer else { throw .invalidSignalingState(signalingState) }
        // RFC 8842 §5.3: "active" means this endpoint initiates the DTLS handshake.
        let role: DTLSRole = kind == .answerActive ? .client : .server
        if dtls != nil, let dtlsRole, dtlsRole != role {
            throw .descriptionMismatch("an answer may not change the DTLS role of a running transport")
        }
        localKind = kind
        dtlsRole = role
        ensureAgent(role: .controlled, now: now)
        startGatheringOnce(now: now)
        setSignalingState(.stable)
        startTransportIfReady(now: now)
    }

    /// W3C `setRemoteDescription()`.
    public func setRemoteDescription(_ description: RTCSessionDescription, now: RTCInstant) throws(PeerConnectionError) {
        guard !isClosed else { throw .closed }
        let session = try parse(description.sdp)
        switch description.type {
        case .offer:
            // W3C implicit rollback: on a running transport an offer crossing ours (both sides
            // restarting ICE after a network change) is answered; the peer ignores ours.
            let crossing = signalingState == .haveLocalOffer && dtls != nil
            guard signalingState == .stable || signalingState == .haveRemoteOffer || crossing else {
                throw .invalidSignalingState(signalingState)
            }
            if let current = remoteSession, current.iceUsernameFragment != session.iceUsernameFragment, !restartPending {
                // RFC 8839 §4.4.1.1.2: the peer restarted ICE; the answer carries new credentials too.
                localCredentials = ICECredentials.random(using: &random)
                agent?.restart(localCredentials: localCredentials, now: now)
            }
            restartPending = false
            ensureAgent(role: .controlled, now: now)
            applyRemote(session, now: now)
            setSignalingState(.haveRemoteOffer)
        case .answer:
            guard signalingState == .haveLocalOffer else { throw .invalidSignalingState(signalingState) }
            // RFC 8842 §5.3: the answerer picks active or passive; the offerer takes the other role.
            let role: DTLSRole
            switch session.setup {
            case .active?: role = .server
            case .passive?, nil: role = .client
            case .actpass?: throw .descriptionMismatch("an answer may not say a=setup:actpass")
            case .holdconn?: throw .descriptionMismatch("a=setup:holdconn is not supported")
            }
            if dtlsStartedEarly, role != .server {
                // The peer sent a ClientHello yet answers passive: drop that server, act as told.
                dtls = nil
                dtlsStarted = false
            }
            dtlsStartedEarly = false
            if dtls != nil, let dtlsRole, dtlsRole != role {
                throw .descriptionMismatch("an answer may not change the DTLS role of a running transport")
            }
            dtlsRole = role
            restartPending = false
            applyRemote(session, now: now)
            setSignalingState(.stable)
            startTransportIfReady(now: now)
        }
        remoteDescription = description
        pump(now: now)
    }

    /// W3C `addIceCandidate()`: a trickled remote candidate (`candidate:...`, with or without
    /// `a=`), or `nil`/empty for end-of-candidates.
    public func addIceCandidate(_ candidate: String?, now: RTCInstant) throws(PeerConnectionError) {
        guard !isClosed else { throw .closed }
        guard remoteSession != nil, agent != nil else { throw .noRemoteDescription }
        guard let line = candidate?.trimmingSpaces, !line.isEmpty else {
            agent?.setRemoteEndOfCandidates(now: now)
            pump(now: now)
            return
        }
        do {
            _ = try agent?.addRemoteCandidate(sdpAttribute: line, now: now)
        } catch {
            counters.rejectedCandidates += 1
            throw .invalidCandidate("\(error)")
        }
        pump(now: now)
    }

    func parse(_ text: String) throws(PeerConnectionError) -> WebRTCDataSession {
        do {
            return try WebRTCDataSession(SessionDescription(parsing: text))
        } catch {
            throw .invalidDescription("\(error)")
        }
    }

    func describe(_ kind: DataChannelSDPBuilder.Kind) -> String {
        var builder = DataChannelSDPBuilder(
            kind: kind, iceUsernameFragment: localCredentials.ufrag, icePassword: localCredentials.pwd,
            fingerprints: [SDPFingerprint(algorithm: certificate.fingerprint.algorithm,
                                          bytes: certificate.fingerprint.bytes)])
        // After a remote description, its mid (an answer echoes the offer's; a later offer keeps it).
        if let remote = remoteSession { builder.mid = remote.mid ?? "0" } else { builder.mid = configuration.mid }
        builder.maxMessageSize = UInt64(configuration.maxMessageSize)
        builder.candidates = signaledCandidates.map(\.sdpAttribute)
        builder.endOfCandidates = iceGatheringState == .complete
        sessionVersion += 1
        return builder.build(sessionID: sessionID, sessionVersion: sessionVersion).text
    }

    /// Local candidates the policy lets us signal.
    var signaledCandidates: [Candidate] {
        let all = agent?.localCandidates ?? []
        return all.filter { candidate in
            candidate.type != .peerReflexive
                && (configuration.iceTransportPolicy == .all || candidate.type == .relay)
        }
    }

    func ensureAgent(role: ICERole, now: RTCInstant) {
        guard agent == nil else { return }
        var ice = configuration.ice
        ice.hostAddresses = hostAddresses
        ice.includeLoopback = configuration.includeLoopbackCandidates
        ice.servers = configuration.resolvedIceServers
        ice.transportPolicy = configuration.iceTransportPolicy == .relay ? .relay : .all
        agent = ICEAgent(configuration: ice, role: role, localCredentials: localCredentials, random: random.split())
    }

    /// W3C: gathering starts with the first `setLocalDescription`, so no candidate is announced
    /// before the description that owns it.
    func startGatheringOnce(now: RTCInstant) {
        guard !gatheringStarted else { return }
        gatheringStarted = true
        agent?.startGathering(now: now)
    }

    func applyRemote(_ session: WebRTCDataSession, now: RTCInstant) {
        remoteSession = session
        agent?.setRemoteCredentials(ICECredentials(ufrag: session.iceUsernameFragment, pwd: session.icePassword), now: now)
        for line in session.candidates {
            let attribute = line.hasPrefix("candidate:") ? line : "candidate:" + line
            if (try? agent?.addRemoteCandidate(sdpAttribute: attribute, now: now)) == nil {
                counters.rejectedCandidates += 1
            }
        }
        if session.endOfCandidates { agent?.setRemoteEndOfCandidates(now: now) }
        // RFC 8841 §6.1: "If the SDP 'max-message-size' attribute contains a maximum message size
        // value of zero, it indicates that the SCTP endpoint will handle messages of any size";
        // absent, assume 64 KiB (§6.1 recommends 64K, and Pion closes its channel on 65,536).
        switch session.maxMessageSize {
        case nil: remoteMaxMessageSize = 65_535
        case 0?: remoteMaxMessageSize = configuration.maxChannelQueueBytes
        case let size?: remoteMaxMessageSize = Int(min(size, UInt64(configuration.maxChannelQueueBytes)))
        }
        let fingerprints = session.fingerprints.map { DTLSFingerprint(algorithm: $0.algorithm.lowercased(), bytes: $0.bytes) }
        dtls?.setRemoteFingerprints(fingerprints, now: now)
    }

    /// Creates DTLS and SCTP once both descriptions are in and the DTLS role is known; in-band
    /// channels created earlier get their stream ids now (RFC 8832 §6 parity rule).
    func startTransportIfReady(now: RTCInstant) {
        guard sctp == nil, let dtlsRole, let remote = remoteSession else { return }
        // A server started early on the peer's ClientHello has its fingerprints from applyRemote.
        if dtls == nil {
            let fingerprints = remote.fingerprints.map { DTLSFingerprint(algorithm: $0.algorithm.lowercased(), bytes: $0.bytes) }
            do {
                dtls = try DTLSEndpoint(role: dtlsRole, certificate: certificate, remoteFingerprints: fingerprints)
            } catch {
                fail("DTLS setup failed: \(error)")
                return
            }
        }
        var sctpConfiguration = SCTPConfiguration()
        sctpConfiguration.remotePort = remote.sctpPort
        sctpConfiguration.maxReceiveMessageSize = configuration.maxMessageSize
        sctpConfiguration.sackFrequency = configuration.sackFrequency
        do {
            sctp = try SCTPAssociation(configuration: sctpConfiguration)
            sctp?.remoteMaxMessageSize = remoteMaxMessageSize
            sctp?.onForeignOutput = onForeignOutput
        } catch {
            fail("SCTP setup failed: \(error)")
            return
        }
        assignStreamIDs()
        if iceConnectionState == .connected || iceConnectionState == .completed { startDTLS(now: now) }
        let held = earlyDTLS
        earlyDTLS = []
        for datagram in held { dtls?.handle(datagram: datagram, now: now) }
    }

    func startDTLS(now: RTCInstant) {
        guard let dtls, !dtlsStarted else { return }
        dtlsStarted = true
        dtls.start(now: now)
    }

    func setSignalingState(_ state: PeerSignalingState) {
        guard signalingState != state else { return }
        signalingState = state
        events.append(.signalingStateChanged(state))
    }

    func setConnectionState(_ state: PeerConnectionState) {
        guard connectionState != state else { return }
        connectionState = state
        events.append(.connectionStateChanged(state))
    }

    func fail(_ reason: String) {
        if failureReason == nil { failureReason = reason }
        // The state first, so whoever sees a channel close can already read why.
        setConnectionState(.failed)
        for handle in channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) { finishChannel(handle) }
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
