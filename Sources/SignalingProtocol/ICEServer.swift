/// A STUN or TURN server in the W3C `RTCIceServer` shape, as the signaling server hands them out.
public struct ICEServer: Codable, Hashable, Sendable {
    /// `stun:` / `turn:` URLs.
    public var urls: [String]
    /// TURN username (coturn REST scheme: `expiry:participantID`).
    public var username: String?
    /// TURN password (base64 HMAC-SHA1 of the username under the shared secret).
    public var credential: String?

    /// Creates a server description.
    public init(urls: [String], username: String? = nil, credential: String? = nil) {
        self.urls = urls
        self.username = username
        self.credential = credential
    }
}
