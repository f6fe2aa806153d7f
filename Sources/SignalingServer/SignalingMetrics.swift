import Prometheus
import SignalingProtocol

/// The server's Prometheus metrics, on a registry of its own so several servers can share a
/// process (tests) without a global `MetricsSystem.bootstrap`. Each has a `# HELP` line.
struct SignalingMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let connections: Gauge
    let rooms: Gauge
    let relayed: Counter
    /// Of `relayed`, those the event loop's fast path queued as it read their frames.
    let fastPathRelays: Counter
    let messagesIn: Counter
    /// Messages not queued because the receiver's outbound queue was full.
    let dropped: Counter
    /// Messages not queued because the receiver's connection was closing (a close was queued).
    let discarded: Counter
    /// Connections closed because they read too slowly (queue full or write timeout).
    let slowReaders: Counter
    /// Connections closed because they joined no room within the join timeout.
    let joinTimeouts: Counter
    /// Connections closed because their first HTTP request head did not arrive in time.
    let headerTimeouts: Counter
    /// Connections closed (1002) for sending an unmasked frame.
    let unmaskedFrames: Counter
    /// WebSocket upgrades refused because of their Origin.
    let refusedOrigins: Counter
    /// Connections refused by the per-address connection cap.
    let refusedConnections: Counter
    /// Connections refused because the server held its most connections (`maxConnections`).
    let refusedFull: Counter
    /// Admin API requests refused for a missing or wrong admin token.
    let refusedAdmin: Counter
    /// From a relayed message's arrival to its hand-over to the receiver's socket.
    let relayLatency: DurationHistogram

    /// The version `build_info` reports.
    static let version = "0.1.0"

    init() {
        let r = registry
        connections = r.makeGauge(descriptor: Self.named("collab_signaling_connections", "Open WebSocket connections."))
        rooms = r.makeGauge(descriptor: Self.named("collab_signaling_rooms", "Live rooms."))
        relayed = r.makeCounter(descriptor: Self.named("collab_signaling_relayed_messages_total", "Offers, answers and candidates queued to their receiver."))
        fastPathRelays = r.makeCounter(descriptor: Self.named("collab_signaling_fast_path_relays_total", "Of the relayed messages, those queued by the event loop as their frames were read (RelayFastPathHandler), without the connection's task."))
        messagesIn = r.makeCounter(descriptor: Self.named("collab_signaling_messages_received_total", "Well-formed messages received from clients."))
        dropped = r.makeCounter(descriptor: Self.named("collab_signaling_dropped_messages_total", "Messages not queued because the receiver's queue was full (one per overflow: it cuts the receiver off)."))
        discarded = r.makeCounter(descriptor: Self.named("collab_signaling_discarded_messages_total", "Messages not queued because the receiver's connection was closing or being cut off."))
        slowReaders = r.makeCounter(descriptor: Self.named("collab_signaling_slow_readers_closed_total", "Connections closed for reading too slowly."))
        joinTimeouts = r.makeCounter(descriptor: Self.named("collab_signaling_join_timeouts_total", "Connections closed for joining no room in time."))
        headerTimeouts = r.makeCounter(descriptor: Self.named("collab_signaling_header_timeouts_total", "Connections closed for an HTTP request head not sent in time."))
        unmaskedFrames = r.makeCounter(descriptor: Self.named("collab_signaling_unmasked_frames_total", "Connections closed (1002) for an unmasked client frame."))
        refusedOrigins = r.makeCounter(descriptor: Self.named("collab_signaling_refused_origins_total", "WebSocket upgrades refused (403) for their Origin."))
        refusedConnections = r.makeCounter(descriptor: Self.named("collab_signaling_refused_connections_total", "Connections refused by the per-address cap."))
        refusedFull = r.makeCounter(descriptor: Self.named("collab_signaling_refused_connections_full_total", "Connections refused because the server held --max-connections."))
        refusedAdmin = r.makeCounter(descriptor: Self.named("collab_signaling_refused_admin_requests_total", "Admin API requests refused (401) for their token."))
        relayLatency = r.makeDurationHistogram(
            descriptor: Self.named(
                "collab_signaling_relay_latency_seconds",
                "Time from a relayed message's arrival to its hand-over to the receiver's socket."),
            buckets: [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500),
                      .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                      .milliseconds(250), .seconds(1)])
        r.makeGauge(
            descriptor: Self.named("collab_signaling_build_info", "Always 1; the labels name the build."),
            labels: [("version", Self.version), ("protocol", "1")]
        ).set(Int64(1))
    }

    /// A metric's full name and `# HELP` text.
    private static func named(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// Counts one upgrade refused for its access token, by reason.
    func refusedToken(_ refusal: AccessRefusal) {
        registry.makeCounter(
            descriptor: Self.named("collab_signaling_refused_tokens_total", "WebSocket upgrades refused (401) for their access token, by reason."), labels: [("reason", refusal.rawValue)]
        ).increment()
    }

    /// Counts one error reply by its code.
    func error(_ code: SignalingErrorCode) {
        registry.makeCounter(
            descriptor: Self.named("collab_signaling_errors_total", "Error replies sent to clients, by code."), labels: [("code", code.rawValue)]
        ).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> String {
        registry.emitToString()
    }
}
