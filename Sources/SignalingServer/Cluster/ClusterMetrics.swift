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
    /// Envelopes dropped: queue full, database down past the retry limit, or malformed on arrival.
    let lost: Counter
    /// Database operations that failed (the instance logs them and carries on).
    let databaseErrors: Counter
    /// Rooms this instance took over from dead instances.
    let adoptedRooms: Counter

    init(registry: PrometheusCollectorRegistry) {
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help))
        }
        envelopesSent = counter("collab_cluster_envelopes_sent_total", "Envelopes sent to other instances through PostgreSQL.")
        envelopesReceived = counter("collab_cluster_envelopes_received_total", "Envelopes received from other instances.")
        batches = counter("collab_cluster_notify_batches_total", "NOTIFY statements sent (one commit each).")
        blobs = counter("collab_cluster_blobs_total", "Envelopes too large for a notification, sent through a row.")
        lost = counter("collab_cluster_envelopes_lost_total", "Envelopes dropped: a queue full (to send, or received and not yet handled), database down too long, or malformed.")
        databaseErrors = counter("collab_cluster_database_errors_total", "Database operations that failed.")
        adoptedRooms = counter("collab_cluster_adopted_rooms_total", "Rooms taken over from dead instances.")
    }
}
