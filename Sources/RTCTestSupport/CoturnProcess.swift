import Crypto
public import Foundation
public import ICE
import RTCBase

/// Debian's coturn `turnserver`, started by a test on 127.0.0.1 only, with REST-style credentials.
///
/// Its files (pid file, SQLite DB, log) live in a fresh temporary directory; ``stop()`` ends it by
/// its own PID.
public final class CoturnProcess {
    public static let executable = "/usr/bin/turnserver"
    /// The UDP port, also the TCP one when TCP is enabled (RFC 8656 §3.1: 3478 serves both).
    public let port: UInt16
    /// The TLS port when TLS is enabled.
    public let tlsPort: UInt16?
    public let secret: String
    public let directory: URL
    private let process = Process()
    private let tcpPorts: [UInt16]

    /// Whether Debian's coturn package is installed (`scripts/setup` installs it).
    public static var isInstalled: Bool {
        guard let dpkg = try? ChildProcess.run(["/usr/bin/dpkg", "-s", "coturn"]) else { return false }
        return dpkg.exitCode == 0 && FileManager.default.isExecutableFile(atPath: executable)
    }

    /// Starts `turnserver` on a free loopback UDP port with relay ports from `relayPorts`; with
    /// `tcp`, TURN over TCP on the same port number; with `tls`, TURN over TLS on another port
    /// with that certificate. Call ``waitUntilListening(timeout:)`` before a TCP/TLS client connects.
    public init(relayPorts: ClosedRange<Int> = 49_200...49_400, tcp: Bool = false,
                tls: TestCertificateAuthority.ServerIdentity? = nil) throws {
        port = try Self.freeUDPPort()
        tlsPort = try tls.map { _ in try Self.freeTCPPort() }
        tcpPorts = (tcp ? [port] : []) + (tlsPort.map { [$0] } ?? [])
        secret = "collab-" + UUID().uuidString
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coturn-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "-n",
            "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=\(port)",
            "--min-port=\(relayPorts.lowerBound)", "--max-port=\(relayPorts.upperBound)",
            "--use-auth-secret", "--static-auth-secret=\(secret)", "--realm=collab.test",
            "--allow-loopback-peers", "--no-cli", "--no-dtls", "--no-tcp-relay",
            "--no-rfc5780", "--no-multicast-peers", "--relay-threads=1",
            "--log-file=stdout", "--simple-log",
            "--pidfile=\(directory.appendingPathComponent("turnserver.pid").path)",
            "--db=\(directory.appendingPathComponent("turndb").path)",
        ]
        if !tcp { process.arguments?.append("--no-tcp") }
        if let tls, let tlsPort {
            process.arguments? += ["--tls-listening-port=\(tlsPort)", "--cert=\(tls.certificatePath)", "--pkey=\(tls.keyPath)"]
        } else {
            process.arguments?.append("--no-tls")
        }
        let log = directory.appendingPathComponent("turnserver.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The server as the ICE agent sees it over `transport`, with REST credentials valid for an hour.
    public func iceServer(user: String, transport: TURNTransport = .udp) -> ICEServerCredentials {
        let username = "\(Int(Date().timeIntervalSince1970) + 3600):\(user)"
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(username.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let serverPort = transport == .tls ? (tlsPort ?? port) : port
        return ICEServerCredentials(address: TransportAddress(ip: .loopbackV4, port: serverPort), username: username,
                                    password: Data(mac).base64EncodedString(), transport: transport)
    }

    /// Waits until the TCP and TLS listeners accept connections (UDP needs no wait: STUN
    /// retransmits). coturn announces nothing when it is ready, so its ports are probed with
    /// connects, at most every 20 ms, until `timeout` (20 s: under the whole parallel suite coturn
    /// once took more than 5 s to listen).
    public func waitUntilListening(timeout: Duration = .seconds(20)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        for port in tcpPorts {
            for attempt in 0... {
                if Self.acceptsTCP(port: port) { break }
                guard process.isRunning, clock.now < deadline, attempt < 1000 else { throw CoturnError.notListening(port) }
                // Paces the probe; a blocking sleep here would hold a thread of the cooperative pool.
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// The server's log so far, for failure messages.
    public var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("turnserver.log"), encoding: .utf8)) ?? ""
    }

    /// Stops the server by its PID (SIGTERM, then SIGKILL if it lingers) and removes its files.
    public func stop() {
        process.stopByPID(SIGTERM, grace: 3)
        try? FileManager.default.removeItem(at: directory)
    }

    /// ``stop()`` that waits without holding a thread of the cooperative pool.
    public func stop() async {
        await process.stopByPID(SIGTERM, grace: 3)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether a TCP connect to 127.0.0.1:`port` succeeds now (the connection is closed at once).
    static func acceptsTCP(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A UDP port nobody is bound to on 127.0.0.1 right now (bind to port 0, read it back, close).
    public static func freeUDPPort() throws -> UInt16 {
        try freePort(type: Int32(SOCK_DGRAM.rawValue))
    }

    /// A TCP port nobody is bound to on 127.0.0.1 right now.
    public static func freeTCPPort() throws -> UInt16 {
        try freePort(type: Int32(SOCK_STREAM.rawValue))
    }

    private static func freePort(type: Int32) throws -> UInt16 {
        let fd = socket(AF_INET, type, 0)
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
