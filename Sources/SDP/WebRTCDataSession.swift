/// The data-channel facts of a session description: what a peer needs to start ICE, DTLS and SCTP.
///
/// Extract one with ``init(_:)``; build one into SDP with ``DataChannelSDPBuilder``.
/// Attributes allowed at both levels (ICE credentials and options, fingerprints, setup) are
/// taken from the data-channel m-section when it has them, else from the session level.
public struct WebRTCDataSession: Hashable, Sendable {
    /// The index of the data-channel m-section in ``SessionDescription/media``.
    public var mediaIndex: Int
    /// The `m=` line's port (`9` in WebRTC; `0` marks a rejected or bundle-only section).
    public var port: UInt16
    /// True for the pre-RFC 8841 form, `m=application ... DTLS/SCTP 5000` with `a=sctpmap`.
    public var isLegacySCTPMap: Bool
    /// `a=mid` (RFC 8843 section 5.1 / RFC 5888), if present.
    public var mid: String?
    /// The mids of the first `a=group:BUNDLE` line (RFC 9143 section 7.1), or nil when there is none.
    public var bundleGroup: [String]?
    /// `a=ice-ufrag` (RFC 8839 section 5.4).
    public var iceUsernameFragment: String
    /// `a=ice-pwd` (RFC 8839 section 5.4).
    public var icePassword: String
    /// The tokens of `a=ice-options` (RFC 8839 section 5.6), such as `trickle`.
    public var iceOptions: [String]
    /// Every `a=fingerprint`, in order; never empty.
    public var fingerprints: [SDPFingerprint]
    /// `a=setup`, if present.
    public var setup: DTLSSetupRole?
    /// The SCTP port: `a=sctp-port` (RFC 8841 section 5), the `a=sctpmap` port in the legacy form,
    /// else 5000 (RFC 8841 section 5.1: "If the SDP sctp-port attribute is not present, the
    /// default value is 5000").
    public var sctpPort: UInt16
    /// `a=max-message-size` (RFC 8841 section 6), nil when absent; then the caller assumes 65,535
    /// (RFC 8841 section 6.1). Zero means the peer accepts any size.
    public var maxMessageSize: UInt64?
    /// The raw `a=candidate` attributes in their W3C form, `candidate:<foundation> ...`; parsing
    /// them belongs to the ICE target.
    public var candidates: [String]
    /// True when `a=end-of-candidates` (RFC 8840 section 8.2) is present.
    public var endOfCandidates: Bool

    /// True when `a=ice-options` contains `trickle` (RFC 8840 section 4.1.1).
    public var supportsTrickle: Bool { iceOptions.contains("trickle") }
}
