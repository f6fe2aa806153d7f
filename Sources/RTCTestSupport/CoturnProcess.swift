import Crypto
public import Foundation
import STUN

/// Debian's coturn `turnserver`, started by a test on 127.0.0.1 only, with REST-style credentials.
///
/// Its files (pid file, SQLite DB, log) live in a fresh temporary directory; ``stop()`` ends it by
/// its own PID.
public final class CoturnProcess {
    public static let executable = "/usr/bin/turnserver"
    public let port: UInt16
    public let secret: String
    public let directory: URL
    private let process = Process()

    /// Whether Debian's coturn package is installed (`scripts/setup` installs it).
    public static var isInstalled: Bool {
        let dpkg = Process()
        dpkg.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg")
        dpkg.arguments = ["-s", "coturn"]
        dpkg.standardOutput = FileHandle.nullDevice
        dpkg.standardError = FileHandle.nullDevice
        guard (try? dpkg.run()) != nil else { return false }
        dpkg.waitUntilExit()
        return dpkg.terminationStatus == 0 && FileManager.default.isExecutableFile(atPath: executable)
    }

    /// Starts `turnserver` on a free loopback UDP port with relay ports from `relayPorts`.
    public init(relayPorts: ClosedRange<Int> = 49_200...49_400) throws {
        port = try Self.freeUDPPort()
        secret = "collab-" + UUID().uuidString
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coturn-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "-n",
            "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=\(port)",
            "--min-port=\(relayPorts.lowerBound)", "--max-port=\(relayPorts.upperBound)",
            "--use-auth-secret", "--static-auth-secret=\(secret)", "--realm=collab.test",
            "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls", "--no-tcp", "--no-tcp-relay",
            "--no-rfc5780", "--no-multicast-peers", "--relay-threads=1",
            "--log-file=stdout", "--simple-log",
            "--pidfile=\(directory.appendingPathComponent("turnserver.pid").path)",
            "--db=\(directory.appendingPathComponent("turndb").path)",
        ]
        let log = directory.appendingPathComponent("turnserver.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The server as the ICE agent sees it, with REST credentials valid for an hour.
    public func iceServer(user: String) -> ICEServerCredentials {
        let username = "\(Int(Date().timeIntervalSince1970) + 3600):\(user)"
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(username.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return ICEServerCredentials(address: SocketAddress(ip: .loopbackV4, port: port), username: username,
                                    password: Data(mac).base64EncodedString())
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// The server's log so far, for failure messages.
    public var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("turnserver.log"), encoding: .utf8)) ?? ""
    }

    /// Stops the server by its PID (SIGTERM, then SIGKILL if it lingers) and removes its files.
    public func stop() {
        if process.isRunning {
            let pid = process.processIdentifier
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A UDP port nobody is bound to on 127.0.0.1 right now (bind to port 0, read it back, close).
    public static func freeUDPPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw CoturnError.noFreePort }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard ok else { throw CoturnError.noFreePort }
        return UInt16(bigEndian: address.sin_port)
    }
}
