public import ICE
public import RTCBase
import STUN

/// What every sans-IO core of this package offers its driver, in the shape of str0m's
/// `handle_input` / `poll_output`: inputs with the time in, then outputs polled until a timeout.
///
/// ``UDPDriver`` runs any such core over UDP sockets and the TCP/TLS connections TURN asks for;
/// ``ICE/ICEAgent`` and WebRTC's `PeerConnectionCore` are the two it runs.
public protocol SansIOCore {
    /// What the core reports to its owner.
    associatedtype Event
    /// One input at `now`.
    mutating func handle(_ input: SansIOInput, now: RTCInstant)
    /// The next output: a datagram or stream frame to send, an event, or, once both are drained,
    /// when to feed ``SansIOInput/timeout`` next (`nil`: nothing scheduled).
    mutating func pollOutput() -> SansIOOutput<Event>
    /// The TCP/TLS connections to TURN servers the core needs now; the driver closes the others.
    var relayConnections: [RelayConnection] { get }
}

/// An input to a ``SansIOCore``.
public enum SansIOInput {
    /// A datagram from `from`, read on the socket bound to `to`.
    case datagram([UInt8], from: TransportAddress, to: TransportAddress)
    /// Bytes read from a TURN server's TCP/TLS connection.
    case streamBytes([UInt8], on: RelayConnection)
    /// That connection ended, or could not be opened.
    case streamClosed(RelayConnection, reason: String)
    /// The instant the core last asked for has come.
    case timeout
}

/// An output of a ``SansIOCore``.
public enum SansIOOutput<Event> {
    /// Send this: a datagram from its `source` socket, or a frame on its `connection`.
    case transmit(Transmit)
    /// Report this to the owner.
    case event(Event)
    /// Nothing more to send or report; call again with ``SansIOInput/timeout`` at this instant.
    case timeout(RTCInstant?)
}

extension ICEAgent: SansIOCore {
    public mutating func handle(_ input: SansIOInput, now: RTCInstant) {
        switch input {
        case .datagram(let bytes, let from, let to): handle(bytes, from: from, to: to, now: now)
        case .streamBytes(let bytes, let connection): handle(streamBytes: bytes, on: connection, now: now)
        case .streamClosed(let connection, let reason): handleConnectionClosed(connection, reason: reason, now: now)
        case .timeout: handleTimeout(now: now)
        }
    }

    public mutating func pollOutput() -> SansIOOutput<ICEEvent> {
        if let transmit = pollTransmit() { return .transmit(transmit) }
        if let event = pollEvent() { return .event(event) }
        return .timeout(pollTimeout())
    }
}
