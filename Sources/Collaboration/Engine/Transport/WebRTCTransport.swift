import DTLS
import Foundation
import ICE
public import Logging
public import NIOCore
import NIOPosix
public import SignalingProtocol
import STUN
import Synchronization
import WebRTC

/// The default ``PeerTransport``: this package's WebRTC stack (ICE, DTLS, SCTP) over UDP.
///
/// One certificate is generated per transport and reused by all its links (a P-256 key per
/// peer is wasted work; the fingerprint is per connection anyway). All links run on one event
/// loop: a message the engine sends to every peer then wakes one thread, not several. ICE server
/// URLs may name hosts: ``ICEServerResolver`` resolves them for each new link.
public final class WebRTCTransport: PeerTransport {
    let hostAddresses: [STUN.SocketAddress]
    let logger: Logger
    let eventLoop: any EventLoop
    private let certificate = Mutex<DTLSCertificate?>(nil)

    /// A transport binding `hostAddresses` (`IP:port`, port 0 picks one) for each link, on
    /// `eventLoop` (by default one of the shared group's, picked now).
    public init(hostAddresses: [String] = ["127.0.0.1:0"], eventLoop: (any EventLoop)? = nil,
                logger: Logger = Logger(label: "collab.engine.webrtc")) {
        self.eventLoop = eventLoop ?? MultiThreadedEventLoopGroup.singleton.next()
        var parsed: [STUN.SocketAddress] = []
        for text in hostAddresses {
            if let address = STUN.SocketAddress(text) {
                parsed.append(address)
            } else {
                logger.warning("ignoring host address that is not IP:port", metadata: ["address": "\(text)"])
            }
        }
        self.hostAddresses = parsed.isEmpty ? [STUN.SocketAddress(ip: .loopbackV4, port: 0)] : parsed
        self.logger = logger
    }

    public func makeLink(
        iceServers: [SignalingProtocol.ICEServer], handler: @escaping @Sendable (PeerLinkEvent) -> Void
    ) async throws(EngineError) -> any PeerLink {
        let certificate = try sharedCertificate()
        var servers: [ICE.ICEServer] = []
        for server in iceServers {
            for url in server.urls {
                let resolved = await ICEServerResolver.resolve(url: url, username: server.username, credential: server.credential)
                if resolved.isEmpty {
                    logger.warning("skipping ICE server URL (malformed, unsupported or not resolved)", metadata: ["url": "\(url)"])
                }
                servers += resolved
            }
        }
        let configuration = PeerConnectionConfiguration(
            iceServers: servers, certificate: certificate, hostAddresses: hostAddresses,
            includeLoopbackCandidates: true
        )
        let connection: PeerConnection
        do {
            connection = try await PeerConnection(configuration: configuration, eventLoop: eventLoop, logger: logger)
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
        return WebRTCPeerLink(connection: connection, channels: channels, logger: logger, handler: handler)
    }

    private func sharedCertificate() throws(EngineError) -> DTLSCertificate {
        do {
            return try certificate.withLock { stored in
                if let stored { return stored }
                let made = try DTLSCertificate.generate()
                stored = made
                return made
            }
        } catch {
            logger.warning("could not make a DTLS certificate", metadata: ["error": "\(error)"])
            throw .transport(.setupFailed)
        }
    }
}
