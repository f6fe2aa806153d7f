/// A description handed to or produced by a ``PeerConnection``: the W3C `RTCSessionDescriptionInit`.
public struct RTCSessionDescription: Hashable, Sendable, Codable {
    /// Offer or answer.
    public var type: RTCSDPType
    /// The SDP text (RFC 8866), CRLF line endings.
    public var sdp: String

    /// Creates a description.
    public init(type: RTCSDPType, sdp: String) {
        self.type = type
        self.sdp = sdp
    }
}
