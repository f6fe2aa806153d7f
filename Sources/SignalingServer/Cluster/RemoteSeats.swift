import Foundation
import Prometheus
import SignalingProtocol
import Synchronization

/// The relay seats of connections proxied here from other instances (members of rooms homed
/// here), so the LISTEN task can hand their offers, answers and candidates to their targets as
/// their own socket task would, without a hop through the hub. The hub opens one with each proxy
/// and closes it when the proxy goes; one per proxied connection, so the other instances'
/// `--max-connections` bound it.
final class RemoteSeats: Sendable {
    private let seats = Mutex<[RemoteConnection: RelaySeat]>([:])

    func open(_ remote: RemoteConnection, _ seat: RelaySeat) {
        seats.withLock { $0[remote] = seat }
    }

    func close(_ remote: RemoteConnection) {
        seats.withLock { $0[remote] = nil }
    }

    /// Relays an `input` envelope (one line of a notification from `instance`) through its
    /// connection's seat. An offer or answer in the form the other instance's writer gives it
    /// passes through with its sender stamped (``RelayPassThrough``), its SDP neither decoded nor
    /// encoded again; any other message is decoded first. Nil when the line is anything else (or
    /// carries an attachment or a request), names no proxied connection, holds a message that
    /// does not decode, or the seat declines it: the hub's path then handles it.
    func relay(_ line: Substring, from instance: UUID, metrics: SignalingMetrics) -> DirectDelivery? {
        let found = line.utf8.withContiguousStorageIfAvailable { bytes -> RelayOutcome? in
            guard let (connection, range) = ClusterEnvelope.relayedInput(bytes),
                let seat = seats.withLock({ $0[RemoteConnection(instance: instance, connection: connection)] })
            else { return nil }
            let text = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range]))
            if let passed = try? RelayPassThrough(clientJSON: text) {
                return seat.relay(passed, received: .now)
            }
            guard let message = try? ClientMessage.decode(utf8: text) else { return nil }
            return seat.relay(message, received: .now)
        }
        guard let outcome = found ?? nil else { return nil }
        switch outcome {
        case .delivered:
            metrics.relayed.increment()
            return .handled
        case .forwarded:
            return .handled
        case .discarded:
            metrics.discarded.increment()
            return .handled
        case .overflowed(let target):
            return .overflowed(target)
        case .declined:
            return nil
        }
    }
}
