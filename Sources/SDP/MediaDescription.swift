/// One media section: its `m=` line and the lines that follow it up to the next `m=` line.
///
/// RFC 8866 section 5.14: `m=<media> <port>/<number of ports> <proto> <fmt> ...`.
public struct MediaDescription: Hashable, Sendable {
    /// The media type, such as `application`.
    public var media: String
    /// The transport port; `9` (discard) in WebRTC, where ICE picks the real one.
    public var port: UInt16
    /// The optional `/<number of ports>` suffix of the port.
    public var portCount: UInt16?
    /// The transport protocol, such as `UDP/DTLS/SCTP`.
    public var proto: String
    /// The media format descriptions, such as `webrtc-datachannel`; never empty after parsing.
    public var formats: [String]
    /// The lines after the `m=` line, in order, unknown ones included.
    public var lines: [SDPLine]

    /// Creates a media section.
    public init(
        media: String,
        port: UInt16,
        portCount: UInt16? = nil,
        proto: String,
        formats: [String],
        lines: [SDPLine] = []
    ) {
        self.media = media
        self.port = port
        self.portCount = portCount
        self.proto = proto
        self.formats = formats
        self.lines = lines
    }

    /// The `m=` line's value, as serialized.
    public var mediaLineValue: String {
        let port = portCount.map { "\(self.port)/\($0)" } ?? "\(self.port)"
        return ([media, port, proto] + formats).joined(separator: " ")
    }

    /// The values of every attribute called `name` in this section, in order; nil for property attributes.
    public func attributeValues(_ name: String) -> [String?] {
        lines.compactMap { $0.attributeValue(named: name) }
    }
}
