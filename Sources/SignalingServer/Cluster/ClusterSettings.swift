public import Foundation

/// How one `collab serve` instance shares rooms with others through PostgreSQL (`--postgres`).
public struct ClusterSettings: Sendable {
    /// The shared database.
    public var postgres: PostgresURL
    /// This instance's identity in the database; random per process, so a restarted instance is a new one.
    public var instanceID = UUID()
    /// How often this instance marks itself alive and looks for dead ones.
    public var heartbeatInterval: Duration = .seconds(1)
    /// An instance silent this long is dead: others adopt its rooms and drop its participants
    /// (who then resume elsewhere within the resume grace).
    public var deadAfter: Duration = .seconds(5)
    /// Least time between the starts of two NOTIFY statements of this instance: what queues
    /// meanwhile goes in one commit, so under load each commit carries many envelopes. A statement
    /// that takes longer lets the next start as soon as it ends (`NotifyPacer`).
    public var notifyInterval: Duration = .milliseconds(1)
    /// Benchmarks only, every instance on one machine: stamp each NOTIFY payload with the sender's
    /// monotonic clock, so the receiver times PostgreSQL's delivery
    /// (`collab_cluster_delivery_seconds`). Instances without it refuse stamped payloads.
    package var stageStamps = false
    /// Envelopes waiting in each direction: to be sent to other instances, and received but not yet
    /// handled by the hub. Past this they are dropped and counted as lost (a received notification
    /// whole), so neither queue grows without bound when this instance falls behind.
    public var maxQueuedEnvelopes = 50_000
    /// Bytes of envelopes waiting in each direction (the text clients chose, such as SDPs and
    /// candidates, plus a small allowance each), with the same effect past it as
    /// ``maxQueuedEnvelopes``: an envelope may carry the protocol's largest message, so the count
    /// alone allowed gigabytes. One envelope (or one received notification) always fits an empty queue.
    public var maxQueuedBytes = 64 << 20
    /// Client statements (creates, joins, lookups) running or waiting for one of the pool's 8
    /// connections at once; past it one fails at once and its client is told to try again. The
    /// system's own (room writes, the dead-instance check, adoption, sweep) are admitted past it
    /// and count towards it. The heartbeat never waits behind either: it has a task and a
    /// connection of its own, which carries nothing else.
    public var maxPendingStatements = 1024

    /// Settings for this database with the defaults above.
    public init(postgres: PostgresURL) {
        self.postgres = postgres
    }

    /// The benchmark knobs from the environment (scripts/bench-cluster, docs/BENCHMARKS.md):
    /// `COLLAB_CLUSTER_STAMPS=1` and `COLLAB_CLUSTER_NOTIFY_INTERVAL_US=N`. Anything else leaves
    /// the defaults.
    package mutating func applyBenchmarkKnobs(_ environment: [String: String]) {
        if environment["COLLAB_CLUSTER_STAMPS"] == "1" { stageStamps = true }
        if let text = environment["COLLAB_CLUSTER_NOTIFY_INTERVAL_US"], let micros = Int(text), micros >= 0 {
            notifyInterval = .microseconds(micros)
        }
    }
}
