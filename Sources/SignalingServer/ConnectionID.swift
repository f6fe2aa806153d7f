/// Identifies one WebSocket connection for the lifetime of the server.
struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    let raw: UInt64
    var description: String { "c\(raw)" }
}
