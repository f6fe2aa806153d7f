import Foundation

/// What the hub keeps when it shares rooms with other instances.
struct HubCluster: Sendable {
    let link: ClusterLink
    /// Local connections whose room lives on another instance: their messages go there. Changed
    /// only through ``attach(_:to:outbox:)`` and ``detach(_:)``, which keep the link's
    /// ``ProxiedConnections`` (the LISTEN task's copy) in step.
    private(set) var attached: [ConnectionID: UUID] = [:]
    /// Connections of other instances in rooms homed here, as this state machine knows them.
    var remotes: [RemoteConnection: ConnectionID] = [:]
    var remoteOf: [ConnectionID: RemoteConnection] = [:]
    /// Joins forwarded to another instance, waiting for its ``ClusterEnvelope/joinResult``.
    var waiters: [UInt64: CheckedContinuation<Bool?, Never>] = [:]
    var nextRequest: UInt64 = 0
    /// The forwarded join each waiting connection is in.
    var joining: [ConnectionID: UInt64] = [:]
    /// Adoptions of a dead instance's rooms under way: a join waits for one rather than racing it.
    var adoptions: [UUID: Task<Void, Never>] = [:]

    init(link: ClusterLink) {
        self.link = link
    }

    /// Connection `id`'s messages go to instance `home`, and what `home` sends it to `outbox`.
    mutating func attach(_ id: ConnectionID, to home: UUID, outbox: ConnectionOutbox) {
        attached[id] = home
        link.proxied.attach(id, home: home, outbox: outbox)
    }

    /// Connection `id` is no longer proxied; the home it was proxied to, if any.
    @discardableResult
    mutating func detach(_ id: ConnectionID) -> UUID? {
        link.proxied.detach(id)
        return attached.removeValue(forKey: id)
    }
}
