import STUN
public import RTCBase
import DequeModule

extension TURNClient {
    /// Signs and sends `message` as a new transaction. RFC 8656 §7.1 / RFC 8489 §9.2.4: once the
    /// server has challenged, every request carries USERNAME, REALM, NONCE and MESSAGE-INTEGRITY.
    mutating func startRequest(_ message: STUNMessage, purpose: Purpose, now: RTCInstant, attempts: Int = 0) {
        var message = message
        message.transactionID = .random(using: &random)
        var signed = message
        if let realm, let nonce {
            signed.attributes += [.username(username), .realm(realm), .nonce(nonce)]
        }
        let bytes = signed.encode(key: key, fingerprint: true)
        // RFC 8489 §6.2.2: over TCP and TLS "the client SHOULD NOT retransmit"; the transaction
        // fails after Ti = 39.5 s without a response.
        var transaction = transport.isStream
            ? STUNTransaction(request: bytes, transactionID: message.transactionID, now: now, rto: .milliseconds(39_500), rc: 1)
            : STUNTransaction(request: bytes, transactionID: message.transactionID, now: now)
        if let payload = transaction.pollTransmit() { emit(payload) }
        transactions[message.transactionID] = Pending(transaction: transaction, message: message,
                                                      purpose: purpose, attempts: attempts)
    }

    /// Retransmits, times out, and refreshes whatever is due.
    public mutating func handleTimeout(now: RTCInstant) {
        for id in transactions.keys.sorted() {
            guard var pending = transactions[id] else { continue }
            pending.transaction.handleTimeout(now: now)
            if let payload = pending.transaction.pollTransmit() { emit(payload) }
            if pending.transaction.state == .timedOut {
                transactions[id] = nil
                failed(pending.purpose, reason: pending.integrityViolated ? Self.integrityViolated : "timeout", now: now)
            } else {
                transactions[id] = pending
            }
        }
        guard case .allocated = state else { return }
        if let expiresAt, now >= expiresAt {
            state = .closed
            events.append(.closed)
            return
        }
        if let refreshAt, now >= refreshAt {
            self.refreshAt = nil
            startRequest(STUNMessage(type: .init(method: .refresh, class: .request), transactionID: TransactionID(high: 0, low: 0),
                                     attributes: [.lifetime(requestedLifetime)]),
                         purpose: .refresh(lifetime: requestedLifetime), now: now)
        }
        for (ip, permission) in permissions.sorted(by: { $0.key < $1.key }) {
            guard let due = permission.refreshAt, now >= due else { continue }
            // Installed and idle since: let it lapse (RFC 8656 §9: it expires 300 s after its
            // last refresh); a later send installs it again.
            guard permission.used || !permission.installed else {
                permissions[ip] = nil
                continue
            }
            permissions[ip]?.refreshAt = nil
            permissions[ip]?.used = false
            requestPermission(ip, now: now)
        }
        for (peer, channel) in channels.sorted(by: { $0.key < $1.key }) {
            guard let due = channel.refreshAt, now >= due else { continue }
            // Idle since its last binding: let the server's binding run out. The entry and its number
            // stay (a peer may hold one channel only, and a number must rest after it expires);
            // a send binds the same number again.
            guard channel.used else {
                channels[peer]?.refreshAt = nil
                channels[peer]?.bound = false
                channels[peer]?.lapsed = true
                continue
            }
            channels[peer]?.refreshAt = nil
            channels[peer]?.used = false
            requestChannel(peer, number: channel.number, now: now)
        }
    }

    /// Queues one message for the server: a datagram, or a frame on the allocation's connection.
    mutating func emit(_ payload: [UInt8]) {
        transmits.append(Transmit(source: local, destination: server, payload: payload, connection: connection))
    }

    /// Handles bytes read from the allocation's TCP/TLS connection: they are split into messages
    /// (RFC 8656 §12.5) and each is handled like a datagram.
    ///
    /// A stream that cannot be framed fails the allocation (``TURNEvent/allocationFailed(reason:)``);
    /// the driver then closes the connection, since it no longer appears in ``isConnectionWanted``.
    public mutating func handle(streamBytes bytes: [UInt8], now: RTCInstant) {
        guard connection != nil, isConnectionWanted else { return }
        let messages: [[UInt8]]
        do {
            messages = try framer.append(bytes)
        } catch {
            connectionLost(reason: "\(transport.rawValue) stream: \(error)")
            return
        }
        for message in messages where isConnectionWanted {
            if !handle(message, now: now) { unexpectedMessages += 1 }
        }
    }

    /// The allocation's TCP/TLS connection closed or could not be opened: RFC 8656 §3.1, the
    /// server deletes an allocation whose connection closes, so the allocation is gone.
    public mutating func handleConnectionClosed(reason: String, now: RTCInstant) {
        guard connection != nil else { return }
        connectionLost(reason: "\(transport.rawValue) connection closed: \(reason)")
    }

    private mutating func connectionLost(reason: String) {
        transactions = [:]
        switch state {
        case .allocating, .allocated:
            state = .failed
            events.append(.allocationFailed(reason: reason))
        case .closing:
            finishClose()
        case .failed, .closed:
            break
        }
    }

    /// Handles one datagram from the server: a response, a Data indication or a ChannelData frame.
    ///
    /// Returns `false` if the bytes were not for this client (the caller may try other consumers).
    @discardableResult
    public mutating func handle(_ packet: [UInt8], now: RTCInstant) -> Bool {
        if ChannelData.isChannelData(packet) {
            guard let frame = try? ChannelData.decode(packet), let peer = channelPeers[frame.channel] else { return false }
            channels[peer]?.used = true
            permissions[peer.ip]?.used = true
            events.append(.data(frame.data, from: peer))
            return true
        }
        guard let message = try? STUNMessage.decode(packet) else { return false }
        if message.type == STUNMessageType(method: .data, class: .indication) {
            guard let peer = message.peerAddress, let data = message.data else { return true }
            permissions[peer.ip]?.used = true
            events.append(.data(data, from: peer))
            return true
        }
        guard let pending = transactions[message.transactionID],
              message.type.messageClass == .successResponse || message.type.messageClass == .errorResponse else {
            return false
        }
        if let key, let problem = Self.integrityProblem(message, packet: packet, key: key) {
            discard(message.transactionID, pending: pending, problem: problem, now: now)
            return true
        }
        transactions[message.transactionID] = nil
        if message.type.messageClass == .errorResponse {
            handleError(message, pending: pending, now: now)
        } else {
            handleSuccess(message, purpose: pending.purpose, now: now)
        }
        return true
    }

    /// Why a response to a request signed with `key` is not authenticated, or `nil` if it may be
    /// processed. RFC 8489 §9.2.5 (long-term credentials, "Receiving a Response"):
    ///
    /// - 401 and 438 are acted on by their own paragraphs ("the client SHOULD retry ... copied from
    ///   the error response", "MUST retry ... using the new NONCE"), which ask for no integrity: a
    ///   challenge cannot be signed with a key the client does not hold yet, and servers commonly
    ///   send a 438 unsigned. One that carries an integrity attribute must verify.
    /// - "If the response is an error response with an error code of 400 (Bad Request) and does
    ///   not contain either the MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 attribute, then the
    ///   response MUST be discarded, as if it were never received."
    /// - Every other response, success or error: "If the value does not match, or if both
    ///   MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 are absent", it is discarded.
    static func integrityProblem(_ response: STUNMessage, packet: [UInt8], key: STUNIntegrityKey) -> String? {
        let check = STUNMessage.checkIntegrity(of: packet, key: key)
        switch check {
        case .valid:
            return nil
        case .missing:
            let code = response.errorCode?.code
            if response.type.messageClass == .errorResponse, code == 401 || code == 438 { return nil }
            // The code says what the server meant (a 508 is a full server), though it may not be trusted.
            return "no MESSAGE-INTEGRITY on " + (code.map { "error \($0)" } ?? "a success response")
        case .invalid:
            return "MESSAGE-INTEGRITY does not verify"
        case .malformed(let error):
            return "malformed MESSAGE-INTEGRITY (\(error))"
        }
    }

    /// RFC 8489 §9.2.5 on a response that failed ``integrityProblem(_:packet:key:)``: over UDP
    /// "the response MUST be discarded, as if it were never received. This means that
    /// retransmits, if applicable, will continue. If all the responses received are discarded,
    /// then instead of signaling a timeout ... the layer MUST signal that the integrity protection
    /// was violated"; over TCP/TLS "the response MUST be discarded, and the layer MUST immediately
    /// end the transaction and signal that the integrity protection was violated".
    /// Counted in ``badIntegrityResponses``; reported once per transaction (the driver logs it).
    private mutating func discard(_ id: TransactionID, pending: Pending, problem: String, now: RTCInstant) {
        badIntegrityResponses += 1
        if !pending.integrityViolated {
            events.append(.responseDiscarded(request: pending.purpose.name, reason: problem))
        }
        if transport.isStream {
            transactions[id] = nil
            failed(pending.purpose, reason: Self.integrityViolated, now: now)
        } else {
            transactions[id]?.integrityViolated = true
        }
    }

    /// The reason a request fails with when its responses were all discarded (RFC 8489 §9.2.5).
    static let integrityViolated = "integrity protection violated"

    private mutating func handleError(_ response: STUNMessage, pending: Pending, now: RTCInstant) {
        let code = response.errorCode?.code ?? 0
        switch code {
        case 401 where key == nil || pending.attempts == 0,
             438 where pending.attempts < 3:
            // 401: the challenge (RFC 8489 §9.2.4). 438 Stale Nonce: retry with the new NONCE.
            guard let nonce = response.nonce, let realm = response.realm ?? realm else {
                failed(pending.purpose, reason: "challenge without REALM/NONCE", now: now)
                return
            }
            self.realm = realm
            self.nonce = nonce
            key = .longTerm(username: username, realm: realm, password: password)
            startRequest(pending.message, purpose: pending.purpose, now: now, attempts: pending.attempts + 1)
        default:
            failed(pending.purpose, reason: response.errorCode?.description ?? "error response", now: now)
        }
    }

    private mutating func handleSuccess(_ response: STUNMessage, purpose: Purpose, now: RTCInstant) {
        switch purpose {
        case .allocate:
            guard let relayed = response.relayedAddress else {
                failed(purpose, reason: "no XOR-RELAYED-ADDRESS", now: now)
                return
            }
            let lifetime = response.lifetime ?? requestedLifetime
            state = .allocated(relayed: relayed)
            mappedAddress = response.mappedAddress
            scheduleRefresh(lifetime: lifetime, now: now)
            events.append(.allocated(relayed: relayed, mapped: mappedAddress, lifetime: lifetime))
        case .refresh(let requested):
            if requested == 0 {
                finishClose()
            } else {
                scheduleRefresh(lifetime: response.lifetime ?? requested, now: now)
            }
        case .createPermission(let ip):
            guard var permission = permissions[ip] else { return }
            let firstInstall = !permission.installed
            permission.installed = true
            permission.pending = false
            permission.failures = 0
            permission.refreshAt = now + Self.permissionRefresh
            let queued = permission.queued
            permission.queued = []
            permissions[ip] = permission
            if firstInstall { events.append(.permissionCreated(ip)) }
            for item in queued { send(item.data, to: item.peer, now: now) }
        case .channelBind(let peer, let number):
            guard var channel = channels[peer], channel.number == number else { return }
            let firstBind = !channel.bound
            channel.bound = true
            channel.pending = false
            channel.refreshAt = now + Self.channelRefresh
            channels[peer] = channel
            channelPeers[number] = peer
            if firstBind { events.append(.channelBound(peer: peer, channel: number)) }
        }
    }

    private mutating func scheduleRefresh(lifetime: UInt32, now: RTCInstant) {
        // Refresh a minute before expiry, or at half-life for short allocations.
        let seconds = Int64(lifetime)
        let lead = seconds > 120 ? seconds - 60 : seconds / 2
        refreshAt = now + .seconds(max(1, lead))
        expiresAt = now + .seconds(seconds)
    }

    private mutating func failed(_ purpose: Purpose, reason: String, now: RTCInstant) {
        switch purpose {
        case .allocate:
            state = .failed
            events.append(.allocationFailed(reason: reason))
        case .refresh(let lifetime):
            if lifetime == 0 {
                finishClose()
            } else {
                // A failed refresh leaves the allocation to expire at `expiresAt`; said, so a relay
                // lost later has its cause in the log.
                events.append(.requestFailed(request: purpose.name, reason: reason))
            }
        case .createPermission(let ip):
            permissions[ip]?.pending = false
            permissions[ip]?.queued = []
            permissions[ip]?.failures += 1
            // Asked again later by the timer, not by every send (a refusing server would get a
            // request per datagram), and not never (a lost answer would cut that peer off for good),
            // but not forever either: after a few refusals only a new send asks again.
            if let failures = permissions[ip]?.failures, failures >= Self.permissionAttempts {
                permissions[ip] = nil
            } else {
                permissions[ip]?.refreshAt = now + Self.permissionRetry
            }
            events.append(.requestFailed(request: purpose.name, reason: reason))
        case .channelBind(let peer, _):
            // Without a channel, sends fall back to Send indications (once the permission is in);
            // so does a channel whose refresh failed, since the server's binding runs out.
            channels[peer]?.pending = false
            channels[peer]?.bound = false
            events.append(.requestFailed(request: purpose.name, reason: reason))
        }
    }

    mutating func finishClose() {
        guard state != .closed else { return }
        state = .closed
        transactions = [:]
        events.append(.closed)
    }
}
