package import ICE

/// W3C `RTCIceGatheringState`.
public enum RTCIceGatheringState: String, Hashable, Sendable {
    /// Gathering has not started.
    case new
    /// Candidates are being gathered.
    case gathering
    /// Every server answered or timed out.
    case complete

    package init(_ state: ICEGatheringState) {
        switch state {
        case .new: self = .new
        case .gathering: self = .gathering
        case .complete: self = .complete
        }
    }
}
