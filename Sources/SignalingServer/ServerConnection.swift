import Prometheus
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
        address: String, requestHost: String? = nil, grant: AccessGrant? = nil, versionError: SignalingError?,
        closeSocket: @escaping @Sendable () -> Void, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async throws {
        let (id, outbox) = await hub.open(
            address: address, requestHost: requestHost, grant: grant, closeSocket: closeSocket)
        let logger = {
            var logger = self.logger
            logger[metadataKey: "connection"] = "\(id)"
            return logger
        }()
        logger.debug("connected", metadata: ["address": "\(address)"])
        let writes = WriteClock()
        let watchdog = Task { await watch(id, writes: writes, opened: .now) }
        defer { watchdog.cancel() }
        let readError: (any Error)? = await withTaskGroup(of: Void.self) { group in
            group.addTask { await write(outbox, to: outbound, id: id, writes: writes, logger: logger) }
            var readError: (any Error)?
            do {
                try await read(inbound, id: id, versionError: versionError, logger: logger)
            } catch {
                logger.debug("read ended", metadata: ["error": "\(error)"])
                // The WebSocket layer closes with the code this error stands for (1002, 1007,
                // 1009): the writer must not race it with a close frame of its own.
                group.cancelAll()
                readError = error
            }
            // Finishes the outbox: the writer sends what is queued (an abuse close ends with a
            // close frame) and stops; writes to a socket the peer already closed just fail.
            await hub.closed(id)
            return readError
        }
        logger.debug("disconnected")
        if let readError { throw readError }
    }

    private func read(
        _ inbound: WebSocketInboundStream, id: ConnectionID, versionError: SignalingError?, logger: Logger
    ) async throws {
        let start = ContinuousClock.now
        var messages = TokenBucket(rate: configuration.messagesPerSecond, burst: configuration.messageBurst, now: start)
        var errors = TokenBucket(rate: configuration.errorsPerSecond, burst: configuration.errorBurst, now: start)
        var assembler = MessageAssembler(hardLimit: hardLimit)
        for try await frame in inbound {
            if let versionError {
                // Answered on the first frame rather than at once: a frame sent right behind
                // the 101 response can be lost by a client still switching its pipeline.
                await hub.reply(.error(versionError), to: id)
                await hub.closeConnection(id, .policyViolation("unsupported protocol version"))
                return
            }
            let now = ContinuousClock.now
            let isContinuation = frame.opcode == .continuation
            // Every frame takes a token, so a message cut into many fragments costs as much as
            // that many messages.
            let outcome: InboundOutcome
            if messages.take(now: now) {
                switch assembler.receive(isContinuation: isContinuation, fin: frame.fin, payload: frame.data.readableBytesView) {
                case .fragment: continue
                case .violation(let reason): outcome = .close(reason)
                case .message(let bytes): outcome = Self.decode(bytes, limit: configuration.maxMessageBytes)
                }
            } else {
                assembler.drop(isContinuation: isContinuation, fin: frame.fin)
                outcome = .reply(SignalingError(.rateLimited, "too many messages; slow down"))
            }
            switch outcome {
            case .close(let reason):
                logger.debug("closing on a protocol violation", metadata: ["reason": "\(reason)"])
                await hub.closeConnection(id, reason)
                return
            case .message(let decoded):
                hub.metrics.messagesIn.increment()
                logger.trace("received", metadata: ["type": "\(decoded.type)"])
                let failed = await hub.receiveReportingError(decoded, from: id, received: now)
                if failed, !errors.take(now: now) {
                    await closeForAbuse(id, logger: logger)
                    return
                }
            case .reply(let error):
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

    /// One whole message (UTF-8 already checked by the assembler, text and binary frames alike).
    private static func decode(_ bytes: [UInt8], limit: Int) -> InboundOutcome {
        guard bytes.count <= limit else {
            return .reply(SignalingError(.tooLarge, "message is \(bytes.count) bytes; the limit is \(limit)"))
        }
        do {
            return .message(try ClientMessage.decode(Data(bytes)))
        } catch {
            return .reply(error)
        }
    }

    /// Wakes every half period to enforce the write timeout and, once, the join timeout.
    private func watch(_ id: ConnectionID, writes: WriteClock, opened: ContinuousClock.Instant) async {
        let period = min(configuration.writeTimeout, configuration.joinTimeout) / 2
        var joinChecked = false
        while !Task.isCancelled {
            do { try await Task.sleep(for: period) } catch { return }
            let now = ContinuousClock.now
            if let since = writes.pendingSince, now - since > configuration.writeTimeout {
                await hub.writeTimedOut(id)
                return
            }
            if !joinChecked, now - opened >= configuration.joinTimeout {
                joinChecked = true
                await hub.joinTimeout(id)
            }
        }
    }

    private func write(
        _ outbox: AsyncStream<OutboundItem>, to outbound: WebSocketOutboundWriter, id: ConnectionID, writes: WriteClock,
        logger: Logger
    ) async {
        do {
            for await item in outbox {
                // Cancelled: the reader failed and the WebSocket layer owns the close now.
                if Task.isCancelled { return }
                writes.begin(.now)
                switch item {
                case .message(let message):
                    try await outbound.write(.text(message.jsonText()))
                    writes.end()
                case .relay(let message, let received):
                    try await outbound.write(.text(message.jsonText()))
                    writes.end()
                    hub.metrics.relayLatency.record(.now - received)
                case .close(let reason):
                    try await outbound.close(reason.webSocketCode, reason: reason.text)
                    writes.end()
                    await hub.closeFrameSent(id)
                    return
                }
            }
            // Finished by the hub: the reader ended (the WebSocket layer closes) or the client
            // was too slow (its socket is already closed). Nothing left to send either way.
        } catch {
            logger.debug("write ended", metadata: ["error": "\(error)"])
        }
    }
}

extension CloseReason {
    var webSocketCode: WebSocketErrorCode {
        switch self {
        case .policyViolation, .joinTimeout, .removed: .policyViolation
        case .invalidData: .dataInconsistentWithMessage
        case .protocolError: .protocolError
        case .tooBig: .messageTooLarge
        case .replaced, .roomClosed: .normalClosure
        case .goingAway: .goingAway
        }
    }

    var text: String {
        switch self {
        case .policyViolation(let why), .invalidData(let why), .protocolError(let why), .tooBig(let why): why
        case .replaced: "resumed on another connection"
        case .joinTimeout: "joined no room in time"
        case .goingAway: "server shutting down"
        case .removed: "removed from the room"
        case .roomClosed: "the room was closed"
        }
    }
}
