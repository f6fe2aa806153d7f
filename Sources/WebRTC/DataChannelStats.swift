/// Counters for one data channel (W3C `RTCDataChannelStats`).
public struct DataChannelStats: Hashable, Sendable {
    /// Messages handed to SCTP.
    public var messagesSent = 0
    /// Payload bytes handed to SCTP.
    public var bytesSent = 0
    /// Messages delivered to the application.
    public var messagesReceived = 0
    /// Payload bytes delivered to the application.
    public var bytesReceived = 0

    /// Zero counters.
    public init() {}
}
