import RTCBase
import CDTLS

extension DTLSEndpoint {
    /// Replaces the C side's fingerprint list, remembering which entries it accepted.
    func installFingerprints(_ fingerprints: [DTLSFingerprint]) {
        cdtls_conn_clear_fingerprints(connection)
        acceptedFingerprints.removeAll()
        for fingerprint in fingerprints {
            guard let name = fingerprint.openSSLDigestName,
                  cdtls_conn_add_fingerprint(connection, name, fingerprint.bytes, fingerprint.bytes.count) == 1
            else { continue }
            acceptedFingerprints.append(fingerprint)
        }
    }

    /// Runs SSL_do_handshake on whatever input is queued, and completes or fails the handshake.
    func driveHandshake() {
        switch cdtls_conn_handshake(connection) {
        case Int32(CDTLS_OK):
            finishHandshake()
        case Int32(CDTLS_WANT):
            break
        default:
            var index: Int32 = -1
            let alert = String(shimString: cdtls_conn_alert(connection))
            if cdtls_conn_check_fingerprint(connection, &index) == Int32(CDTLS_FP_MISMATCH) {
                fail(.fingerprintMismatch)
            } else if !alert.isEmpty {
                fail(.alertReceived(alert))
            } else {
                fail(.handshakeFailed(String(shimString: cdtls_conn_error(connection))))
            }
        }
    }

    /// The handshake is done: authenticate the peer by fingerprint (RFC 8122 §5) before any
    /// application data is read.
    private func finishHandshake() {
        var index: Int32 = -1
        switch cdtls_conn_check_fingerprint(connection, &index) {
        case Int32(CDTLS_FP_MATCHED) where acceptedFingerprints.indices.contains(Int(index)):
            state = .connected
            retransmitDeadline = nil
            events.append(.connected(remoteFingerprint: acceptedFingerprints[Int(index)]))
        case Int32(CDTLS_FP_NONE_SET):
            abandon(.missingRemoteFingerprint)
        default:
            abandon(.fingerprintMismatch)
        }
    }

    /// Reads the application records of the lent datagram, in order.
    ///
    /// Once connected BoringSSL holds nothing but the rest of that datagram, and the shim says when
    /// it is used up: the loop stops there instead of asking SSL_read once more only to hear "want
    /// read" (~15 % of a record's receive cost, docs/BENCHMARKS.md). That read drove no timer:
    /// BoringSSL checks its timer only in DTLSv1_handle_timeout, which `handleTimeout` calls.
    /// `untilWantRead` reads on to "want read" in the call that completed the handshake, for
    /// records that shared its datagram.
    func readRecords(untilWantRead: Bool) {
        while state == .connected {
            var length = 0
            var more: Int32 = 0
            let capacity = readScratch.count
            let result = readScratch.withUnsafeMutableBufferPointer { buffer in
                cdtls_conn_read(connection, buffer.baseAddress, capacity, &length, &more)
            }
            recordReads += 1
            switch result {
            case Int32(CDTLS_OK):
                events.append(.applicationData(Array(readScratch[0..<length])))
                if more == 0 && !untilWantRead { return }
            case Int32(CDTLS_WANT):
                return
            case Int32(CDTLS_CLOSED):
                state = .closed
                events.append(.closed)
                return
            default:
                let alert = String(shimString: cdtls_conn_alert(connection))
                fail(alert.isEmpty ? .protocolError(String(shimString: cdtls_conn_error(connection)))
                                   : .alertReceived(alert))
                return
            }
        }
    }

    /// Fails after a completed handshake the peer must not use: tell it with `close_notify`.
    func abandon(_ error: DTLSError) {
        _ = cdtls_conn_shutdown(connection)
        fail(error)
    }

    /// Moves to `.failed` and reports `error`; datagrams already queued (alerts) still go out.
    func fail(_ error: DTLSError) {
        state = .failed
        retransmitDeadline = nil
        events.append(.failed(error))
    }

    /// Moves BoringSSL's output into the transmit queue, then updates the retransmission deadline.
    func afterCall(now: RTCInstant) {
        var length = 0
        while let datagram = cdtls_conn_pop_datagram(connection, &length) {
            transmits.append(Array(UnsafeBufferPointer(start: datagram, count: length)))
            cdtls_free_datagram(datagram)
        }
        updateRetransmitDeadline(now: now)
    }
}
