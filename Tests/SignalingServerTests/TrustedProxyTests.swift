import Foundation
import RTCTestSupport
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

/// Issue 12, finding 6: behind a reverse proxy the brute-force lockout is per real client, and
/// only a trusted proxy's `X-Forwarded-For` is believed.
@Suite(.timeLimit(.minutes(1))) struct TrustedProxyTests {
    @Test func cidrsParseAndMatch() throws {
        let proxies = try TrustedProxies(["10.0.0.0/8", "192.0.2.7", "fd00::/8"])
        #expect(proxies.trusts("10.200.3.4"))
        #expect(proxies.trusts("::ffff:10.1.2.3"))
        #expect(proxies.trusts("192.0.2.7"))
        #expect(!proxies.trusts("192.0.2.8"))
        #expect(proxies.trusts("fd12::1"))
        #expect(!proxies.trusts("fe80::1"))
        #expect(!proxies.trusts("not an address"))
        for bad in ["10.0.0.0/33", "10.0.0/8", "fd00::/129", "", "/8", "10.0.0.0/x"] {
            #expect(throws: TrustedProxies.InvalidCIDR.self) { try TrustedProxies([bad]) }
        }
    }

    @Test func theClientIsTheRightMostUntrustedHop() throws {
        let proxies = try TrustedProxies(["10.0.0.0/8"])
        // The client may prepend anything; the proxies append what they saw.
        #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: "1.2.3.4, 203.0.113.5, 10.0.0.9") == "203.0.113.5")
        #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: nil) == "10.0.0.1")
        #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: "garbage") == "10.0.0.1")
        // From an untrusted peer the header means nothing.
        #expect(proxies.clientAddress(peer: "198.51.100.1", forwardedFor: "203.0.113.5") == "198.51.100.1")
    }

    @Test func rfc7239ForwardedIsReadWhenNoXForwardedForCame() throws {
        let proxies = try TrustedProxies(["10.0.0.0/8"])
        let forwarded = #"for=1.2.3.4, for="[2001:db8:cafe::17]:4711";proto=https, For=10.0.0.9:80"#
        #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: nil, forwarded: forwarded) == "2001:db8:cafe::17")
        #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: nil, forwarded: "for=192.0.2.43:47011") == "192.0.2.43")
        // Obfuscated or unknown nodes, and elements without for=, are never believed.
        for value in ["for=_hidden", "for=unknown", "by=203.0.113.43", "for=\"", "", ";;,,"] {
            #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: nil, forwarded: value) == "10.0.0.1", "\(value)")
        }
        // X-Forwarded-For wins: the proxy set it and passed the client's own Forwarded through.
        #expect(proxies.clientAddress(peer: "10.0.0.1", forwardedFor: "203.0.113.5", forwarded: "for=6.6.6.6") == "203.0.113.5")
        #expect(proxies.clientAddress(peer: "198.51.100.1", forwardedFor: nil, forwarded: "for=203.0.113.5") == "198.51.100.1")
    }

    @Test func theJoinGuardKeysOnAForwardedClient() async throws {
        let code = try await TestServer.with({
            $0.joinFailuresAllowed = 1
            $0.trustedProxies = try! TrustedProxies(["127.0.0.1/32"])
        }) { server in
            try await withTimeout(.seconds(20), "joins through the proxy") {
                for _ in 0..<2 {
                    _ = try await Self.failedJoin(port: server.port, header: "Forwarded: for=203.0.113.5")
                }
                return try await Self.failedJoin(port: server.port, header: "Forwarded: for=\"[2001:db8::9]:1234\"")
            }
        }
        #expect(code == .roomNotFound)
    }

    /// Three failed joins as one forwarded client, then one attempt as another; returns the
    /// code the other client gets.
    static func otherClientAfterAFloodOfFailures(_ trusted: [String]) async throws -> SignalingErrorCode? {
        try await TestServer.with({
            $0.joinFailuresAllowed = 2
            $0.trustedProxies = try! TrustedProxies(trusted)
        }) { server in
            try await withTimeout(.seconds(20), "joins through the proxy") {
                for _ in 0..<3 {
                    _ = try await Self.failedJoin(port: server.port, forwardedFor: "203.0.113.5")
                }
                return try await Self.failedJoin(port: server.port, forwardedFor: "203.0.113.9")
            }
        }
    }

    static func failedJoin(port: Int, forwardedFor: String) async throws -> SignalingErrorCode? {
        try await failedJoin(port: port, header: "X-Forwarded-For: \(forwardedFor)")
    }

    static func failedJoin(port: Int, header: String) async throws -> SignalingErrorCode? {
        try await RawWebSocket.with(port: port, headers: [header]) { socket in
            try await socket.sendText(ClientMessage.joinCode(roomCode: "ZZZZZZ", name: "Typo", password: nil).jsonText())
            let frame = try await socket.receive()
            guard let frame, case .error(let error) = try ServerMessage.decode(Data(frame.payload)) else { return nil }
            return error.code
        }
    }

    @Test func behindATrustedProxyTheLockoutIsPerRealClient() async throws {
        #expect(try await Self.otherClientAfterAFloodOfFailures(["127.0.0.1/32"]) == .roomNotFound)
    }

    @Test func fromAnUntrustedPeerTheHeaderIsIgnored() async throws {
        // Loopback not trusted: both "clients" are 127.0.0.1, and the first locked it out.
        #expect(try await Self.otherClientAfterAFloodOfFailures(["10.0.0.0/8"]) == .rateLimited)
    }
}
