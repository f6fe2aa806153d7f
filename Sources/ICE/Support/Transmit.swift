public import STUN

/// A datagram a core wants sent: from which local socket, to where, and the bytes.
public struct Transmit: Hashable, Sendable, CustomStringConvertible {
    /// The local socket address to send from (a host candidate's base).
    public var source: SocketAddress
    /// The remote address.
    public var destination: SocketAddress
    /// The UDP payload.
    public var payload: [UInt8]

    /// Creates a transmit.
    public init(source: SocketAddress, destination: SocketAddress, payload: [UInt8]) {
        self.source = source
        self.destination = destination
        self.payload = payload
    }

    /// `source -> destination (N bytes)`.
    public var description: String { "\(source) -> \(destination) (\(payload.count) bytes)" }
}
