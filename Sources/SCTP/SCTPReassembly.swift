/// Joins the pieces of user messages that usrsctp delivers before their end (partial delivery,
/// MSG_EOR on the last piece), per stream, never holding more than `limit` bytes for one message.
struct SCTPReassembly {
    private struct Partial {
        var ppid: UInt32
        var bytes: [UInt8]
        var dropping: Bool
    }

    /// The largest message delivered.
    let limit: Int
    private var partials: [UInt16: Partial] = [:]
    /// Messages dropped because they exceeded `limit`.
    private(set) var droppedOversize = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds one piece; returns the whole message when `endOfRecord` completes one within the limit.
    mutating func add(stream: UInt16, ppid: UInt32, bytes: [UInt8], endOfRecord: Bool) -> [UInt8]? {
        if endOfRecord, partials[stream] == nil {
            // The common case: a whole message in one piece.
            guard bytes.count <= limit else {
                droppedOversize += 1
                return nil
            }
            return bytes
        }
        var partial = partials.removeValue(forKey: stream) ?? Partial(ppid: ppid, bytes: [], dropping: false)
        if !partial.dropping {
            if partial.bytes.count + bytes.count > limit {
                partial.dropping = true
                partial.bytes = []
                droppedOversize += 1
            } else {
                partial.bytes.append(contentsOf: bytes)
            }
        }
        if endOfRecord {
            return partial.dropping ? nil : partial.bytes
        }
        partials[stream] = partial
        return nil
    }

    /// Forgets every unfinished message (partial delivery aborted, association gone).
    mutating func reset() {
        partials.removeAll()
    }
}
