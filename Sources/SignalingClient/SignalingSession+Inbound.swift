import Foundation
import Logging
import SignalingProtocol
import DequeModule

extension SignalingSession {
    /// A socket is up: resume our room first if we had one, else flush the queue.
    func attach(_ sink: AsyncStream<String>.Continuation) {
        guard state != .closed else {
            sink.finish()
            return
        }
        writer = sink
        if let membership {
            resuming = true
            sink.yield(
                ClientMessage.join(roomID: membership.roomID, name: nil, password: nil, resumeToken: membership.resumeToken)
                    .jsonText())
            logger.info("resuming room", metadata: ["room": "\(membership.roomCode)"])
        } else {
            flushQueue()
            setState(.connected)
        }
        if let waiter = connectWaiter {
            connectWaiter = nil
            waiter.resume()
        }
    }

    /// The socket ended. Returns whether the loop should reconnect.
    func detached() -> Bool {
        writer?.finish()
        writer = nil
        resuming = false
        if let pending = pendingRequest {
            pendingRequest = nil
            pending.continuation.resume(throwing: SignalingSessionError.connectionLost)
        }
        for ping in pendingPings { ping.continuation.resume(throwing: SignalingSessionError.connectionLost) }
        pendingPings.removeAll()
        guard state != .closed, state != .disconnected else { return false }
        setState(.reconnecting)
        return true
    }

    /// One text frame from the server.
    func handle(_ text: String) {
        let message: ServerMessage
        do {
            message = try ServerMessage.decode(Data(text.utf8))
        } catch {
            logger.warning("ignoring a server message we cannot read", metadata: ["error": "\(error)"])
            return
        }
        if resuming {
            switch message {
            case .joined(let body):
                resuming = false
                membership = RoomMembership(body)
                let flushed = queue.count
                flushQueue()
                setState(.connected)
                logger.info("resumed room", metadata: ["flushed": "\(flushed)"])
                emit(.resumed(RoomMembership(body)))
                return
            case .error(let error):
                resuming = false
                membership = nil
                let discarded = queue.count
                queue.removeAll()
                setState(.connected)
                logger.warning("could not resume room", metadata: ["error": "\(error)", "discarded": "\(discarded)"])
                emit(.resumeFailed(error, discarded: discarded))
                return
            default:
                // Messages kept for us during the grace period arrive right after `joined`;
                // anything before it belongs to no room of ours.
                break
            }
        }
        switch message {
        case .roomCreated, .joined:
            complete(with: message)
        case .iceServers(let servers):
            membership?.iceServers = servers
            complete(with: message)
        case .error(let error) where pendingRequest != nil && Self.answersJoin(error.code):
            complete(with: message)
        case .pong:
            if !pendingPings.isEmpty { pendingPings.removeFirst().continuation.resume() }
        default:
            membership?.apply(message)
            emit(.message(message))
        }
    }

    private func complete(with message: ServerMessage) {
        guard let pending = pendingRequest else {
            logger.debug("unsolicited \(message.type) ignored")
            return
        }
        pendingRequest = nil
        pending.continuation.resume(returning: message)
    }

    func flushQueue() {
        guard let writer else { return }
        for message in queue { writer.yield(message.jsonText()) }
        queue.removeAll()
    }

    /// Error codes that can be the answer to create-room / join / join-code.
    static func answersJoin(_ code: SignalingErrorCode) -> Bool {
        switch code {
        case .unknownTarget, .notInRoom: false
        default: true
        }
    }
}
