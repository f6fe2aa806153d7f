import RTCBase
import Synchronization

/// When the phases of `collab bench peer`'s connect were reached, in seconds from its start, as
/// the offerer's events report them: on the loop from its event handler, or a task wake-up late
/// (tens of microseconds) from its event stream with `--event-tasks`.
final class ConnectPhases: Sendable {
    enum Phase {
        case signaled
        case iceConnected
        case dtlsConnected
    }

    struct Marks {
        var signaled = Double.nan
        var iceConnected = Double.nan
        var dtlsConnected = Double.nan
    }

    private let state = Mutex(Marks())

    var marks: Marks { state.withLock { $0 } }

    /// Records `phase` the first time it is reached.
    func mark(_ phase: Phase, since start: ContinuousClock.Instant) {
        let seconds = (ContinuousClock.now - start).rtcSeconds
        state.withLock { marks in
            switch phase {
            case .signaled where marks.signaled.isNaN: marks.signaled = seconds
            case .iceConnected where marks.iceConnected.isNaN: marks.iceConnected = seconds
            case .dtlsConnected where marks.dtlsConnected.isNaN: marks.dtlsConnected = seconds
            default: break
            }
        }
    }
}
