/// The W3C `RTCSdpType` values a data-channel peer exchanges.
public enum RTCSDPType: String, Hashable, Sendable, Codable {
    /// An offer (JSEP, RFC 8829 §5.2).
    case offer
    /// A final answer (RFC 8829 §5.3).
    case answer
}
