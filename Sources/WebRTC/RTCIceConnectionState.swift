package import ICE

/// W3C `RTCIceConnectionState`.
public enum RTCIceConnectionState: String, Hashable, Sendable {
    /// Nothing gathered or checked yet.
    case new
    /// Checks are running and no pair works yet.
    case checking
    /// A pair works; checks may still run.
    case connected
    /// Checking has finished with a nominated pair.
    case completed
    /// Consent was lost on the selected pair (RFC 7675); it may come back, or an ICE restart may
    /// find another path.
    case disconnected
    /// Every pair failed, or consent expired.
    case failed
    /// The connection was closed.
    case closed

    package init(_ state: ICEConnectionState) {
        switch state {
        case .new: self = .new
        case .checking: self = .checking
        case .connected: self = .connected
        case .completed: self = .completed
        case .disconnected: self = .disconnected
        case .failed: self = .failed
        case .closed: self = .closed
        }
    }
}
