/// A client statement refused at once: as many as ``ClusterSettings/maxPendingStatements`` are
/// already running or waiting for one of the pool's connections. The caller answers its client
/// "try again" (as for a database that is away) rather than queue without bound behind a
/// database that has fallen behind.
struct ClusterPoolBusy: Error, CustomStringConvertible {
    /// The bound that was reached.
    let pending: Int

    var description: String {
        "PostgreSQL pool busy: \(pending) statements already running or waiting"
    }
}
