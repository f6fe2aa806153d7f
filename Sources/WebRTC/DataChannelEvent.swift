/// What a ``DataChannel`` reports on ``DataChannel/events``: the W3C `RTCDataChannel` events.
public enum DataChannelEvent: Hashable, Sendable {
    /// `onopen`.
    case open
    /// `onmessage`.
    case message(DataChannelMessage)
    /// `onbufferedamountlow`: ``DataChannel/bufferedAmount`` fell to or below the threshold.
    case bufferedAmountLow
    /// `onclosing`.
    case closing
    /// `onclose`; the stream finishes after it.
    case close
}
