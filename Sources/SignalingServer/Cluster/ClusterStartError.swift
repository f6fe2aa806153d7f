/// The cluster could not start: the message says what to fix. Only start-up throws it (a
/// failure once running is a ``ClusterConnectionError`` or the database's own error).
struct ClusterStartError: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
