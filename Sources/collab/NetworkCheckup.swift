import Collaboration
import Foundation
import ICE
import Logging
import SignalingClient
import SignalingProtocol
import STUN
import RTCBase
import WebRTC

/// The checks behind `collab doctor`, in the order a user would debug by hand: interfaces, the
/// signaling server, the public address and how the NAT maps it, then a relay per TURN transport.
struct NetworkCheckup {
    let server: String
    /// Extra certificate authorities for a `wss://` server (`--ca`).
    let trustRootsPEM: String?
    let timeout: Duration
    let logger: Logger

    /// Runs every check; `progress` gets one human line per finding as it is made.
    func run(progress: (String) -> Void) async -> DoctorReport {
        var report = DoctorReport()
        let loopbackServer = (try? WebRTCTransport.policy(addresses: nil, signalingURL: server)) == .loopback
        for entry in HostInterfaces.all() {
            let usable = entry.isUp && HostInterfaces.isUsable(entry.address)
            report.interfaces.append(.init(name: entry.name, address: entry.address.description, up: entry.isUp,
                                           usable: usable))
            progress("interface \(entry.name) \(entry.address)\(entry.isUp ? "" : " (down)")\(usable ? "" : " (not used for peer links)")")
        }
        if !loopbackServer && HostInterfaces.usable().isEmpty {
            progress("no usable interface: only relays reached through loopback could work")
        }

        // Signaling: connect, learn the ICE servers the way the engine does (they come with a
        // room), and time a round trip.
        var configuration = SignalingSessionConfiguration(url: server)
        configuration.reconnect = false
        configuration.additionalTrustRootsPEM = trustRootsPEM
        configuration.requestTimeout = timeout
        let session = SignalingSession(configuration: configuration, logger: logger)
        var iceServers: [SignalingProtocol.ICEServer] = []
        do {
            try await session.connect()
            let room = try await session.createRoom(name: "doctor")
            iceServers = room.iceServers
            let rtt = try await session.ping()
            report.signaling = .init(ok: true, roundTripMs: rtt.rtcSeconds * 1000, error: nil)
            progress(String(format: "signaling: %@ answers, round trip %.1f ms", server, rtt.rtcSeconds * 1000))
        } catch {
            report.signaling = .init(ok: false, roundTripMs: nil, error: "\(error)")
            progress("signaling: cannot reach \(server): \(error)")
        }
        await session.close()
        guard report.signaling.ok else {
            report.decide()
            return report
        }
        report.iceServers = iceServers.flatMap(\.urls)
        progress("ICE servers offered: \(report.iceServers.isEmpty ? "none" : report.iceServers.joined(separator: ", "))")

        // The public address, from every STUN endpoint we know (the server's own responder, and
        // a TURN server over UDP, which answers Binding requests too), all from one socket.
        var stunTargets: [(url: String, address: TransportAddress)] = []
        for server in iceServers {
            for url in server.urls {
                guard let stunURL = Self.stunURL(for: url) else { continue }
                let resolved = await ICEServerResolver.resolve(url: stunURL, timeout: timeout)
                for entry in resolved where !stunTargets.contains(where: { $0.address == entry.address }) {
                    stunTargets.append((url, entry.address))
                }
            }
        }
        if stunTargets.isEmpty {
            progress("public address: no STUN server offered, cannot tell")
        } else {
            let probe = await STUNProbe.run(targets: stunTargets.map(\.address), timeout: timeout)
            for (target, mapped) in zip(stunTargets, probe.mapped) {
                report.reflexive.append(.init(server: target.url, local: probe.local?.description,
                                              mapped: mapped?.description))
                progress("public address via \(target.url): \(mapped?.description ?? "no answer")"
                         + (probe.local.map { " (from \($0))" } ?? ""))
            }
            let answers = Set(probe.mapped.compactMap { $0 })
            let answered = probe.mapped.compactMap { $0 }.count
            report.mapping = answers.count > 1 ? .endpointDependent
                : answered >= 2 ? .endpointIndependent : answered == 1 ? .unknown : .noUDP
            progress("NAT mapping: \(report.mapping.explanation)")
        }

        // A relay over each TURN transport the server offers, gathered as a relay-only peer
        // connection would (the real client, TCP and TLS included).
        for server in iceServers {
            for url in server.urls where url.hasPrefix("turn:") || url.hasPrefix("turns:") {
                let transport = Self.transport(of: url)
                let started = ContinuousClock.now
                let resolved = await ICEServerResolver.resolve(url: url, username: server.username,
                                                               credential: server.credential, timeout: timeout)
                guard !resolved.isEmpty else {
                    report.turn.append(.init(url: url, transport: transport, ok: false, relay: nil, ms: nil,
                                             error: "URL not supported by this build or host not resolved"))
                    progress("TURN \(transport) \(url): not usable here (unsupported URL or host not resolved)")
                    continue
                }
                let relay = await Self.relayCandidate(servers: resolved, loopback: loopbackServer, timeout: timeout,
                                                      logger: logger)
                let elapsed = (ContinuousClock.now - started).rtcSeconds * 1000
                report.turn.append(.init(url: url, transport: transport, ok: relay != nil, relay: relay,
                                         ms: relay == nil ? nil : elapsed, error: relay == nil ? "no allocation" : nil))
                progress(relay.map { String(format: "TURN %@ %@: relay %@ in %.0f ms", transport, url, $0, elapsed) }
                         ?? "TURN \(transport) \(url): no relay within the timeout (blocked, refused or wrong credentials)")
            }
        }
        report.decide()
        return report
    }

    /// `stun:` URLs as they are; a UDP `turn:` URL as the `stun:` URL of the same server.
    static func stunURL(for url: String) -> String? {
        if url.hasPrefix("stun:") { return url }
        guard url.hasPrefix("turn:"), transport(of: url) == "udp" else { return nil }
        let rest = url.dropFirst(5).split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        return "stun:" + rest
    }

    /// `udp`, `tcp` or `tls` for a TURN URL (RFC 7065 §3.1: `turns:` is TLS over TCP).
    static func transport(of url: String) -> String {
        if url.hasPrefix("turns:") { return "tls" }
        return url.lowercased().contains("transport=tcp") ? "tcp" : "udp"
    }

    /// The relay address a relay-only peer connection gathers from `servers`, if any.
    static func relayCandidate(servers: [ICE.ICEServer], loopback: Bool, timeout: Duration,
                               logger: Logger) async -> String? {
        let addresses = loopback ? [TransportAddress(ip: .loopbackV4, port: 0)]
            : HostInterfaces.usable().map { TransportAddress(ip: $0, port: 0) }
        guard !addresses.isEmpty else { return nil }
        var configuration = PeerConnectionConfiguration(iceTransportPolicy: .relay, hostAddresses: addresses,
                                                        includeLoopbackCandidates: loopback)
        configuration.resolvedIceServers = servers
        guard let connection = try? await PeerConnection(configuration: configuration, logger: logger) else { return nil }
        defer { Task { await connection.close() } }
        do {
            _ = try await connection.createDataChannel("doctor")
            try await connection.setLocalDescription(try await connection.createOffer())
        } catch {
            return nil
        }
        await connection.waitForGatheringComplete(timeout: timeout)
        let sdp = await connection.localDescription()?.sdp ?? ""
        for line in sdp.split(whereSeparator: \.isNewline) where line.hasPrefix("a=candidate:") {
            if let candidate = try? Candidate(sdpAttribute: String(line.dropFirst(2))), candidate.type == .relay {
                return candidate.address.description
            }
        }
        return nil
    }
}
