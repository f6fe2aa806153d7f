import Synchronization
import WebRTC

/// What an echo peer does with a channel (issue 5's convention): echo every message back
/// unchanged, or, for a label starting with `discard`, count the bytes and answer the text
/// `count?` with the decimal total (the question itself is not counted).
///
/// It runs on the connection's event loop (``DataChannel/setEventHandler(_:)``): an echo costs no
/// task switch, so a round trip measures the stack rather than the scheduler.
enum EchoBehavior {
    /// Attaches the behaviour to `channel`. `onOpen` and `onClose` run on the event loop.
    static func attach(_ channel: DataChannel, onOpen: @escaping @Sendable () -> Void = {},
                       onClose: @escaping @Sendable () -> Void = {}) {
        let discard = channel.label.hasPrefix("discard")
        let counted = Mutex(0)
        channel.setEventHandler { [weak channel] event in
            guard let channel else { return }
            switch event {
            case .open:
                onOpen()
            case .message(let message) where discard:
                if message == .text("count?") {
                    try? channel.send(String(counted.withLock { $0 }))
                } else {
                    counted.withLock { $0 += message.byteCount }
                }
            case .message(let message):
                try? channel.send(message: message)
            case .close:
                onClose()
            case .closing, .bufferedAmountLow:
                break
            }
        }
    }
}
