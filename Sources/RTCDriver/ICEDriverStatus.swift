public import ICE
public import RTCBase
import STUN

/// A snapshot of an ``ICEDriver``'s agent and sockets, taken on its event loop.
public struct ICEDriverStatus: Hashable, Sendable {
    /// W3C `iceConnectionState`.
    public var connectionState: ICEConnectionState
    /// W3C `iceGatheringState`.
    public var gatheringState: ICEGatheringState
    /// The pair carrying data, if any.
    public var selectedPair: CandidatePair?
    /// The addresses of the bound sockets (actual ports, when port 0 was configured).
    public var localAddresses: [TransportAddress]
    /// The TCP/TLS connections to TURN servers the agent holds (TURN over TCP and TLS).
    public var relayConnections: [RelayConnection]
    /// The agent's counters.
    public var agentStats: ICEStats
    /// The driver's socket counters.
    public var driverStats: ICEDriverStats
}
