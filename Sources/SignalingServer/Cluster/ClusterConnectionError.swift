/// A PostgreSQL connection of the cluster's own (the NOTIFY sender's, the heartbeat's) failed
/// while the instance runs: a connect past its deadline, or a connection that closed as it was
/// made. The statement fails with it and its caller retries or counts it as it does any database
/// error; nothing here stops the instance (``ClusterStartError`` is for start-up alone).
struct ClusterConnectionError: Error, Sendable, CustomStringConvertible {
    /// What failed, for the log line.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
