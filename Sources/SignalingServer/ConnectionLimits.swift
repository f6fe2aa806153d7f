/// The part of the configuration a connection task needs: kept small because it lives in every
/// connection's async frames (a copy of the whole configuration there cost kilobytes per
/// connection).
struct ConnectionLimits: Sendable {
    let messagesPerSecond: Double
    let messageBurst: Double
    let errorsPerSecond: Double
    let errorBurst: Double
    /// Largest message decoded; larger ones are answered `too-large`.
    let maxMessageBytes: Int
    /// Largest message accepted at all (the WebSocket layer's frame limit).
    let hardLimit: Int
    let writeTimeout: Duration
    let joinTimeout: Duration
    /// WebSocket pings go out this often; one left unanswered until the next closes the connection.
    let pingInterval: Duration

    init(_ configuration: SignalingServerConfiguration, hardLimit: Int) {
        messagesPerSecond = configuration.messagesPerSecond
        messageBurst = configuration.messageBurst
        errorsPerSecond = configuration.errorsPerSecond
        errorBurst = configuration.errorBurst
        maxMessageBytes = configuration.maxMessageBytes
        self.hardLimit = hardLimit
        writeTimeout = configuration.writeTimeout
        joinTimeout = configuration.joinTimeout
        pingInterval = configuration.pingInterval
    }
}
