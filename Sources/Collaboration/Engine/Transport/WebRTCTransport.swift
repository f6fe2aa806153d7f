import Foundation
public import Logging
import RTCBase
public import SignalingProtocol
import Synchronization
public import WebRTC

/// The default ``PeerTransport``: this package's WebRTC stack (ICE, DTLS, SCTP) over UDP.
///
/// One certificate is generated per transport and reused by all its links (a P-256 key per
/// peer is wasted work; the fingerprint is per connection anyway). All links run on one event
/// loop: a message the engine sends to every peer then wakes one thread, not several. ICE server
/// URLs may name hosts: each new link and each ICE restart resolves them again.
public final class WebRTCTransport: PeerTransport {
    /// Where host candidates come from.
    public enum HostAddresses: Sendable, Equatable {
        /// Every usable interface (``HostInterfaces/usable()``), read again for each link, so a
        /// link made after a network change uses the new addresses.
        case automatic
        /// Loopback only: the signaling server is on this machine (the demo, tests), so nothing
        /// may send checks to another interface.
        case loopback
        /// Exactly these, as `IP:port` or `[IPv6]:port` (port 0 picks one); made by
        /// ``WebRTCTransport/policy(addresses:signalingURL:)``, which checks them.
        case fixed([String])
    }

    let hostAddresses: HostAddresses
    let logger: Logger
    let loop: PeerConnectionLoop
    /// Each link's ``PeerConnectionConfiguration/sackFrequency``.
    let sackFrequency: Int
    private let certificate = Mutex<RTCCertificate?>(nil)

    /// A transport binding `hostAddresses` for each link, on `loop` (by default one of the
    /// shared group's, picked now), acknowledging every `sackFrequency` packets at the latest.
    public init(hostAddresses: HostAddresses = .loopback, loop: PeerConnectionLoop? = nil,
                sackFrequency: Int = EngineTiming().sackFrequency,
                logger: Logger = Logger(label: "collab.engine.webrtc")) {
        self.loop = loop ?? .next()
        self.sackFrequency = sackFrequency
        self.hostAddresses = hostAddresses
        self.logger = logger
    }

    /// The policy an engine configuration implies: `addresses` when given (each `IP` or
    /// `IP:port`), else loopback when the signaling server is on loopback, else every interface.
    ///
    /// - Throws: ``EngineError/invalidHostAddress(_:)`` for text that is not an IP address.
    public static func policy(addresses: [String]?, signalingURL: String) throws(EngineError) -> HostAddresses {
        if let addresses, !addresses.isEmpty {
            var parsed: [String] = []
            for text in addresses {
                if let full = TransportAddress(text) {
                    parsed.append(full.description)
                } else if let ip = IPAddress(text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text) {
                    parsed.append(TransportAddress(ip: ip, port: 0).description)
                } else {
                    throw .invalidHostAddress(text)
                }
            }
            return .fixed(parsed)
        }
        return SignalingURLHost.isLoopback(signalingURL) ? .loopback : .automatic
    }

    /// The addresses a link made now binds.
    func currentAddresses() -> [TransportAddress] {
        switch hostAddresses {
        case .fixed(let addresses):
            return addresses.compactMap { TransportAddress($0) }
        case .loopback:
            return [TransportAddress(ip: .loopbackV4, port: 0)]
        case .automatic:
            let usable = HostInterfaces.usable()
            if usable.isEmpty {
                // No interface but loopback: relay candidates (from a TURN server reached some
                // other way) are all that could work, and a socket is still needed to reach it.
                logger.warning("no usable network interface; gathering on loopback only")
                return [TransportAddress(ip: .loopbackV4, port: 0)]
            }
            return usable.map { TransportAddress(ip: $0, port: 0) }
        }
    }

    public func makeLink(
        iceServers: [SignalingProtocol.ICEServer], handler: @escaping @Sendable (PeerLinkEvent) -> Void
    ) async throws(EngineError) -> any PeerLink {
        try await makeLink(iceServers: iceServers, mid: "0", handler: handler)
    }

    public func makeLink(
        iceServers: [SignalingProtocol.ICEServer], mid: String, handler: @escaping @Sendable (PeerLinkEvent) -> Void
    ) async throws(EngineError) -> any PeerLink {
        let certificate = try sharedCertificate()
        let addresses = currentAddresses()
        logger.debug("gathering host candidates", metadata: ["addresses": "\(addresses.map(\.ip.description))",
                                                             "servers": "\(iceServers.count)"])
        var configuration = PeerConnectionConfiguration(
            iceServers: Self.rtcServers(iceServers), certificate: certificate, hostAddresses: addresses,
            includeLoopbackCandidates: true
        )
        // A room's peers are this stack or browsers, which all read every record of a datagram:
        // the records of one loop turn share datagrams (fewer system calls per message).
        configuration.coalescesRecords = true
        configuration.sackFrequency = sackFrequency
        // Only the five negotiated channels are spoken: a peer's DATA_CHANNEL_OPEN is refused
        // rather than opening a channel nobody reads, whose messages would pile up unread.
        configuration.maxChannels = EngineChannel.allCases.count
        configuration.mid = mid
        let connection: PeerConnection
        do {
            connection = try await PeerConnection(configuration: configuration, loop: loop, logger: logger)
        } catch {
            logger.warning("could not make a peer connection", metadata: ["error": "\(error)"])
            throw .transport(.setupFailed)
        }
        var channels: [DataChannel] = []
        for channel in EngineChannel.allCases {
            let options = DataChannelInit(
                ordered: channel.isReliable, maxRetransmits: channel.isReliable ? nil : 0,
                negotiated: true, id: channel.rawValue
            )
            do {
                channels.append(try await connection.createDataChannel(channel.label, options: options))
            } catch {
                await connection.close()
                logger.warning("could not make a data channel", metadata: ["channel": "\(channel)", "error": "\(error)"])
                throw .transport(.setupFailed)
            }
        }
        return WebRTCPeerLink(connection: connection, channels: channels, logger: logger, transport: self, handler: handler)
    }

    /// The signaling server's ICE servers as the peer connection takes them.
    static func rtcServers(_ iceServers: [SignalingProtocol.ICEServer]) -> [RTCIceServer] {
        iceServers.map { RTCIceServer(urls: $0.urls, username: $0.username, credential: $0.credential) }
    }

    private func sharedCertificate() throws(EngineError) -> RTCCertificate {
        do throws(PeerConnectionError) {
            return try certificate.withLock { stored throws(PeerConnectionError) in
                if let stored { return stored }
                let made = try RTCCertificate.generate()
                stored = made
                return made
            }
        } catch {
            logger.warning("could not make a DTLS certificate", metadata: ["error": "\(error)"])
            throw .transport(.setupFailed)
        }
    }
}
