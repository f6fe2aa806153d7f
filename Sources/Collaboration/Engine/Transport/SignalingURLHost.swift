import Foundation

/// What the engine reads from the signaling URL's host.
enum SignalingURLHost {
    /// Whether the server is on this machine's loopback (`localhost`, 127.0.0.0/8, `::1`): then
    /// every peer is too, and gathering on other interfaces would only send checks astray.
    static func isLoopback(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1" || bare.hasPrefix("127.")
    }
}
