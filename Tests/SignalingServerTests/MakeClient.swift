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
    // Generous: these bound hangs, and a loaded 2-core machine running the whole parallel suite
    // once took more than 10 s to answer 50 concurrent connects.
    configuration.requestTimeout = .seconds(30)
    configuration.connectTimeout = .seconds(30)
    let client = SignalingSession(configuration: configuration, logger: TestServer.logger)
    let recorder = EventRecorder(client.events)
    try await client.connect()
    return (client, recorder)
}
