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
/// goes out in one order). Most relays never reach the reader: its ``RelayFastPathHandler`` takes
/// them off the frames on the event loop whenever the reader has nothing in hand.
///
/// A class made when the upgrade is decided, so the connection's task holds one reference to
/// what it was opened with rather than copies in each of its async frames.
final class ServerConnection: Sendable {
    let hub: SignalingHub
    let limits: ConnectionLimits
    let logger: Logger
    let channel: any Channel
    /// The client's address (after trusted proxies) and the host its request named.
    let address: String
    let requestHost: String?
    /// What its access token allows, when the server needs one.
    let grant: AccessGrant?
    /// Set when the client asked for a protocol version this server does not speak.
    let versionError: SignalingError?
    /// The connection's fast path, which shares the rate limit and its turn with the reader.
    let fastPath: RelayFastPathHandler

    init(
        hub: SignalingHub, limits: ConnectionLimits, logger: Logger, channel: any Channel, address: String,
        requestHost: String?, grant: AccessGrant?, versionError: SignalingError?, fastPath: RelayFastPathHandler
    ) {
        self.hub = hub
        self.limits = limits
        self.logger = logger
        self.channel = channel
        self.address = address
        self.requestHost = requestHost
        self.grant = grant
        self.versionError = versionError
        self.fastPath = fastPath
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let channel = self.channel
        try await CloseFrameGate.install(on: channel, unlessIn: fastPath)
        let (id, outbox, seat) = await hub.open(
            address: address, requestHost: requestHost, grant: grant, closeSocket: { channel.close(promise: nil) })
        // The connection's id goes into each line's metadata rather than into a logger of its own,
        // which every connection would keep (a copied handler and metadata dictionary).
        let logger = self.logger
        logger.debug("connected", metadata: ["connection": "\(id)", "address": "\(address)"])
        let writes = WriteClock()
        let writer = OutboxWriter(outbox: outbox, channel: channel, writes: writes, metrics: hub.metrics) { [hub] reason in
            do {
                try await outbound.close(reason.webSocketCode, reason: reason.text)
                await hub.closeFrameSent(id)
            } catch {
                logger.debug("write ended", metadata: ["connection": "\(id)", "error": "\(error)"])
            }
        }
        outbox.attach { writer.wake() }
        // A client on a protocol version this server does not speak gets its error, not relays.
        if versionError == nil { fastPath.open(seat) }
        let watchdog = watch(id, writes: writes, opened: .now, channel: channel)
        defer { watchdog.cancel() }
        var readError: (any Error)?
        do {
            // The reader, inline rather than a function of its own: one async frame less in
            // every connection's task. A client's close frame is answered by the WebSocket layer,
            // which then closes the socket's output: frames queued after that fail, not follow it.
            let start = ContinuousClock.now
            var errors = TokenBucket(rate: limits.errorsPerSecond, burst: limits.errorBurst, now: start)
            var assembler = MessageAssembler(hardLimit: limits.hardLimit)
            reading: for try await frame in inbound {
                // Each frame here was passed on by the fast path, which waits until the last is handled.
                defer { fastPath.handled() }
                if let versionError {
                    // Answered on the first frame rather than at once: a frame sent right behind
                    // the 101 response can be lost by a client still switching its pipeline.
                    await hub.reply(.error(versionError), to: id)
                    await hub.closeConnection(id, .policyViolation("unsupported protocol version"))
                    fastPath.stop()
                    break reading
                }
                let now = ContinuousClock.now
                let isContinuation = frame.opcode == .continuation
                // Every frame takes a token, so a message cut into many fragments costs as much as
                // that many messages.
                let outcome: InboundOutcome
                if fastPath.take(now: now) {
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
                    logger.debug("closing on a protocol violation", metadata: ["connection": "\(id)", "reason": "\(reason)"])
                    await hub.closeConnection(id, reason)
                    fastPath.stop()
                    break reading
                case .message(let decoded):
                    hub.metrics.messagesIn.increment()
                    logger.trace("received", metadata: ["connection": "\(id)", "type": "\(decoded.type)"])
                    switch seat.relay(decoded, received: now) {
                    case .delivered:
                        hub.metrics.relayed.increment()
                        continue
                    case .overflowed(let target):
                        await hub.relayOverflowed(to: target)
                        continue
                    case .discarded:
                        hub.metrics.discarded.increment()
                        continue
                    case .forwarded:
                        continue
                    case .declined:
                        break
                    }
                    let failed = await hub.receiveReportingError(decoded, from: id, received: now)
                    if failed, !errors.take(now: now) {
                        await closeForAbuse(id, logger: logger)
                        fastPath.stop()
                        break reading
                    }
                case .reply(let error):
                    await hub.reply(.error(error), to: id)
                    if !errors.take(now: now) {
                        await closeForAbuse(id, logger: logger)
                        fastPath.stop()
                        break reading
                    }
                }
            }
        } catch {
            fastPath.stop()
            logger.debug("read ended", metadata: ["connection": "\(id)", "error": "\(error)"])
            // The WebSocket layer closes with the code this error stands for (1002, 1007,
            // 1009): the writer must not race it with a close frame of its own.
            writer.stop()
            readError = error
        }
        fastPath.stop()
        // Finishes the outbox: the writer sends what is queued (an abuse close ends with a
        // close frame) and stops; writes to a socket the peer already closed just fail.
        await hub.closed(id)
        try? await writer.finished.get()
        logger.debug("disconnected", metadata: ["connection": "\(id)"])
        if let readError { throw readError }
    }

    private func closeForAbuse(_ id: ConnectionID, logger: Logger) async {
        logger.notice("closing abusive connection (too many errors)", metadata: ["connection": "\(id)"])
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
}

extension ServerConnection {
    /// What the connection's timer remembers between ticks.
    private struct WatchState {
        var ticks = 0
        var joinChecked = false
        /// A ping is out and no pong had come when it was sent.
        var waitingForPong = false
        var pongsAtPing = 0
    }

    /// One timer per connection on its event loop (rather than a task each for the watchdog and
    /// the WebSocket layer's keepalive): each tick enforces the write timeout and, once, the join
    /// timeout (a tick is at most half of either), and every ping interval pings the client,
    /// closing the connection with 1001, as the WebSocket layer's own keepalive did, when the
    /// previous ping got no pong. Pongs are counted by the connection's
    /// ``ConnectionGuardHandler``, which sees every frame header.
    fileprivate func watch(
        _ id: ConnectionID, writes: WriteClock, opened: ContinuousClock.Instant, channel: any Channel
    ) -> RepeatedTask {
        // The ping interval is a whole number of ticks, each at most half of either timeout.
        let longestTick = min(limits.writeTimeout / 2, limits.joinTimeout / 2)
        let pingEvery = max(1, Int((limits.pingInterval / longestTick).rounded(.up)))
        let tick = limits.pingInterval / pingEvery
        let (writeTimeout, joinTimeout, hub) = (limits.writeTimeout, limits.joinTimeout, hub)
        let state = NIOLoopBoundBox.makeBoxSendingValue(WatchState(), eventLoop: channel.eventLoop)
        return channel.eventLoop.scheduleRepeatedTask(initialDelay: TimeAmount(tick), delay: TimeAmount(tick)) { task in
            let now = ContinuousClock.now
            if let since = writes.pendingSince, now - since > writeTimeout {
                task.cancel()
                // The hub cuts the member off as too slow if it still knows the connection; the
                // socket is closed here either way, since a connection whose reader has ended is
                // one the hub has already forgotten, and nothing else would ever close it.
                Task {
                    await hub.writeTimedOut(id)
                    channel.close(promise: nil)
                }
                return
            }
            if !state.value.joinChecked, now - opened >= joinTimeout {
                state.value.joinChecked = true
                Task { await hub.joinTimeout(id) }
            }
            state.value.ticks += 1
            guard state.value.ticks % pingEvery == 0,
                let pongs = try? channel.pipeline.syncOperations.handler(type: ConnectionGuardHandler.self).pongsReceived
            else { return }
            if state.value.waitingForPong, pongs == state.value.pongsAtPing {
                task.cancel()
                var reason = ByteBuffer()
                reason.write(webSocketErrorCode: .goingAway)
                reason.writeString("Ping timeout")
                channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: reason), promise: nil)
                channel.close(promise: nil)
                return
            }
            state.value.waitingForPong = true
            state.value.pongsAtPing = pongs
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer(string: "collab")), promise: nil)
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
