/// Builds the offer or answer for a session with one data-channel m-section, the shape JSEP
/// (RFC 8829) gives a data-channel-only `RTCPeerConnection`.
///
/// ```
/// v=0
/// o=- <sessionID> <sessionVersion> IN IP4 127.0.0.1
/// s=-
/// t=0 0
/// a=group:BUNDLE 0
/// a=msid-semantic: WMS                               (optional)
/// m=application 9 UDP/DTLS/SCTP webrtc-datachannel
/// c=IN IP4 0.0.0.0
/// a=ice-ufrag:<ufrag>
/// a=ice-pwd:<pwd>
/// a=ice-options:trickle
/// a=fingerprint:<algorithm> <hex>                    (one per fingerprint)
/// a=setup:actpass | active | passive
/// a=mid:0
/// a=sctp-port:5000
/// a=max-message-size:262144
/// a=candidate:...                                    (one per candidate)
/// a=end-of-candidates                                (optional)
/// ```
///
/// The session ID is an argument: randomness belongs to the caller.
public struct DataChannelSDPBuilder: Hashable, Sendable {
    /// Whether the description is an offer or an answer; this fixes `a=setup`.
    public enum Kind: Hashable, Sendable {
        /// An offer: `a=setup:actpass` (RFC 8842 section 5.2: the offerer "MUST insert ... 'actpass'").
        case offer
        /// An answer taking the DTLS client role: `a=setup:active`.
        case answerActive
        /// An answer taking the DTLS server role: `a=setup:passive`.
        case answerPassive

        /// The `a=setup` role this kind carries.
        public var setup: DTLSSetupRole {
            switch self {
            case .offer: .actpass
            case .answerActive: .active
            case .answerPassive: .passive
            }
        }
    }

    /// Offer or answer.
    public var kind: Kind
    /// `a=ice-ufrag`; RFC 8839 section 5.4 wants 4 to 256 `ice-char`s.
    public var iceUsernameFragment: String
    /// `a=ice-pwd`; RFC 8839 section 5.4 wants 22 to 256 `ice-char`s.
    public var icePassword: String
    /// The DTLS certificate fingerprints; at least one.
    public var fingerprints: [SDPFingerprint]
    /// `a=mid` and the only member of the BUNDLE group.
    public var mid: String = "0"
    /// `a=sctp-port`.
    public var sctpPort: UInt16 = 5000
    /// `a=max-message-size`.
    public var maxMessageSize: UInt64 = 262_144
    /// Candidates in W3C form (`candidate:...`); a bare value without the prefix is accepted too.
    public var candidates: [String] = []
    /// Whether to end with `a=end-of-candidates` (gathering is complete).
    public var endOfCandidates: Bool = false
    /// Whether to add `a=msid-semantic: WMS`, which Chromium emits and nothing requires.
    public var includeMSIDSemantic: Bool = false

    /// Creates a builder with the defaults above.
    public init(
        kind: Kind,
        iceUsernameFragment: String,
        icePassword: String,
        fingerprints: [SDPFingerprint]
    ) {
        self.kind = kind
        self.iceUsernameFragment = iceUsernameFragment
        self.icePassword = icePassword
        self.fingerprints = fingerprints
    }

    /// Builds the description.
    ///
    /// - Parameters:
    ///   - sessionID: the `o=` sess-id; RFC 8829 section 5.2.1: "MUST be representable by a 64-bit
    ///     signed integer"; pick it at random once per session.
    ///   - sessionVersion: the `o=` sess-version; increment it for every new description of the session.
    /// - Precondition: `fingerprints` is not empty and `sessionID` fits in a signed 64-bit integer.
    public func build(sessionID: UInt64, sessionVersion: UInt64) -> SessionDescription {
        precondition(!fingerprints.isEmpty, "a WebRTC description needs at least one fingerprint")
        precondition(sessionID <= UInt64(Int64.max), "RFC 8829 5.2.1: sess-id must fit a signed 64-bit integer")

        var session: [SDPLine] = [
            SDPLine(type: "v", value: "0"),
            SDPLine(type: "o", value: "- \(sessionID) \(sessionVersion) IN IP4 127.0.0.1"),
            SDPLine(type: "s", value: "-"),
            SDPLine(type: "t", value: "0 0"),
            .attribute("group", "BUNDLE \(mid)"),
        ]
        if includeMSIDSemantic { session.append(.attribute("msid-semantic", " WMS")) }

        var lines: [SDPLine] = [
            SDPLine(type: "c", value: "IN IP4 0.0.0.0"),
            .attribute("ice-ufrag", iceUsernameFragment),
            .attribute("ice-pwd", icePassword),
            .attribute("ice-options", "trickle"),
        ]
        lines += fingerprints.map { .attribute("fingerprint", $0.attributeValue) }
        lines += [
            .attribute("setup", kind.setup.rawValue),
            .attribute("mid", mid),
            .attribute("sctp-port", "\(sctpPort)"),
            .attribute("max-message-size", "\(maxMessageSize)"),
        ]
        lines += candidates.map { candidate in
            .attribute("candidate", candidate.hasPrefix("candidate:") ? String(candidate.dropFirst(10)) : candidate)
        }
        if endOfCandidates { lines.append(.attribute("end-of-candidates")) }

        let section = MediaDescription(
            media: "application",
            port: 9,
            proto: "UDP/DTLS/SCTP",
            formats: ["webrtc-datachannel"],
            lines: lines
        )
        return SessionDescription(sessionLines: session, media: [section])
    }
}
