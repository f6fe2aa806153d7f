public import SignalingProtocol

/// Makes ``PeerLink``s: the engine's only view of WebRTC, so a test or another stack can stand in.
public protocol PeerTransport: Sendable {
    /// A new link using `iceServers`, whose events go to `handler` one at a time, in the order
    /// they happened (a state change before the channel events that follow it); `message` events
    /// on the receive path, so the handler must be quick. Never call the handler from inside a
    /// call the engine makes on the link (`send` runs under the engine's lock).
    func makeLink(
        iceServers: [ICEServer], handler: @escaping @Sendable (PeerLinkEvent) -> Void
    ) async throws(EngineError) -> any PeerLink

    /// ``makeLink(iceServers:handler:)`` whose offers carry `mid` as their `a=mid`, so that the
    /// answer and the peer's candidates, which carry it back, can be told from those meant for
    /// an earlier link (docs/PROTOCOL.md, "Peer links"). A transport that cannot choose its mid
    /// need not implement it: the engine reads the mid from each offer and, when it is `0`,
    /// takes every answer and candidate as it did before.
    func makeLink(
        iceServers: [ICEServer], mid: String, handler: @escaping @Sendable (PeerLinkEvent) -> Void
    ) async throws(EngineError) -> any PeerLink
}

extension PeerTransport {
    public func makeLink(
        iceServers: [ICEServer], mid: String, handler: @escaping @Sendable (PeerLinkEvent) -> Void
    ) async throws(EngineError) -> any PeerLink {
        try await makeLink(iceServers: iceServers, handler: handler)
    }
}
