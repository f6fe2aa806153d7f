import Prometheus
import SignalingProtocol

extension SignalingMetrics {
    /// Counts what became of `message` handed to a connection's outbox: a relay or an error
    /// queued, or a message dropped (queue full) or discarded (connection closing).
    func count(_ message: ServerMessage, _ result: ConnectionOutbox.YieldResult) {
        switch result {
        case .enqueued:
            switch message {
            case .offer, .answer, .candidate: relayed.increment()
            case .error(let error): self.error(error.code)
            default: break
            }
        case .dropped: dropped.increment()
        case .closing: discarded.increment()
        case .terminated: break
        }
    }
}
