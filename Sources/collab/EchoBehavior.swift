import WebRTC

/// What an echo peer does with a channel the remote opened (issue 5's convention): echo every
/// message back unchanged, or, for a label starting with `discard`, count the bytes and answer
/// the text `count?` with the decimal total (the question itself is not counted).
enum EchoBehavior {
    /// Serves `channel` until it closes; returns the bytes a discard channel counted (0 for echo).
    @discardableResult
    static func serve(_ channel: DataChannel) async -> Int {
        let discard = channel.label.hasPrefix("discard")
        var counted = 0
        for await event in channel.events {
            guard case .message(let message) = event else { continue }
            if discard {
                if message == .text("count?") {
                    try? channel.send(String(counted))
                } else {
                    counted += message.byteCount
                }
            } else {
                try? channel.send(message: message)
            }
        }
        return counted
    }
}
