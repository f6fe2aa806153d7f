public import SignalingProtocol

/// Makes ``PeerLink``s: the engine's only view of WebRTC, so a test or another stack can stand in.
public protocol PeerTransport: Sendable {
    /// A new link using `iceServers`, whose events go to `handler`: called from any task, in
    /// order per channel; `message` events on the receive path, so the handler must be quick.
    func makeLink(
        iceServers: [ICEServer], handler: @escaping @Sendable (PeerLinkEvent) -> Void
    ) async throws(EngineError) -> any PeerLink
}
