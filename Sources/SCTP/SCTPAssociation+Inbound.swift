import CUsrsctp
import Synchronization
import RTCBase

extension SCTPAssociation {
    /// Runs `body` (which calls into usrsctp) as one call of the owner: marks the mailbox busy so
    /// output produced meanwhile needs no foreign hook, runs usrsctp's due timers (global, on the
    /// real clock), then turns what the callbacks queued into events.
    func perform(_ now: RTCInstant, _ body: () -> Void) {
        if let lastNow, lastNow >= now {} else { lastNow = now }
        mailbox.state.withLock { $0.ownerBusy = true }
        SCTPStack.advanceTimers()
        body()
        processInbound()
        mailbox.state.withLock { $0.ownerBusy = false }
        SCTPStack.firePendingHooks()
    }

    /// Hands one packet to usrsctp. Only on the owner's thread and never from a usrsctp callback
    /// (conninput from inside the output callback deadlocks).
    func input(_ packet: [UInt8]) {
        packet.withUnsafeBytes { bytes in
            // 0: dropped for a wrong checksum (RFC 9260 §6.8), like any other bad packet.
            _ = cusrsctp_conninput(token, bytes.baseAddress, bytes.count)
        }
    }

    /// Turns queued callback output into state changes and events, in arrival order.
    func processInbound() {
        let (items, sendBufferFree) = mailbox.takeInbound()
        for item in items {
            guard socket != nil else { break }
            switch item {
            case .data(let stream, let ppid, let bytes, let endOfRecord):
                if let message = reassembly.add(stream: stream, ppid: ppid, bytes: bytes, endOfRecord: endOfRecord) {
                    events.append(.message(stream: stream, ppid: ppid, data: message))
                }
            case .communicationUp(let outbound, let inbound):
                outboundStreams = outbound
                inboundStreams = inbound
                if state == .connecting {
                    state = .connected
                    events.append(.connected)
                }
            case .communicationLost(let byPeer):
                // An ABORT from the peer (or after our own close) ends the association normally;
                // otherwise the retransmission limit was reached (RFC 9260 §8.1).
                finish(byPeer || closeRequested ? .closed : .failed(.connectionLost), abort: true)
            case .shutdownComplete:
                finish(.closed, abort: false)
            case .cannotStart:
                finish(.failed(.initFailed("no answer to INIT/COOKIE-ECHO (RFC 9260 §5.1)")), abort: true)
            case .streamReset(let flags, let streams):
                let refused = UInt32(CUSRSCTP_RESET_DENIED.rawValue | CUSRSCTP_RESET_FAILED.rawValue)
                guard flags & refused == 0 else { continue }
                if flags & UInt32(CUSRSCTP_RESET_INCOMING.rawValue) != 0 {
                    events.append(.incomingStreamsReset(streams))
                }
                if flags & UInt32(CUSRSCTP_RESET_OUTGOING.rawValue) != 0 {
                    events.append(.outgoingStreamsReset(streams))
                }
            case .senderDry:
                queuedBytes = 0
            case .partialDeliveryAborted:
                reassembly.reset()
            }
        }
        guard socket != nil else { return }
        if let sendBufferFree {
            queuedBytes = max(0, configuration.sendBufferSize - Int(sendBufferFree))
        }
        if aboveLowThreshold, queuedBytes <= bufferedAmountLowThreshold {
            aboveLowThreshold = false
            events.append(.bufferedAmountLow)
        }
    }

    /// Ends the association: closes the usrsctp socket (with an ABORT if `abort` and the association
    /// is still alive), forgets the token, and reports `outcome`. Packets the close produced (the
    /// ABORT) are already queued for `pollTransmit`.
    func finish(_ outcome: SCTPEvent, abort: Bool) {
        guard let socket else { return }
        self.socket = nil
        cusrsctp_close(socket, abort ? 1 : 0)
        cusrsctp_deregister(token)
        SCTPStack.unregister(token)
        _ = mailbox.takeInbound()
        reassembly.reset()
        heldPackets = []
        closeDeadline = nil
        queuedBytes = 0
        aboveLowThreshold = false
        if case .failed = outcome {
            state = .failed
        } else {
            state = .closed
        }
        events.append(outcome)
    }

    /// Ends the association with `.failed(error)`.
    func fail(_ error: SCTPError) {
        finish(.failed(error), abort: true)
    }
}
