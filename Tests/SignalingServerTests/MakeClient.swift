import SignalingClient
import RTCBase

/// Connects a client to a server with test-friendly timeouts; it reconnects to `fallbacks` in
/// turn (instances sharing rooms).
func makeClient(
    _ server: TestServer, reconnect: Bool = true, fallbacks: [TestServer] = []
) async throws -> (SignalingSession, EventRecorder) {
    var configuration = SignalingSessionConfiguration(url: server.url)
    configuration.fallbackURLs = fallbacks.map(\.url)
    configuration.reconnect = reconnect
    configuration.initialBackoff = .milliseconds(50)
    configuration.maxBackoff = .milliseconds(500)
    configuration.requestTimeout = .seconds(10)
    let client = SignalingSession(configuration: configuration, logger: TestServer.logger)
    let recorder = EventRecorder(client.events)
    try await client.connect()
    return (client, recorder)
}
