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

    /// The other kinds, small and rare.
    private struct Wire: Codable {
        var k: String
        var c: UInt64?
        var r: UInt64?
        var b: Bool?
        var why: String?
        var text: String?
        var id: Int64?
    }

    /// The relayed kinds with the message embedded as a JSON object (not a string), so each side
    /// encodes and decodes it once, as a WebSocket message is.
    private struct WireIn: Decodable {
        var c: UInt64
        var m: ClientMessage
        var a: RemoteAttachment?
        var r: UInt64?
    }

    private struct WireOut: Decodable {
        var c: UInt64
        var m: ServerMessage
    }

    /// One line of JSON: the messages' own writers and JSONEncoder escape newlines, so lines split a
    /// batch safely. `k` comes first, which lets ``parse(_:)`` pick the shape without a second pass.
    func line() -> String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``line()``'s UTF-8 to `bytes`: the NOTIFY sender builds its payloads this way, the
    /// relayed message's JSON copied once, without a `String` per envelope.
    func append(to bytes: inout [UInt8]) {
        switch self {
        case .input(let connection, let message, let attach, let request):
            bytes += #"{"k":"in","c":"#.utf8
            bytes += String(connection).utf8
            if let request {
                bytes += #","r":"#.utf8
                bytes += String(request).utf8
            }
            if let attach, let data = try? JSONEncoder().encode(attach) {
                bytes += #","a":"#.utf8
                bytes += data
            }
            bytes += #","m":"#.utf8
            bytes += message.jsonBytes()
            bytes.append(UInt8(ascii: "}"))
        case .output(let connection, let message):
            bytes += #"{"k":"out","c":"#.utf8
            bytes += String(connection).utf8
            bytes += #","m":"#.utf8
            bytes += message.jsonBytes()
            bytes.append(UInt8(ascii: "}"))
        case .close(let connection, let reason):
            let (why, text) = reason.wire
            bytes += Self.encode(Wire(k: "close", c: connection, why: why, text: text)).utf8
        case .joinResult(let connection, let request, let bound):
            bytes += Self.encode(Wire(k: "result", c: connection, r: request, b: bound)).utf8
        case .detach(let connection):
            bytes += Self.encode(Wire(k: "detach", c: connection)).utf8
        case .blob(let id):
            bytes += Self.encode(Wire(k: "blob", id: id)).utf8
        }
    }

    private static func encode(_ wire: Wire) -> String {
        // Encoding a struct of strings and numbers cannot fail.
        let data = (try? JSONEncoder().encode(wire)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses one line; anything malformed is a ``ClusterEnvelopeError``.
    static func parse(_ line: Substring) throws(ClusterEnvelopeError) -> ClusterEnvelope {
        if let envelope = line.utf8.withContiguousStorageIfAvailable({ parseRelayed($0) }) ?? nil { return envelope }
        let data = Data(line.utf8)
        do {
            if line.hasPrefix(#"{"k":"in","#) {
                let wire = try JSONDecoder().decode(WireIn.self, from: data)
                return .input(connection: wire.c, message: wire.m, attach: wire.a, request: wire.r)
            }
            if line.hasPrefix(#"{"k":"out","#) {
                let wire = try JSONDecoder().decode(WireOut.self, from: data)
                return .output(connection: wire.c, message: wire.m)
            }
        } catch {
            throw ClusterEnvelopeError("bad relayed message: \(error)")
        }
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: data)
        } catch {
            throw ClusterEnvelopeError("not an envelope: \(error)")
        }
        func connection() throws(ClusterEnvelopeError) -> UInt64 {
            guard let c = wire.c else { throw ClusterEnvelopeError("'\(wire.k)' without a connection") }
            return c
        }
        switch wire.k {
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
