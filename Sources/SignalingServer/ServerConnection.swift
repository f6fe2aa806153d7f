import Prometheus
import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import SignalingProtocol

/// One client's WebSocket: a reader that checks size and rate, decodes and hands relays to their
/// target (``RelaySeat``) or messages to the hub, and an ``OutboxWriter`` that drains the
/// connection's bounded outbox on its event loop (so every message to a client, relay or reply,
/// goes out in one order).
struct ServerConnection: Sendable {
    let hub: SignalingHub
    let limits: ConnectionLimits
    let logger: Logger

    func run(
        address: String, requestHost: String? = nil, grant: AccessGrant? = nil, versionError: SignalingError?,
        closeSocket: @escaping @Sendable () -> Void, channel: any Channel, inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter
    ) async throws {
        let (id, outbox, seat) = await hub.open(
            address: address, requestHost: requestHost, grant: grant, closeSocket: closeSocket)
        let logger = {
            var logger = self.logger
            logger[metadataKey: "connection"] = "\(id)"
            return logger
        }()
        logger.debug("connected", metadata: ["address": "\(address)"])
        let writes = WriteClock()
        let writer = OutboxWriter(outbox: outbox, channel: channel, writes: writes, metrics: hub.metrics) { [hub] reason in
            do {
                try await outbound.close(reason.webSocketCode, reason: reason.text)
                await hub.closeFrameSent(id)
            } catch {
                logger.debug("write ended", metadata: ["error": "\(error)"])
            }
        }
        outbox.attach { writer.wake() }
        let watchdog = watch(id, writes: writes, opened: .now, on: channel.eventLoop)
        defer { watchdog.cancel() }
        var readError: (any Error)?
        do {
            // A client's close frame is answered by the WebSocket layer, which then closes the
            // socket's output: the writer's frames queued after that fail rather than follow it.
            try await read(inbound, id: id, seat: seat, versionError: versionError, logger: logger)
        } catch {
            logger.debug("read ended", metadata: ["error": "\(error)"])
            // The WebSocket layer closes with the code this error stands for (1002, 1007,
            // 1009): the writer must not race it with a close frame of its own.
            writer.stop()
            readError = error
        }
        // Finishes the outbox: the writer sends what is queued (an abuse close ends with a
        // close frame) and stops; writes to a socket the peer already closed just fail.
        await hub.closed(id)
        try? await writer.finished.get()
        logger.debug("disconnected")
        if let readError { throw readError }
    }

    private func read(
        _ inbound: WebSocketInboundStream, id: ConnectionID, seat: RelaySeat, versionError: SignalingError?,
        logger: Logger
    ) async throws {
        let start = ContinuousClock.now
        var messages = TokenBucket(rate: limits.messagesPerSecond, burst: limits.messageBurst, now: start)
        var errors = TokenBucket(rate: limits.errorsPerSecond, burst: limits.errorBurst, now: start)
        var assembler = MessageAssembler(hardLimit: limits.hardLimit)
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
                case .message(let bytes): outcome = Self.decode(bytes, limit: limits.maxMessageBytes)
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
                switch seat.relay(decoded, received: now) {
                case .delivered:
                    hub.metrics.relayed.increment()
                    continue
                case .overflowed(let target):
                    await hub.relayOverflowed(to: target)
                    continue
                case .declined:
                    break
                }
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
            return .message(try ClientMessage.decode(utf8: bytes))
        } catch {
            return .reply(error)
        }
    }

    /// Wakes every half period to enforce the write timeout and, once, the join timeout: a timer
    /// on the connection's event loop rather than a task per connection (less memory, no task
    /// wake-up when there is nothing to do).
    private func watch(
        _ id: ConnectionID, writes: WriteClock, opened: ContinuousClock.Instant, on loop: any EventLoop
    ) -> RepeatedTask {
        let period = TimeAmount(min(limits.writeTimeout, limits.joinTimeout) / 2)
        let (writeTimeout, joinTimeout, hub) = (limits.writeTimeout, limits.joinTimeout, hub)
        let joinChecked = NIOLoopBoundBox.makeBoxSendingValue(false, eventLoop: loop)
        return loop.scheduleRepeatedTask(initialDelay: period, delay: period) { task in
            let now = ContinuousClock.now
            if let since = writes.pendingSince, now - since > writeTimeout {
                task.cancel()
                Task { await hub.writeTimedOut(id) }
                return
            }
            if !joinChecked.value, now - opened >= joinTimeout {
                joinChecked.value = true
                Task { await hub.joinTimeout(id) }
            }
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
