/// Why an SDP text could not be parsed, or why a parsed description is not a usable
/// WebRTC data-channel session.
///
/// Bad input from the network is always one of these values; the parser never traps on it.
/// Line numbers are 1-based and count every `\n`-terminated line of the input, blank ones included.
public enum SDPError: Error, Hashable, Sendable {
    // MARK: Limits

    /// The input is larger than ``SessionDescription/maximumByteCount``.
    case inputTooLarge(byteCount: Int)
    /// The input has more than ``SessionDescription/maximumLineCount`` lines.
    case tooManyLines
    /// The `m=` line at `line` would exceed ``SessionDescription/maximumMediaCount`` media sections.
    case tooManyMediaSections(line: Int)

    // MARK: Line level (RFC 8866 section 5)

    /// The input has no lines at all.
    case emptyInput
    /// The first line is not a `v=` line ("An SDP description ... begins with a `v=` line").
    case missingVersion(line: Int)
    /// The `v=` line does not carry version `0`.
    case unsupportedVersion(line: Int)
    /// A line has no `=`.
    case missingEquals(line: Int)
    /// The text before `=` is not a single lowercase ASCII letter.
    case invalidLineType(line: Int)
    /// An `m=` line lacks one of `<media> <port> <proto> <fmt>`.
    case malformedMediaLine(line: Int)
    /// An `m=` line's port (or port count) is not a decimal number in 0...65535.
    case invalidPort(line: Int)

    // MARK: Data-channel view (RFC 8841, RFC 8839, RFC 8122, RFC 4145)

    /// No `m=application` section carries a WebRTC data channel.
    case noDataChannelMedia
    /// Neither the data-channel m-section nor the session carries `a=ice-ufrag`.
    case missingICEUsernameFragment
    /// Neither the data-channel m-section nor the session carries `a=ice-pwd`.
    case missingICEPassword
    /// `a=ice-ufrag` or `a=ice-pwd` has the wrong length or characters.
    case invalidICECredential(String)
    /// Neither the data-channel m-section nor the session carries `a=fingerprint`.
    case missingFingerprint
    /// An `a=fingerprint` value is not `<hash-func> <hex pairs separated by ':'>`.
    case invalidFingerprint(String)
    /// An `a=setup` value is not one of active, passive, actpass, holdconn.
    case invalidSetup(String)
    /// An `a=sctp-port` value is not a number in 0...65535.
    case invalidSCTPPort(String)
    /// An `a=max-message-size` value is not a decimal number.
    case invalidMaxMessageSize(String)
    /// A legacy `a=sctpmap` value is not `<port> webrtc-datachannel [<streams>]`.
    case invalidSCTPMap(String)
}
