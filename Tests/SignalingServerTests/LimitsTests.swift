import Crypto
import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

@Suite(.timeLimit(.minutes(1))) struct LimitsTests {
    @Test func joinRateLimitTripsOnAttemptElevenAndNotBefore() async throws {
        try await TestServer.with { server in
            let (host, _) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana", password: "pw")
            let (guesser, _) = try await makeClient(server)
            for attempt in 1...10 {
                do {
                    // Alternate the two kinds of failure the guard counts.
                    if attempt % 2 == 0 {
                        try await guesser.join(code: room.roomCode.value, name: "Eve", password: "guess\(attempt)")
                    } else {
                        try await guesser.join(code: "ZZZZZZ", name: "Eve")
                    }
                    Issue.record("attempt \(attempt) joined")
                } catch SignalingSessionError.server(let error) {
                    #expect(error.code != .rateLimited, "attempt \(attempt) was rate limited")
                }
            }
            do {
                // The eleventh attempt is right, and still refused while the address is locked out.
                try await guesser.join(code: room.roomCode.value, name: "Eve", password: "pw")
                Issue.record("attempt 11 joined")
            } catch SignalingSessionError.server(let error) {
                #expect(error.code == .rateLimited)
            }
            await guesser.close()
            await host.close()
        } as Void
    }

    @Test func turnCredentialsVerifyWithHMAC() async throws {
        let secret = "north-sea-secret"
        try await TestServer.with({
            $0.turnURLs = ["turn:127.0.0.1:3478"]
            $0.turnSecret = secret
            $0.turnTTL = .seconds(600)
            $0.stunURLs = ["stun:127.0.0.1:3478"]
        }) { server in
            let (host, _) = try await makeClient(server)
            let before = Int(Date().timeIntervalSince1970)
            let room = try await host.createRoom(name: "Ana")
            #expect(room.iceServers.first?.urls == ["stun:127.0.0.1:3478"])
            let turn = try #require(room.iceServers.first { $0.urls == ["turn:127.0.0.1:3478"] })
            let username = try #require(turn.username)
            let parts = username.split(separator: ":", maxSplits: 1)
            #expect(parts.count == 2)
            #expect(String(parts[1]) == room.participantID.uuidString)
            let expiry = try #require(Int(parts[0]))
            #expect(expiry >= before + 600 && expiry <= before + 602)
            // Independently of TURNCredentials: what coturn computes for use-auth-secret.
            let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(username.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            #expect(turn.credential == Data(mac).base64EncodedString())
            await host.close()
        } as Void
    }

    @Test func turnCredentialKnownAnswer() {
        // HMAC-SHA1("secret", "1700000000:alice"), computed with `openssl dgst -sha1 -hmac secret -binary | base64`.
        #expect(TURNCredentials.password(secret: "secret", username: "1700000000:alice") == "d8soP47RbdIKLDUOpnJPVQyq5Ts=")
    }
}
