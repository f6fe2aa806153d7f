public import RTCDriver
public import RTCBase

/// The connection is driven like every core: ``RTCDriver/UDPDriver`` runs it.
extension PeerConnectionCore: SansIOCore {
    public func handle(_ input: SansIOInput, now: RTCInstant) {
        switch input {
        case .datagram(let bytes, let from, let to): handle(datagram: bytes, from: from, to: to, now: now)
        case .streamBytes(let bytes, let connection): handle(streamBytes: bytes, on: connection, now: now)
        case .streamClosed(let connection, let reason): handleConnectionClosed(connection, reason: reason, now: now)
        case .timeout: handleTimeout(now: now)
        }
    }

    public func pollOutput() -> SansIOOutput<PeerConnectionEvent> {
        if let transmit = pollTransmit() { return .transmit(transmit) }
        if let event = pollEvent() { return .event(event) }
        return .timeout(pollTimeout())
    }
}
