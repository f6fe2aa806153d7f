import Foundation
import NIOCore
import SignalingProtocol
import Synchronization

/// This instance's connections proxied to their room's home on another instance, with their
/// outboxes, so the LISTEN task can hand the home's `output` envelopes straight to them without
/// a hop through the hub. The hub keeps it in step with ``HubCluster/attached``; it holds one
/// entry per open connection at most, so `--max-connections` bounds it.
final class ProxiedConnections: Sendable {
    private struct Entry: Sendable {
        let home: UUID
        let outbox: ConnectionOutbox
    }

    private let entries = Mutex<[UInt64: Entry]>([:])

    /// Connection `id`'s messages come from instance `home` from now on.
    func attach(_ id: ConnectionID, home: UUID, outbox: ConnectionOutbox) {
        entries.withLock { $0[id.raw] = Entry(home: home, outbox: outbox) }
    }

    /// Connection `id` is no longer proxied (gone, failed to join, or its home died).
    func detach(_ id: ConnectionID) {
        entries.withLock { $0[id.raw] = nil }
    }

    /// The outbox of connection `connection` when it is proxied to `home`.
    func outbox(of connection: UInt64, home: UUID) -> ConnectionOutbox? {
        entries.withLock { entries in
            guard let entry = entries[connection], entry.home == home else { return nil }
            return entry.outbox
        }
    }

    /// Hands an `output` envelope (one line of a notification from `home`) to its connection's
    /// outbox. A relay the strict scanner reads goes with its JSON as the home wrote it, not
    /// encoded again: it holds no other key and no key twice, so the client reads just what was
    /// checked. Any other message that decodes is written anew, as the hub would (`JSONDecoder`
    /// skips unknown keys and keeps the first of a repeated one, a browser the last). Nil when the
    /// line is any other envelope, names no connection proxied to `home`, or carries a message
    /// that does not decode: the hub's path then handles (or rejects) it. The writer's wake-up,
    /// when the message needs one, goes into `wakes` for the caller to call after the notification.
    func deliver(
        _ line: Substring, from home: UUID, metrics: SignalingMetrics, wakes: inout [@Sendable () -> Void]
    ) -> DirectDelivery? {
        let found = line.utf8.withContiguousStorageIfAvailable { bytes -> (DirectDelivery, (@Sendable () -> Void)?)? in
            guard let (connection, range) = ClusterEnvelope.relayedOutput(bytes),
                let outbox = outbox(of: connection, home: home)
            else { return nil }
            let text = UnsafeBufferPointer(rebasing: bytes[range])
            let message: ServerMessage
            let item: OutboundItem
            if let relay = ServerMessage.scannedRelay(utf8: UnsafeRawBufferPointer(text)) {
                (message, item) = (relay, .text(ByteBuffer(bytes: text)))
            } else if let decoded = try? ServerMessage.decode(Data(text)) {
                (message, item) = (decoded, .message(decoded))
            } else {
                return nil
            }
            let (result, wake) = outbox.yieldLeavingWake(item)
            metrics.count(message, result)
            return (result == .dropped ? .overflowed(ConnectionID(raw: connection)) : .handled, wake)
        }
        guard let (delivery, wake) = found ?? nil else { return nil }
        if let wake { wakes.append(wake) }
        return delivery
    }
}
