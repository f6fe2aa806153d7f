import Foundation

/// Where the shared PostgreSQL is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`.
public struct PostgresURL: Sendable, Equatable {
    /// How the connection uses TLS (libpq's `sslmode`, the three modes postgres-nio has).
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String
    public let tls: TLSMode

    /// Parses a URL, naming what is wrong with a bad one.
    public init(_ text: String) throws(PostgresURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme else {
            // Not the text itself: it may hold the database password.
            throw PostgresURLError("the PostgreSQL URL (\(text.utf8.count) bytes) is not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresURLError("the scheme must be postgres:// or postgresql://, not \(scheme)://")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresURLError("the URL names no host") }
        guard let user = components.user, !user.isEmpty else { throw PostgresURLError("the URL names no user (postgres://USER@HOST/DB)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw PostgresURLError("the URL names no database (postgres://USER@HOST/DB)") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresURLError("port \(port) is out of range") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw PostgresURLError("unknown URL parameter '\(item.name)' (only sslmode)") }
            guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                throw PostgresURLError("sslmode must be disable, prefer or require")
            }
            tls = mode
        }
        self.host = host
        self.port = port
        self.user = user
        self.password = components.password
        self.database = database
        self.tls = tls
    }

    /// The URL without its password, for logs.
    public var redacted: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}

/// A `--postgres` URL that cannot be used.
public struct PostgresURLError: Error, CustomStringConvertible, Equatable {
    public let description: String

    init(_ description: String) {
        self.description = "bad PostgreSQL URL: " + description
    }
}
