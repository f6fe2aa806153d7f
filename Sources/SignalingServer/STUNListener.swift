/// Where `collab serve` answers STUN Binding requests (so clients learn their public address
/// without a separate STUN server).
public enum STUNListener: Hashable, Sendable {
    /// No STUN responder.
    case off
    /// UDP on the same port number as the HTTP listener: one number to open in a firewall, and
    /// never a clash with a coturn on 3478.
    case sameAsHTTP
    /// UDP on this port (0 picks a free one).
    case port(Int)
}
