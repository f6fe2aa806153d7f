import CoreMetrics
import Prometheus
import SignalingProtocol

/// The server's Prometheus metrics, on a registry of its own so several servers can share a
/// process (tests) without a global `MetricsSystem.bootstrap`.
struct SignalingMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let connections: CoreMetrics.Gauge
    let rooms: CoreMetrics.Gauge
    let relayed: CoreMetrics.Counter
    let messagesIn: CoreMetrics.Counter
    /// Messages not queued because the receiver's outbound queue was full.
    let dropped: CoreMetrics.Counter
    /// Connections closed because they read too slowly (queue full or write timeout).
    let slowReaders: CoreMetrics.Counter
    /// Connections closed because they joined no room within the join timeout.
    let joinTimeouts: CoreMetrics.Counter
    /// Connections closed because their first HTTP request head did not arrive in time.
    let headerTimeouts: CoreMetrics.Counter
    /// Connections closed (1002) for sending an unmasked frame.
    let unmaskedFrames: CoreMetrics.Counter
    /// WebSocket upgrades refused because of their Origin.
    let refusedOrigins: CoreMetrics.Counter
    /// Connections refused by the per-address connection cap.
    let refusedConnections: CoreMetrics.Counter

    init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        connections = CoreMetrics.Gauge(label: "collab_signaling_connections", dimensions: [], factory: factory)
        rooms = CoreMetrics.Gauge(label: "collab_signaling_rooms", dimensions: [], factory: factory)
        relayed = CoreMetrics.Counter(label: "collab_signaling_relayed_messages_total", dimensions: [], factory: factory)
        messagesIn = CoreMetrics.Counter(label: "collab_signaling_messages_received_total", dimensions: [], factory: factory)
        dropped = CoreMetrics.Counter(label: "collab_signaling_dropped_messages_total", dimensions: [], factory: factory)
        slowReaders = CoreMetrics.Counter(label: "collab_signaling_slow_readers_closed_total", dimensions: [], factory: factory)
        joinTimeouts = CoreMetrics.Counter(label: "collab_signaling_join_timeouts_total", dimensions: [], factory: factory)
        headerTimeouts = CoreMetrics.Counter(label: "collab_signaling_header_timeouts_total", dimensions: [], factory: factory)
        unmaskedFrames = CoreMetrics.Counter(label: "collab_signaling_unmasked_frames_total", dimensions: [], factory: factory)
        refusedOrigins = CoreMetrics.Counter(label: "collab_signaling_refused_origins_total", dimensions: [], factory: factory)
        refusedConnections = CoreMetrics.Counter(label: "collab_signaling_refused_connections_total", dimensions: [], factory: factory)
        self.factory = factory
    }

    private let factory: PrometheusMetricsFactory

    /// Counts one error reply by its code.
    func error(_ code: SignalingErrorCode) {
        CoreMetrics.Counter(label: "collab_signaling_errors_total", dimensions: [("code", code.rawValue)], factory: factory).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> String {
        registry.emitToString()
    }
}
