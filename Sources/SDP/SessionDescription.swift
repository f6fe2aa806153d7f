/// A session description: the session-level lines and the media sections, line by line.
///
/// This is a generic, lossless model of RFC 8866 text. It checks only line structure
/// (`<type>=<value>`, the `v=` line and the `m=` lines), keeps every other line verbatim, and
/// leaves meaning to typed views such as ``WebRTCDataSession``. It never touches I/O.
///
/// ```
/// v=0                                   <- sessionLines
/// o=- 4611731400430051336 2 IN IP4 127.0.0.1
/// s=-
/// t=0 0
/// a=group:BUNDLE 0
/// m=application 9 UDP/DTLS/SCTP webrtc-datachannel   <- media[0]
/// c=IN IP4 0.0.0.0                                   <- media[0].lines
/// a=mid:0
/// ```
public struct SessionDescription: Hashable, Sendable {
    /// The lines before the first `m=` line, starting with `v=0`.
    public var sessionLines: [SDPLine]
    /// The media sections, in order.
    public var media: [MediaDescription]

    /// Creates a description from its parts.
    public init(sessionLines: [SDPLine], media: [MediaDescription] = []) {
        self.sessionLines = sessionLines
        self.media = media
    }

    /// The values of every session-level attribute called `name`, in order; nil for property attributes.
    public func attributeValues(_ name: String) -> [String?] {
        sessionLines.compactMap { $0.attributeValue(named: name) }
    }
}
