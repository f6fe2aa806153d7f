import Foundation
public import Logging
import Opus
public import SignalingProtocol

/// Settings of a ``CollaborationEngine``.
public struct EngineConfiguration: Sendable {
    /// The signaling server, `ws://host:port/ws`.
    public var signalingURL: String
    /// Extra certificate authorities (PEM) trusted for a `wss://` signaling server besides the
    /// system trust store.
    public var signalingTrustRootsPEM: String?
    /// An access token (JWT) for a signaling server that requires one (`collab serve --auth-key`).
    public var signalingAccessToken: String?
    /// Our display name (1-64 characters).
    public var displayName: String
    /// STUN/TURN servers; `nil` uses those the signaling server hands out (with TURN credentials).
    public var iceServers: [ICEServer]?
    /// The room password (creating: sets it; joining: presents it). The server checks it.
    public var roomPassword: String?
    /// The room secret, shared out of band and never sent anywhere: bio samples and the SDP and
    /// candidates relayed by the server are sealed with keys derived from it and the room ID.
    /// Peers with different secrets cannot connect (`EngineError.wrongRoomSecret`).
    public var roomSecret: String?
    /// How the room sends audio when we host it (codec, channels, frame size, bitrate); joiners
    /// take the host's settings.
    public var audio = AudioSettings()
    /// This participant's Opus encoder complexity, 0-10 (``OpusConfiguration/defaultComplexity``):
    /// a local trade of CPU for quality that is never sent to the room, since each sender
    /// encodes its own audio and any decoder reads any complexity's packets.
    public var opusComplexity = OpusConfiguration.defaultComplexity
    /// Whether received audio goes through ``CollaborationEngine/audioOutput`` (jitter buffer,
    /// decode, the pull API); `false` leaves `.audio` events only, with no audio pump running.
    public var receivesAudio = true
    /// Bounds on queues.
    public var limits = EngineLimits()
    /// Timers.
    public var timing = EngineTiming()
    /// How long ``CollaborationEngine/stopRecording()`` waits for the disk to take the end of a
    /// recording before it returns an incomplete index (docs/RECORDING.md); far more than a
    /// working disk needs.
    public var recordingFinishTimeout = Duration.seconds(10)
    /// Local addresses the WebRTC transport binds, one UDP socket and host candidate each, as `IP`
    /// or `IP:port` (port 0 picks one). `nil` (the default): every usable interface (IPv4, IPv6
    /// global and unique-local; not loopback, link-local or down), read again for each new link;
    /// loopback only when the signaling server itself is on loopback.
    public var hostAddresses: [String]?
    /// The peer transport; `nil` means this package's WebRTC stack over UDP.
    public var transport: (any PeerTransport)?
    /// The local clock in microseconds (monotonic). Shared-clock timestamps are on it; tests skew it.
    public var clock: @Sendable () -> Int64 = { Int64(ProcessInfo.processInfo.systemUptime * 1_000_000) }
    /// Where the engine logs.
    public var logger = Logger(label: "collab.engine")

    /// Settings with the defaults above.
    public init(signalingURL: String, displayName: String, roomPassword: String? = nil, roomSecret: String? = nil) {
        self.signalingURL = signalingURL
        self.displayName = displayName
        self.roomPassword = roomPassword
        self.roomSecret = roomSecret
    }

    /// Checks what can be checked before connecting: every host address must be an IP address.
    ///
    /// - Throws: ``EngineError/invalidHostAddress(_:)``.
    public func validate() throws(EngineError) {
        _ = try WebRTCTransport.policy(addresses: hostAddresses, signalingURL: signalingURL)
    }
}
