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

    init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        connections = CoreMetrics.Gauge(label: "collab_signaling_connections", dimensions: [], factory: factory)
        rooms = CoreMetrics.Gauge(label: "collab_signaling_rooms", dimensions: [], factory: factory)
        relayed = CoreMetrics.Counter(label: "collab_signaling_relayed_messages_total", dimensions: [], factory: factory)
        messagesIn = CoreMetrics.Counter(label: "collab_signaling_messages_received_total", dimensions: [], factory: factory)
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
