import Foundation

/// A connection held by another instance, proxied into this instance's state machine.
struct RemoteConnection: Hashable, Sendable {
    let instance: UUID
    let connection: UInt64
}
