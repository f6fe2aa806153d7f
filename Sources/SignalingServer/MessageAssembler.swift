/// Collates WebSocket data frames into whole messages under RFC 6455's rules (section 5.4), as a
/// sans-IO state machine: the connection feeds it every data frame and performs what it returns.
///
/// It enforces what the WebSocket library would otherwise let through or answer with the wrong
/// close code: a message over `hardLimit` bytes (1009), a continuation out of place (1002),
/// text that is not UTF-8 whether it came in a text or a binary frame (1007).
struct MessageAssembler: Sendable {
    /// Where the frames of the current message are.
    private enum State: Sendable {
        /// Between messages.
        case idle
        /// Inside a fragmented message: what arrived so far.
        case collecting([UInt8])
        /// Inside a fragmented message the owner dropped: swallow frames until the final one.
        case skipping
    }

    /// What one frame turns into.
    enum Output: Sendable, Equatable {
        /// A whole message, checked for size and UTF-8.
        case message([UInt8])
        /// A fragment was kept (or skipped); nothing to do yet.
        case fragment
        /// The frame breaks the protocol: close with this reason.
        case violation(CloseReason)
    }

    /// Largest message accepted at all, in bytes.
    let hardLimit: Int
    private var state = State.idle

    init(hardLimit: Int) {
        self.hardLimit = hardLimit
    }

    /// Takes one data frame (`isContinuation` for opcode 0x0; text and binary are alike here).
    mutating func receive(isContinuation: Bool, fin: Bool, payload: some Collection<UInt8>) -> Output {
        var collected: [UInt8]
        switch (state, isContinuation) {
        case (.idle, false):
            collected = []
        case (.collecting(let sofar), true):
            collected = sofar
        case (.skipping, true):
            if fin { state = .idle }
            return .fragment
        case (.idle, true):
            return .violation(.protocolError("continuation frame without a message to continue"))
        case (.collecting, false), (.skipping, false):
            return .violation(.protocolError("new message inside a fragmented one"))
        }
        guard collected.count + payload.count <= hardLimit else {
            state = .idle
            return .violation(.tooBig("message over \(hardLimit) bytes"))
        }
        collected += payload
        guard fin else {
            state = .collecting(collected)
            return .fragment
        }
        state = .idle
        guard String(validating: collected, as: UTF8.self) != nil else {
            return .violation(.invalidData("message is not UTF-8"))
        }
        return .message(collected)
    }

    /// The owner refused a frame before passing it in (rate limit): the rest of its message is
    /// swallowed up to the final fragment.
    mutating func drop(isContinuation: Bool, fin: Bool) {
        switch (state, isContinuation) {
        case (.idle, false), (.collecting, true), (.skipping, true):
            state = fin ? .idle : .skipping
        case (.idle, true), (.collecting, false), (.skipping, false):
            // Out of order: the next frame passed in reports the violation.
            break
        }
    }
}
