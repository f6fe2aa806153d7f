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
}
