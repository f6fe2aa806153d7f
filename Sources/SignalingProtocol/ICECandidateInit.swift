/// A trickled ICE candidate in the W3C `RTCIceCandidateInit` shape: `{candidate, sdpMid, sdpMLineIndex}`.
///
/// The server relays it without looking inside; `candidate` is the SDP attribute value
/// (`candidate:...`), or empty for end-of-candidates as browsers send it.
public struct ICECandidateInit: Codable, Hashable, Sendable {
    /// The `candidate:` attribute value.
    public var candidate: String
    /// The media ID the candidate belongs to.
    public var sdpMid: String?
    /// The m-line index the candidate belongs to.
    public var sdpMLineIndex: Int?

    /// Creates a candidate description.
    public init(candidate: String, sdpMid: String? = nil, sdpMLineIndex: Int? = nil) {
        self.candidate = candidate
        self.sdpMid = sdpMid
        self.sdpMLineIndex = sdpMLineIndex
    }

    /// The bytes of text its sender chose (the attribute and the media ID): what it weighs in a
    /// relay beyond a small message.
    package var textBytes: Int { candidate.utf8.count + (sdpMid?.utf8.count ?? 0) }
}
