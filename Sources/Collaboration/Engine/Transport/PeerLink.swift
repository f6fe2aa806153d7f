public import SignalingProtocol

/// One transport connection to one remote participant carrying the five ``EngineChannel``s.
///
/// The engine drives it through offer/answer and trickled candidates, and learns what happens
/// through the handler given to ``PeerTransport/makeLink(iceServers:handler:)``. After a network
/// change the engine restarts ICE on a running link (a new offer/answer on the same link); any
/// other restart closes the link and makes a new one.
public protocol PeerLink: AnyObject, Sendable {
    /// Offerer: creates the offer and applies it locally; returns the SDP to signal.
    func createOffer() async throws(EngineError) -> String
    /// Answerer: applies the remote offer (a first one, or an ICE restart on this link), creates
    /// and applies the answer; returns its SDP.
    func acceptOffer(_ sdp: String) async throws(EngineError) -> String
    /// Restarts ICE (RFC 8445 §9) on the addresses the machine has now, gathering from
    /// `iceServers` (fresh TURN credentials), so that the next ``createOffer()`` renegotiates the
    /// path; channels and their queues stay as they are.
    func restartIce(iceServers: [ICEServer]) async throws(EngineError)
    /// Offerer: applies the remote answer.
    func acceptAnswer(_ sdp: String) async throws(EngineError)
    /// Applies a trickled remote candidate (`nil`: end of candidates). Only after a remote description.
    func addRemoteCandidate(_ candidate: String?) async throws(EngineError)
    /// Sends one binary message on a channel; throws if the channel is not open or its queue is full.
    func send(_ bytes: [UInt8], on channel: EngineChannel) throws(EngineError)
    /// Bytes queued on a channel and not yet taken by the transport.
    func bufferedAmount(on channel: EngineChannel) -> Int
    /// The current transport state.
    var state: PeerLinkState { get }
    /// Closes the link and its channels; no event is reported afterwards. Idempotent.
    func close() async
}

