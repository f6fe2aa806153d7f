import DTLS
import Foundation
import ICE
public import Logging
public import SignalingProtocol
import STUN
import Synchronization
import WebRTC

/// The default ``PeerTransport``: this package's WebRTC stack (ICE, DTLS, SCTP) over UDP.
///
/// One certificate is generated per transport and reused by all its links (a P-256 key per
/// peer is wasted work; the fingerprint is per connection anyway). ICE server URLs that are not
/// literal IP addresses are skipped with a warning (resolve them first).
public final class WebRTCTransport: PeerTransport {
    let hostAddresses: [STUN.SocketAddress]
    let logger: Logger
    private let certificate = Mutex<DTLSCertificate?>(nil)

    /// A transport binding `hostAddresses` (`IP:port`, port 0 picks one) for each link.
    public init(hostAddresses: [String] = ["127.0.0.1:0"], logger: Logger = Logger(label: "collab.engine.webrtc")) {
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
                if let parsed = ICE.ICEServer(url: url, username: server.username, credential: server.credential) {
                    servers.append(parsed)
                } else {
                    logger.warning("skipping ICE server URL", metadata: ["url": "\(url)"])
                }
            }
        }
        let configuration = PeerConnectionConfiguration(
            iceServers: servers, certificate: certificate, hostAddresses: hostAddresses,
            includeLoopbackCandidates: true
        )
        let connection: PeerConnection
        do {
            connection = try await PeerConnection(configuration: configuration, logger: logger)
        } catch {
            throw .transport("peer connection: \(error)")
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
                throw .transport("data channel \(channel): \(error)")
            }
        }
        return WebRTCPeerLink(connection: connection, channels: channels, handler: handler)
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
            throw .transport("certificate: \(error)")
        }
    }
}
