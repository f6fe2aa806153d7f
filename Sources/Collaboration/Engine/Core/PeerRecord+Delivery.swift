extension PeerRecord {
    /// Reliable channels: numbered into the outbox (kept until acknowledged, bounded) and sent
    /// when the channel is open. Bio and audio: see ``deliverPlain(_:on:limits:)``.
    mutating func deliver(_ bytes: [UInt8], on channel: EngineChannel, limits: EngineLimits) {
        guard !isRefused else { return }
        guard channel.isReliable else {
            deliverPlain(bytes, on: channel, limits: limits)
            return
        }
        // Large payloads shrink for a peer that expands them (its hello said so).
        let bytes = capabilities?.contains(.lz4) == true ? PayloadCompression.compressed(bytes) : bytes
        if outboxes[channel]?.append(bytes) == true { count(channel) { $0.dropped += 1 } }
        pump(channel)
    }

    /// Sends now, unnumbered, or not at all: bio and audio (under their buffered limits) and the
    /// link-local control messages (hello, ping, pong, ack).
    mutating func deliverPlain(_ bytes: [UInt8], on channel: EngineChannel, limits: EngineLimits) {
        guard let link = openLink(for: channel) else {
            count(channel) { $0.dropped += 1 }
            return
        }
        switch channel {
        case .audio where link.bufferedAmount(on: .audio) > limits.audioBufferedBytes,
             .bio where link.bufferedAmount(on: .bio) > limits.bioBufferedBytes:
            count(channel) { $0.dropped += 1 }
            return
        default:
            break
        }
        do {
            try link.send(bytes, on: channel)
            count(channel) { $0.sent += 1 }
        } catch {
            count(channel) { $0.dropped += 1 }
        }
    }

    /// Hands the outbox of a reliable channel to the link, in order, until the link refuses
    /// (queue full: the rest waits for the next tick) or nothing is left.
    mutating func pump(_ channel: EngineChannel) {
        guard let link = openLink(for: channel) else { return }
        while let (bytes, isResend) = outboxes[channel]?.peek() {
            do {
                try link.send(bytes, on: channel)
            } catch {
                return
            }
            outboxes[channel]?.markSent()
            count(channel) { counters in
                if isResend { counters.resent += 1 } else { counters.sent += 1 }
            }
        }
    }

    /// A reliable channel opened on a new link: everything unacknowledged goes out again, oldest first.
    mutating func flushOutbox(_ channel: EngineChannel) {
        guard channel.isReliable else { return }
        outboxes[channel]?.rewind()
        pump(channel)
    }

    /// Tells the peer what arrived of its numbered messages (when that changed), and retries
    /// what a full channel queue refused.
    mutating func acknowledgeAndPump(limits: EngineLimits) {
        var acks: [SequenceAck] = []
        for channel in EngineChannel.allCases where channel.isReliable {
            if let ack = inbound[channel]?.acknowledgement(for: channel) { acks.append(ack) }
            pump(channel)
        }
        if !acks.isEmpty { deliverPlain(ControlMessage.ack(acks).encoded(), on: .control, limits: limits) }
    }

    /// The link was seen up: the backoff starts over.
    mutating func markUp(now: Int64) {
        lastUpAt = now
        restartAttempt = 0
        nextRestartAt = nil
        offeredInOfferersPlace = false
    }

    /// The link, when `channel` is open on it.
    private func openLink(for channel: EngineChannel) -> (any PeerLink)? {
        guard case .linked(let session) = link, session.openChannels.contains(channel) else { return nil }
        return session.link
    }
}
