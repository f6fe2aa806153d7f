/// A message a ``DataChannel`` accepted, on its way to the event loop.
struct PendingSend: Sendable {
    let message: DataChannelMessage
    let handle: DataChannelHandle
    /// The bytes it counts in the channel's `bufferedAmount`.
    let size: Int
}
