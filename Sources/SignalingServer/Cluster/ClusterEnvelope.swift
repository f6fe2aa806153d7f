import Foundation
import SignalingProtocol

/// One message between two instances, carried in a NOTIFY payload (one JSON object a line).
///
/// A connection held by instance B whose room lives on instance A (its home) is proxied: B sends
/// A the client's messages (`input`), A answers with what its state machine sends or does to
/// that connection (`output`, `close`), and B tells A when the socket is gone (`detach`).
enum ClusterEnvelope: Sendable, Equatable {
    /// A client message from connection `connection` of the sending instance. The first one
    /// carries `attach` (who the client is); `request` asks for a ``joinResult``.
    case input(connection: UInt64, message: ClientMessage, attach: RemoteAttachment?, request: UInt64?)
    /// A server message for connection `connection` of the receiving instance.
    case output(connection: UInt64, message: ServerMessage)
    /// Close connection `connection` of the receiving instance.
    case close(connection: UInt64, reason: CloseReason)
    /// Whether the join `request` left the connection in a room on the sending instance.
    case joinResult(connection: UInt64, request: UInt64, bound: Bool)
    /// Connection `connection` of the sending instance is gone.
    case detach(connection: UInt64)
    /// An envelope too large for a notification, kept in `collab_relay_blobs` under this id.
    case blob(id: Int64)

    private struct Wire: Codable {
        var k: String
        var c: UInt64?
        var m: String?
        var a: RemoteAttachment?
        var r: UInt64?
        var b: Bool?
        var why: String?
        var text: String?
        var id: Int64?
    }

    /// One line of JSON (JSONEncoder escapes newlines, so lines split a batch safely).
    func line() -> String {
        var wire = Wire(k: "")
        switch self {
        case .input(let connection, let message, let attach, let request):
            wire = Wire(k: "in", c: connection, m: message.jsonText(), a: attach, r: request)
        case .output(let connection, let message):
            wire = Wire(k: "out", c: connection, m: message.jsonText())
        case .close(let connection, let reason):
            let (why, text) = reason.wire
            wire = Wire(k: "close", c: connection, why: why, text: text)
        case .joinResult(let connection, let request, let bound):
            wire = Wire(k: "result", c: connection, r: request, b: bound)
        case .detach(let connection):
            wire = Wire(k: "detach", c: connection)
        case .blob(let id):
            wire = Wire(k: "blob", id: id)
        }
        // Encoding a struct of strings and numbers cannot fail.
        let data = (try? JSONEncoder().encode(wire)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses one line; anything malformed is a ``ClusterEnvelopeError``.
    static func parse(_ line: Substring) throws(ClusterEnvelopeError) -> ClusterEnvelope {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(line.utf8))
        } catch {
            throw ClusterEnvelopeError("not an envelope: \(error)")
        }
        func connection() throws(ClusterEnvelopeError) -> UInt64 {
            guard let c = wire.c else { throw ClusterEnvelopeError("'\(wire.k)' without a connection") }
            return c
        }
        func text() throws(ClusterEnvelopeError) -> Data {
            guard let m = wire.m else { throw ClusterEnvelopeError("'\(wire.k)' without a message") }
            return Data(m.utf8)
        }
        switch wire.k {
        case "in":
            let message: ClientMessage
            do { message = try ClientMessage.decode(try text()) } catch { throw ClusterEnvelopeError("bad client message: \(error)") }
            return .input(connection: try connection(), message: message, attach: wire.a, request: wire.r)
        case "out":
            let message: ServerMessage
            do { message = try ServerMessage.decode(try text()) } catch { throw ClusterEnvelopeError("bad server message: \(error)") }
            return .output(connection: try connection(), message: message)
        case "close":
            guard let why = wire.why, let reason = CloseReason(wire: why, text: wire.text ?? "") else {
                throw ClusterEnvelopeError("close without a known reason")
            }
            return .close(connection: try connection(), reason: reason)
        case "result":
            guard let request = wire.r, let bound = wire.b else { throw ClusterEnvelopeError("result without request or outcome") }
            return .joinResult(connection: try connection(), request: request, bound: bound)
        case "detach":
            return .detach(connection: try connection())
        case "blob":
            guard let id = wire.id else { throw ClusterEnvelopeError("blob without an id") }
            return .blob(id: id)
        default:
            throw ClusterEnvelopeError("unknown envelope kind '\(wire.k.prefix(32))'")
        }
    }
}

/// Who a proxied client is, for the home instance's state machine.
struct RemoteAttachment: Codable, Sendable, Equatable {
    let address: String
    let requestHost: String?
    let grant: Grant?

    /// ``AccessGrant`` as it travels.
    struct Grant: Codable, Sendable, Equatable {
        let room: String?
        let name: String
        let mayCreate: Bool
        let mayHost: Bool
        let resumeOnly: Bool
    }

    init(address: String, requestHost: String?, grant: AccessGrant?) {
        self.address = address
        self.requestHost = requestHost
        self.grant = grant.map {
            Grant(room: $0.room?.value, name: $0.name, mayCreate: $0.mayCreate, mayHost: $0.mayHost, resumeOnly: $0.resumeOnly)
        }
    }

    /// The grant back, or an error when its room code is not a code.
    func accessGrant() throws(ClusterEnvelopeError) -> AccessGrant? {
        guard let grant else { return nil }
        var room: RoomCode?
        if let code = grant.room {
            do { room = try RoomCode(code) } catch { throw ClusterEnvelopeError("grant for a bad room code") }
        }
        return AccessGrant(room: room, name: grant.name, mayCreate: grant.mayCreate, mayHost: grant.mayHost, resumeOnly: grant.resumeOnly)
    }
}

/// A NOTIFY payload or envelope that does not parse.
struct ClusterEnvelopeError: Error, CustomStringConvertible, Equatable {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
