public import RTCBase
import CDTLS
import DequeModule

/// One DTLS 1.2 association (RFC 6347) as a sans-IO core over BoringSSL: datagrams and time go in,
/// datagrams, events and a deadline come out.
///
/// After any input (`start`, `handle(datagram:now:)`, `handleTimeout(now:)`, `send`, `close`,
/// `setRemoteFingerprints`) drain `pollTransmit()` and `pollEvent()` until they return `nil`, then
/// call `handleTimeout(now:)` at `pollTimeout()`.
///
/// Authentication follows RFC 8122 §5 / RFC 8827 §6.5: the peer's self-signed certificate is
/// accepted by the TLS layer and must match one of the remote fingerprints from its SDP. A
/// mismatch fails the endpoint and no application data is ever surfaced; application data is
/// only read after the check has passed.
///
/// Not `Sendable`: it owns a BoringSSL `SSL*` and `SSL_CTX*` (freed in `deinit`). Use it from one
/// thread or task at a time; moving it between threads between calls is fine, because every call
/// into BoringSSL reads the (per-thread) error queue within the same C call.
public final class DTLSEndpoint {
    /// The largest application-data payload `send` accepts: the TLS plaintext record limit, 2^14
    /// bytes (RFC 5246 §6.2.1, used by RFC 6347 §4.1). SCTP packets are far smaller (the MTU).
    public static let maxApplicationDataSize = 16_384

    /// Room `send` leaves around the payload for the sealed record: the 13-byte record header
    /// (RFC 6347 §4.1), AES-GCM's 8-byte explicit nonce and 16-byte tag (RFC 5288 §3), which is
    /// the largest expansion of the offered suites (ChaCha20-Poly1305 adds 16, RFC 7905 §2).
    static let sealedRecordOverhead = 64

    /// Which side of the handshake this endpoint plays.
    public let role: DTLSRole
    /// The current state; changes are also reported as events.
    public internal(set) var state: DTLSState = .new
    /// The retransmission policy this endpoint runs.
    public let timing: DTLSHandshakeTiming
    /// How many handshake flights were retransmitted because the timer expired.
    public internal(set) var retransmissionCount = 0

    let connection: OpaquePointer
    /// The remote fingerprints the C side knows, in its order (unsupported algorithms left out).
    var acceptedFingerprints: [DTLSFingerprint] = []
    var transmits = Deque<[UInt8]>()
    var events = Deque<DTLSEvent>()
    var handshakeStart: RTCInstant?
    var retransmitDeadline: RTCInstant?
    var currentTimeout: Duration
    var seenFreshTimerStarts: UInt64 = 0
    var readScratch = [UInt8](repeating: 0, count: DTLSEndpoint.maxApplicationDataSize + 1024)
    /// How many times BoringSSL's record layer was asked for a record (SSL_read), for tests.
    package internal(set) var recordReads = 0

    /// Creates an endpoint that will authenticate its peer against `remoteFingerprints` (which may
    /// be empty now and set later with `setRemoteFingerprints(_:now:)`).
    ///
    /// `mtu` is the largest datagram the endpoint emits during the handshake (handshake messages
    /// are fragmented to fit, RFC 6347 §4.2.3); application records are as large as `send` makes
    /// them. 1200 leaves room for IPv6, UDP and TURN ChannelData headers on a 1280-byte path.
    ///
    /// With `waitsForFingerprints`, a peer certificate that arrives before any fingerprint pauses
    /// the handshake there (nothing more is sent, the peer is not yet answered with Finished) until
    /// `setRemoteFingerprints(_:now:)` resumes it; without it, such a handshake fails when it ends.
    public init(role: DTLSRole, certificate: DTLSCertificate, remoteFingerprints: [DTLSFingerprint],
                mtu: Int = 1200, timing: DTLSHandshakeTiming = .default,
                waitsForFingerprints: Bool = false) throws(DTLSError) {
        guard (256...65_507).contains(mtu) else { throw .setupFailed("MTU \(mtu) out of range 256...65507") }
        var message = CStringBuffer()
        let pointer = cdtls_conn_new(role == .server ? 1 : 0, certificate.certificateDER,
                                     certificate.certificateDER.count, certificate.privateKeyDER,
                                     certificate.privateKeyDER.count, Int32(mtu), &message.storage, 256)
        guard let pointer else { throw .setupFailed(message.text) }
        self.role = role
        self.timing = timing
        connection = pointer
        currentTimeout = timing.initialTimeout
        let initialMicroseconds = max(1, min(timing.initialTimeout.rtcNanoseconds / 1000, 60_000_000))
        cdtls_conn_set_initial_timeout_us(pointer, UInt32(initialMicroseconds))
        cdtls_conn_set_verify_waits(pointer, waitsForFingerprints ? 1 : 0)
        installFingerprints(remoteFingerprints)
    }

    deinit {
        cdtls_conn_free(connection)
    }

    /// The negotiated cipher suite's OpenSSL-style name once connected, e.g.
    /// `"ECDHE-ECDSA-AES128-GCM-SHA256"`.
    public var cipherSuite: String? {
        state == .connected ? String(shimString: cdtls_conn_cipher(connection)) : nil
    }

    /// Sets the fingerprints the peer's certificate must match (RFC 8122 §5: any one of them).
    ///
    /// They may arrive after `init` (the answer comes later), but must be set before the handshake
    /// completes, or the endpoint fails with `.missingRemoteFingerprint`. Set while connected, the
    /// peer's certificate is checked again and a mismatch fails the endpoint. A handshake that
    /// paused at the peer's certificate waiting for them (`waitsForFingerprints`) goes on at once
    /// from `now`: it checks the certificate and either continues or fails with `.fingerprintMismatch`.
    public func setRemoteFingerprints(_ fingerprints: [DTLSFingerprint], now: RTCInstant) {
        installFingerprints(fingerprints)
        switch state {
        case .connected:
            var index: Int32 = -1
            if cdtls_conn_check_fingerprint(connection, &index) != Int32(CDTLS_FP_MATCHED) {
                abandon(.fingerprintMismatch)
            }
        case .connecting where !acceptedFingerprints.isEmpty:
            driveHandshake()
            afterCall(now: now)
        default:
            break
        }
    }

    /// Starts the handshake: a client queues its ClientHello flight (and arms the retransmission
    /// timer); a server waits for one. The handshake deadline counts from `now`.
    public func start(now: RTCInstant) {
        guard state == .new else { return }
        state = .connecting
        handshakeStart = now
        if role == .client {
            driveHandshake()
        }
        afterCall(now: now)
    }

    /// Feeds one UDP datagram whose first byte is 20...63 (DTLS by RFC 7983 §7). Malformed,
    /// unauthenticated or replayed records are dropped silently (RFC 6347 §4.1.2.7).
    ///
    /// A server still in `.new` starts on its first datagram; a client in `.new` drops it.
    public func handle(datagram: [UInt8], now: RTCInstant) {
        switch state {
        case .new:
            guard role == .server else { return }
            state = .connecting
            handshakeStart = now
        case .connecting, .connected:
            break
        case .closed, .failed:
            return
        }
        let handshaking = state == .connecting
        // BoringSSL reads the datagram in place (one copy, into its record buffer) during this call.
        let lent = datagram.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, cdtls_conn_lend_datagram(connection, base, bytes.count) == 1 else {
                return false
            }
            if state == .connecting {
                driveHandshake()
            }
            if state == .connected {
                readRecords(untilWantRead: handshaking)
            }
            cdtls_conn_discard_input(connection)
            return true
        }
        guard lent else { return }
        afterCall(now: now)
    }

    /// Sends `data` as one application-data record (one SCTP packet, RFC 8261 §5).
    ///
    /// Throws `.notConnected` before the handshake completed, `.closed` after close or failure,
    /// `.messageTooLarge` above `maxApplicationDataSize`. An empty payload sends nothing.
    public func send(_ data: [UInt8], now: RTCInstant) throws(DTLSError) {
        switch state {
        case .new, .connecting: throw .notConnected
        case .closed, .failed: throw .closed
        case .connected: break
        }
        guard data.count <= Self.maxApplicationDataSize else { throw .messageTooLarge(data.count) }
        guard !data.isEmpty else { return }
        // The shim seals the record straight into this array (no queue node, no second copy). Should
        // BoringSSL write more than one datagram here (a pending alert first), the first lands in the
        // array and the rest in the shim's queue, which afterCall drains after it.
        let capacity = data.count + Self.sealedRecordOverhead
        var status = Int32(CDTLS_OK)
        let record = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var length = 0
            status = cdtls_conn_write(connection, data, data.count, buffer.baseAddress, capacity, &length)
            count = length
        }
        if !record.isEmpty {
            transmits.append(record)
        }
        if status != Int32(CDTLS_OK) {
            let error = DTLSError.protocolError(String(shimString: cdtls_conn_error(connection)))
            fail(error)
            afterCall(now: now)
            throw error
        }
        afterCall(now: now)
    }

    /// Sends `close_notify` (when the handshake has completed; RFC 5246 §7.2.1) and moves to
    /// `.closed`, reporting `.closed`.
    public func close(now: RTCInstant) {
        switch state {
        case .closed, .failed:
            return
        case .new, .connecting, .connected:
            _ = cdtls_conn_shutdown(connection)
            state = .closed
            retransmitDeadline = nil
            events.append(.closed)
            afterCall(now: now)
        }
    }

    /// The next datagram to send, one UDP datagram per call. The records of one handshake flight
    /// share datagrams up to the MTU (RFC 6347 §4.1.1); each application record travels alone, so
    /// one SCTP packet is one datagram.
    public func pollTransmit() -> [UInt8]? {
        transmits.popFirst()
    }

    /// The next event, oldest first.
    public func pollEvent() -> DTLSEvent? {
        events.popFirst()
    }
}

@available(*, unavailable, message: "DTLSEndpoint owns BoringSSL state; use it from one task at a time")
extension DTLSEndpoint: Sendable {}
