import ArgumentParser
import Foundation
import SignalingProtocol
import SignalingServer

/// `collab token`: mints an access token for a server started with `--auth-key`.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an access token (JWT) for a server started with the same --auth-key.",
        discussion: """
            The key file is a PEM EC P-256 private key (ES256) or a shared secret of at least 32 bytes \
            (HS256), as for `collab serve --auth-key`. Give the token to a client with --token or \
            $COLLAB_TOKEN, or to a browser as ?token= on the server URL. With --create and no --room the \
            token admits to any room.
            """
    )

    @Option(help: "The key file (or $COLLAB_AUTH_KEY=PATH).") var authKey: String?
    @Option(help: "The room code the token admits to, or * for any room.") var room: String?
    @Flag(help: "The holder may create rooms.") var create = false
    @Option(help: "The holder's display name (the server uses it instead of the one the client sends).") var name: String
    @Option(help: "Highest role the holder may take: host or participant (never creates, never becomes host).")
    var role = "host"
    @Option(help: "Lifetime in seconds.") var ttl = 3600

    func validate() throws {
        _ = try key()
        guard room != nil || create else { throw ValidationError("give --room CODE, --create, or both") }
        if let room, room != AccessClaims.anyRoom {
            do { _ = try RoomCode(room) } catch { throw ValidationError("--room \(room): \(error.message)") }
        }
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("--name is empty") }
        guard AccessClaims.roles.contains(role) else { throw ValidationError("--role must be host or participant") }
        guard !(create && role == "participant") else { throw ValidationError("--create needs --role host") }
        guard ttl > 0 else { throw ValidationError("--ttl must be positive") }
    }

    func run() async throws {
        let room = self.room.map { $0 == AccessClaims.anyRoom ? $0 : (try? RoomCode($0))?.value ?? $0 } ?? AccessClaims.anyRoom
        let claims = AccessClaims(
            expires: Date().addingTimeInterval(TimeInterval(ttl)), name: name.trimmingCharacters(in: .whitespacesAndNewlines),
            room: room, create: create, role: role)
        say(try await key().sign(claims))
    }

    private func key() throws -> AccessKey {
        try Serve.accessKey(path: authKey) ?? { throw ValidationError("give --auth-key PATH or COLLAB_AUTH_KEY=PATH") }()
    }
}
