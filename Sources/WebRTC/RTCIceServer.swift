/// A STUN or TURN server as the W3C `RTCIceServer` names it: URLs and, for TURN, credentials.
///
/// URLs follow RFC 7064 and RFC 7065 (`stun:host:port`, `turn:host:port?transport=udp|tcp`,
/// `turns:host:port`); host names are resolved when the connection is made and again at each ICE
/// restart that is given servers. A URL that is malformed, unsupported or does not resolve is
/// logged and skipped, as browsers do.
public struct RTCIceServer: Hashable, Sendable {
    /// One or more URLs of the same server.
    public var urls: [String]
    /// TURN username.
    public var username: String?
    /// TURN password.
    public var credential: String?

    /// Creates a server entry.
    public init(urls: [String], username: String? = nil, credential: String? = nil) {
        self.urls = urls
        self.username = username
        self.credential = credential
    }
}
