import Foundation

/// What the hub keeps when it shares rooms with other instances.
struct HubCluster: Sendable {
    let link: ClusterLink
    /// Local connections whose room lives on another instance: their messages go there.
    var attached: [ConnectionID: UUID] = [:]
    /// Connections of other instances in rooms homed here, as this state machine knows them.
    var remotes: [RemoteConnection: ConnectionID] = [:]
    var remoteOf: [ConnectionID: RemoteConnection] = [:]
    /// Joins forwarded to another instance, waiting for its ``ClusterEnvelope/joinResult``.
    var waiters: [UInt64: CheckedContinuation<Bool?, Never>] = [:]
    var nextRequest: UInt64 = 0

    init(link: ClusterLink) {
        self.link = link
    }
}
