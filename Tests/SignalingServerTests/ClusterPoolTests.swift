import Foundation
import Logging
import PostgresNIO
import RTCBase
@testable import SignalingServer
import Testing

/// A database that accepts connections and then never answers (what a wedged pool looks like
/// from outside): statements fail at their deadline instead of waiting forever, and two missed
/// in a row replace the pool.
@Suite(.timeLimit(.minutes(1))) struct ClusterPoolTests {
    @Test func statementsAgainstASilentServerFailAtTheDeadlineAndThePoolIsReplaced() async throws {
        let silent = try SilentListener()
        defer { silent.close() }
        var configuration = PostgresClient.Configuration(
            host: "127.0.0.1", port: Int(silent.port), username: "collab", password: nil, database: "collab", tls: .disable)
        configuration.options.connectTimeout = .seconds(30)
        let pool = ClusterPool(configuration: configuration, statementDeadline: .milliseconds(300), logger: Logger(label: "test"))
        pool.start()
        defer { pool.stop() }
        for attempt in 1...ClusterPool.wedgedAfter {
            await #expect(throws: TimeoutError.self, "statement \(attempt)") {
                try await pool.run("SELECT 1") { client in
                    try await client.query("SELECT 1", logger: Logger(label: "test")).collect().count
                }
            }
        }
        #expect(pool.replacements == 1)
    }
}

/// A TCP listener on loopback whose connections the kernel completes and nobody ever reads.
private struct SilentListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound, listen(descriptor, 16) == 0 else {
            _ = Glibc.close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
