/// The `a=setup` attribute: which side opens the DTLS connection.
///
/// RFC 4145 section 4: `setup-attr = "a=setup:" role`, `role = "active" / "passive" / "actpass" / "holdconn"`.
/// RFC 8842 section 5.2: the offerer "MUST insert an SDP 'setup' attribute with an 'actpass'
/// attribute value"; the answerer picks `active` or `passive`.
public enum DTLSSetupRole: String, Hashable, Sendable, CaseIterable {
    /// The endpoint initiates the DTLS handshake (the DTLS client).
    case active
    /// The endpoint waits for the handshake (the DTLS server).
    case passive
    /// The endpoint can take either role; what an offer carries.
    case actpass
    /// The endpoint does not want a connection for now.
    case holdconn
}
