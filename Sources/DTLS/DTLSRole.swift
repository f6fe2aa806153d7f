/// Which side of the DTLS handshake an endpoint plays.
///
/// The PeerConnection derives it from SDP `a=setup` (RFC 8842 §5, RFC 4145 §4): the offerer says
/// `actpass`; an answerer that says `active` is the DTLS client and the offerer is then the server
/// (and the reverse for `passive`).
public enum DTLSRole: Sendable, Hashable {
    /// Sends the ClientHello (`a=setup:active`).
    case client
    /// Waits for the ClientHello (`a=setup:passive`).
    case server
}
