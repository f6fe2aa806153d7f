import Prometheus

/// The cluster's own figures, on the instance's registry (so per instance).
struct ClusterMetrics: Sendable {
    /// Envelopes handed to PostgreSQL for other instances.
    let envelopesSent: Counter
    /// Envelopes received from other instances.
    let envelopesReceived: Counter
    /// NOTIFY statements (each one commit, carrying one or more payloads).
    let batches: Counter
    /// Envelopes sent through `collab_relay_blobs` because they did not fit a notification.
    let blobs: Counter
    /// Statements that stored those (one per NOTIFY batch holding any).
    let blobStatements: Counter
    /// Envelopes dropped: queue full, database down past the retry limit, or malformed on arrival.
    let lost: Counter
    /// Database operations that failed (the instance logs them and carries on).
    let databaseErrors: Counter
    /// Rooms this instance took over from dead instances.
    let adoptedRooms: Counter
    /// The stages of a relay between instances (docs/BENCHMARKS.md, session 11): an envelope's
    /// wait in the NOTIFY queue, a NOTIFY statement's round trip, PostgreSQL's delivery of a
    /// notification (from the sender's statement start to the LISTEN task; only with
    /// `COLLAB_CLUSTER_STAMPS=1`), and the LISTEN task's work on one notification.
    let notifyWait: DurationHistogram
    let notifyRoundTrip: DurationHistogram
    let delivery: DurationHistogram
    let listen: DurationHistogram

    /// Fine enough around the 5 ms goal to read a p99 from.
    static let stageBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(200), .microseconds(300), .microseconds(500),
        .microseconds(750), .milliseconds(1), .microseconds(1500), .milliseconds(2), .milliseconds(3), .milliseconds(4),
        .milliseconds(5), .microseconds(7500), .milliseconds(10), .milliseconds(15), .milliseconds(20), .milliseconds(30),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    init(registry: PrometheusCollectorRegistry) {
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help))
        }
        envelopesSent = counter("collab_cluster_envelopes_sent_total", "Envelopes sent to other instances through PostgreSQL.")
        envelopesReceived = counter("collab_cluster_envelopes_received_total", "Envelopes received from other instances.")
        batches = counter("collab_cluster_notify_batches_total", "NOTIFY statements sent (one commit each).")
        blobs = counter("collab_cluster_blobs_total", "Envelopes too large for a notification, sent through a row.")
        blobStatements = counter(
            "collab_cluster_blob_statements_total", "Statements that stored large envelopes' rows (one per NOTIFY batch holding any).")
        lost = counter("collab_cluster_envelopes_lost_total", "Envelopes dropped: a queue full (to send, or received and not yet handled), database down too long, or malformed.")
        databaseErrors = counter("collab_cluster_database_errors_total", "Database operations that failed.")
        adoptedRooms = counter("collab_cluster_adopted_rooms_total", "Rooms taken over from dead instances.")
        func histogram(_ name: String, _ help: String) -> DurationHistogram {
            registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), buckets: Self.stageBuckets)
        }
        notifyWait = histogram("collab_cluster_notify_wait_seconds", "Time an envelope waited in the NOTIFY queue.")
        notifyRoundTrip = histogram("collab_cluster_notify_seconds", "NOTIFY statements' round trips (one commit each).")
        delivery = histogram(
            "collab_cluster_delivery_seconds",
            "From another instance's NOTIFY statement start to this instance's LISTEN task (COLLAB_CLUSTER_STAMPS=1 only).")
        listen = histogram("collab_cluster_listen_seconds", "The LISTEN task's time on one notification, to the envelopes' hand-over.")
    }
}
