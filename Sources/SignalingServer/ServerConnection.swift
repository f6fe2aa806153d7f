import CoreMetrics
import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import SignalingProtocol

/// One client's WebSocket: a reader that checks size and rate, decodes and hands messages to the
/// hub, and a writer that drains the connection's bounded outbox (so every message to a client,
/// relay or reply, goes out in one order).
struct ServerConnection: Sendable {
    let hub: SignalingHub
    let configuration: SignalingServerConfiguration
    let logger: Logger
    let hardLimit: Int

    func run(
        address: String, requestHost: String? = nil, versionError: SignalingError?, inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter
    ) async throws {
        let (id, outbox) = await hub.open(address: address, requestHost: requestHost)
        let logger = {
            var logger = self.logger
            logger[metadataKey: "connection"] = "\(id)"
            return logger
        }()
        logger.debug("connected", metadata: ["address": "\(address)"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Self.write(outbox, to: outbound, logger: logger) }
            do {
                try await read(inbound, id: id, versionError: versionError, logger: logger)
            } catch {
                logger.debug("read ended", metadata: ["error": "\(error)"])
            }
            // Finishes the outbox: the writer sends what is queued (an abuse close ends with a
            // close frame) and stops; writes to a socket the peer already closed just fail.
            await hub.closed(id)
        }
        logger.debug("disconnected")
    }

    private func read(
        _ inbound: WebSocketInboundStream, id: ConnectionID, versionError: SignalingError?, logger: Logger
    ) async throws {
        let start = ContinuousClock.now
        var messages = TokenBucket(rate: configuration.messagesPerSecond, burst: configuration.messageBurst, now: start)
        var errors = TokenBucket(rate: configuration.errorsPerSecond, burst: configuration.errorBurst, now: start)
        for try await message in inbound.messages(maxSize: hardLimit) {
            if let versionError {
                // Answered on the first message rather than at once: a frame sent right behind
                // the 101 response can be lost by a client still switching its pipeline.
                await hub.reply(.error(versionError), to: id)
                await hub.closeConnection(id, .policyViolation("unsupported protocol version"))
                return
            }
            let now = ContinuousClock.now
            let outcome = Self.parse(message, limit: configuration.maxMessageBytes, bucket: &messages, now: now)
            switch outcome {
            case .success(let decoded):
                hub.metrics.messagesIn.increment()
                logger.trace("received", metadata: ["type": "\(decoded.type)"])
                let failed = await hub.receiveReportingError(decoded, from: id)
                if failed, !errors.take(now: now) {
                    await closeForAbuse(id, logger: logger)
                    return
                }
            case .failure(let error):
                await hub.reply(.error(error), to: id)
                if !errors.take(now: now) {
                    await closeForAbuse(id, logger: logger)
                    return
                }
            }
        }
    }

    private func closeForAbuse(_ id: ConnectionID, logger: Logger) async {
        logger.notice("closing abusive connection (too many errors)")
        await hub.closeConnection(id, .policyViolation("too many bad or excess messages"))
    }

    private static func parse(
        _ message: WebSocketMessage, limit: Int, bucket: inout TokenBucket, now: ContinuousClock.Instant
    ) -> Result<ClientMessage, SignalingError> {
        guard case .text(let text) = message else {
            return .failure(SignalingError(.badMessage, "protocol v1 uses JSON text frames, not binary"))
        }
        guard text.utf8.count <= limit else {
            return .failure(SignalingError(.tooLarge, "message is \(text.utf8.count) bytes; the limit is \(limit)"))
        }
        guard bucket.take(now: now) else {
            return .failure(SignalingError(.rateLimited, "too many messages; slow down"))
        }
        return Result { () throws(SignalingError) in try ClientMessage.decode(Data(text.utf8)) }
    }

    private static func write(_ outbox: AsyncStream<OutboundItem>, to outbound: WebSocketOutboundWriter, logger: Logger) async {
        do {
            for await item in outbox {
                switch item {
                case .message(let message):
                    try await outbound.write(.text(message.jsonText()))
                case .close(let reason):
                    try await outbound.close(reason.webSocketCode, reason: reason.text)
                    return
                }
            }
            // The hub finished the stream while the socket may still be open (a reader too slow
            // for its queue): close it.
            try await outbound.close(CloseReason.tooSlow.webSocketCode, reason: CloseReason.tooSlow.text)
        } catch {
            logger.debug("write ended", metadata: ["error": "\(error)"])
        }
    }
}

extension CloseReason {
    var webSocketCode: WebSocketErrorCode {
        switch self {
        case .policyViolation, .tooSlow: .policyViolation
        case .replaced: .normalClosure
        case .goingAway: .goingAway
        }
    }

    var text: String {
        switch self {
        case .policyViolation(let why): why
        case .replaced: "resumed on another connection"
        case .tooSlow: "outbound queue full"
        case .goingAway: "server shutting down"
        }
    }
}
