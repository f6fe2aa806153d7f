import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL
import NIOWebSocket
import SignalingProtocol

extension SignalingSession {
    /// Connects, and after each unexpected drop reconnects with exponential backoff and jitter.
    func runLoop() async {
        var attempt = 0
        while !Task.isCancelled {
            let connectedBefore = await connectOnce()
            if Task.isCancelled { return }
            guard detached() else { return }
            guard configuration.reconnect else {
                setState(.disconnected)
                return
            }
            attempt = connectedBefore ? 1 : attempt + 1
            let delay = backoff(attempt: attempt)
            logger.info("signaling connection lost; reconnecting", metadata: ["attempt": "\(attempt)", "delay": "\(delay)"])
            do { try await Task.sleep(for: delay) } catch { return }
        }
    }

    /// One WebSocket connection, run to its end. Returns whether it got as far as connected.
    private func connectOnce() async -> Bool {
        var wsConfiguration = WebSocketClientConfiguration(
            maxFrameSize: configuration.maxMessageBytes, closeTimeout: .seconds(5), autoPing: .disabled)
        let urls = [configuration.url] + configuration.fallbackURLs
        var url = urls[connectionAttempts % urls.count]
        connectionAttempts += 1
        if let token = configuration.accessToken {
            wsConfiguration.additionalHeaders[.authorization] = "Bearer \(token)"
            if membership != nil { url += url.contains("?") ? "&resume=1" : "?resume=1" }
        }
        let attached = AttachFlag()
        do {
            let tls = try tlsConfiguration()
            let connection = Task { [logger, wsConfiguration, url] in
                try await WebSocketClient.connect(
                    url: url, configuration: wsConfiguration, tlsConfiguration: tls, logger: logger
                ) {
                inbound, outbound, _ in
                let (lines, sink) = AsyncStream.makeStream(of: String.self)
                await self.attach(sink)
                attached.set()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await line in lines { try await outbound.write(.text(line)) }
                        // Our side finished the queue (close or `reconnect()`): end the socket.
                        try await outbound.close(.goingAway, reason: nil)
                    }
                    for try await message in inbound.messages(maxSize: self.configuration.maxMessageBytes) {
                        guard case .text(let text) = message else { continue }
                        await self.handle(text)
                    }
                    group.cancelAll()
                }
                }
            }
            connectionTask = connection
            defer { connectionTask = nil }
            let closeFrame = try await withTaskCancellationHandler {
                try await connection.value
            } onCancel: {
                connection.cancel()
            }
            if let closeFrame, attached.value, state != .closed {
                emit(.serverClosed(code: UInt16(webSocketErrorCode: closeFrame.closeCode), reason: closeFrame.reason))
            }
        } catch {
            logger.debug("signaling connection ended", metadata: ["error": "\(error)"])
            if !attached.value {
                reportConnectFailure("\(error)")
            }
        }
        return attached.value
    }

    /// The system trust store plus ``SignalingSessionConfiguration/additionalTrustRootsPEM``; `nil`
    /// leaves WebSocketClient's default (system roots only, and unused for `ws://`).
    private func tlsConfiguration() throws -> TLSConfiguration? {
        guard let pem = configuration.additionalTrustRootsPEM else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))]
        return tls
    }

    private func reportConnectFailure(_ why: String) {
        if state == .connecting { failConnectWaiter(.connectFailed(why)) }
    }

    private func backoff(attempt: Int) -> Duration {
        let base = configuration.initialBackoff * (1 << min(attempt - 1, 20))
        let capped = min(base, configuration.maxBackoff)
        // ±50 % jitter so a restarted server is not hit by every client in the same instant.
        return capped * Double.random(in: 0.5...1.5)
    }
}

/// Set once from inside the connection handler; read after it returns.
final class AttachFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
}
