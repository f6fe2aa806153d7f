/// The handshake retransmission timer (RFC 6347 §4.2.4.1) and the overall handshake deadline.
///
/// RFC 6347 §4.2.4.1: "Implementations SHOULD use an initial timer value of 1 second (the minimum
/// defined in RFC 6298) and double the value at each retransmission, up to no less than the RFC
/// 6298 maximum of 60 seconds."
///
/// The default starts at 500 ms rather than 1 s: the handshake runs only after ICE has proved
/// the path with a round trip, data-channel peers are interactive (a lost first flight would
/// otherwise cost a whole second of "joining"), and the doubling still backs off quickly.
/// Chrome (50 ms) and Pion (1 s) bracket this choice.
public struct DTLSHandshakeTiming: Sendable, Hashable {
    /// The timeout armed when a new flight is sent.
    public var initialTimeout: Duration
    /// The cap of the doubling.
    public var maximumTimeout: Duration
    /// Give up with `.failed(.handshakeTimeout)` once this long has passed since `start(now:)`
    /// without the handshake completing.
    public var handshakeTimeout: Duration

    /// Creates a timing policy.
    public init(initialTimeout: Duration = .milliseconds(500), maximumTimeout: Duration = .seconds(60),
                handshakeTimeout: Duration = .seconds(30)) {
        self.initialTimeout = initialTimeout
        self.maximumTimeout = maximumTimeout
        self.handshakeTimeout = handshakeTimeout
    }

    /// 500 ms initial, doubling to at most 60 s, giving up after 30 s.
    public static let `default` = DTLSHandshakeTiming()
}
