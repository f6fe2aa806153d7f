public import Foundation

/// Debian's nginx, started by a test as a reverse proxy on loopback ports, without privileges it
/// does not need: its own prefix, configuration, pid and logs in a fresh temporary directory,
/// `daemon off` so the process the test started is the master, stopped by that PID.
public final class NginxProcess {
    public static let executable = "/usr/sbin/nginx"
    /// Where its configuration, logs and temporary files live.
    public let directory: URL
    private let process = Process()

    /// Whether nginx is installed (`scripts/setup` installs Debian's package).
    public static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: executable)
    }

    /// Starts nginx with `site` (a server configuration as in `/etc/nginx/sites-enabled`) inside
    /// a minimal main configuration. Call ``waitUntilListening(port:timeout:)`` before connecting.
    public init(site: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nginx-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.path
        let main = """
            error_log \(path)/error.log info;
            worker_processes 1;
            events { worker_connections 512; }
            http {
                access_log \(path)/access.log;
                client_body_temp_path \(path)/client_body;
                proxy_temp_path \(path)/proxy;
                fastcgi_temp_path \(path)/fastcgi;
                uwsgi_temp_path \(path)/uwsgi;
                scgi_temp_path \(path)/scgi;
                include \(path)/site.conf;
            }

            """
        try Data(main.utf8).write(to: directory.appendingPathComponent("nginx.conf"))
        try Data(site.utf8).write(to: directory.appendingPathComponent("site.conf"))
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "-c", "\(path)/nginx.conf", "-p", "\(path)/", "-e", "\(path)/error.log",
            "-g", "daemon off; pid \(path)/nginx.pid;",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until 127.0.0.1:`port` accepts connections: nginx announces nothing on stdout, so
    /// the port is probed with connects, at most every 20 ms, until `timeout`.
    public func waitUntilListening(port: UInt16, timeout: Duration = .seconds(10)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        for attempt in 0... {
            if CoturnProcess.acceptsTCP(port: port) { return }
            guard process.isRunning, clock.now < deadline, attempt < 1000 else {
                throw NginxError.notListening(port: port, log: errorLog)
            }
            // Paces the probe; a blocking sleep here would hold a thread of the cooperative pool.
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Its error log so far, for failure messages.
    public var errorLog: String {
        (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
    }

    /// Stops nginx by its PID (SIGQUIT: graceful; SIGKILL if it lingers) and removes its files,
    /// waiting without holding a thread of the cooperative pool.
    public func stop() async {
        await process.stopByPID(SIGQUIT, grace: 5)
        try? FileManager.default.removeItem(at: directory)
    }
}

/// nginx did not come up.
public enum NginxError: Error, CustomStringConvertible {
    case notListening(port: UInt16, log: String)

    public var description: String {
        switch self {
        case .notListening(let port, let log): "nginx is not listening on \(port); its log:\n\(log)"
        }
    }
}
