public import Foundation

extension ServerMessage: Codable {
    enum CodingKeys: String, CodingKey {
        case type, v, participant, participantID, reason, hostID, from, sdp, candidate, code, message, iceServers
    }

    /// Decodes one server message, throwing ``SignalingError`` for bad input.
    public static func decode(_ data: Data) throws(SignalingError) -> ServerMessage {
        try MessageDecoding.decode(ServerMessage.self, from: data)
    }

    /// Decodes one server message from its UTF-8 bytes: the relayed kinds through a byte scanner
    /// (instances relay these to each other), everything else as ``decode(_:)`` does; the result
    /// and the errors are the same either way.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(SignalingError) -> ServerMessage {
        try MessageDecoding.decode(utf8: bytes, scan: RelayMessageScanner.scanServer, full: decode(_:))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try MessageDecoding.checkVersion(container, key: .v)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "room-created":
            self = .roomCreated(try RoomCreated(from: decoder))
        case "joined":
            self = .joined(try RoomJoined(from: decoder))
        case "participant-joined":
            self = .participantJoined(try container.decode(ParticipantInfo.self, forKey: .participant))
        case "participant-left":
            self = .participantLeft(
                try container.decode(UUID.self, forKey: .participantID),
                reason: try container.decodeIfPresent(LeaveReason.self, forKey: .reason))
        case "host-changed":
            self = .hostChanged(try container.decode(UUID.self, forKey: .hostID))
        case "offer":
            self = .offer(from: try container.decode(UUID.self, forKey: .from), sdp: try container.decode(String.self, forKey: .sdp))
        case "answer":
            self = .answer(from: try container.decode(UUID.self, forKey: .from), sdp: try container.decode(String.self, forKey: .sdp))
        case "candidate":
            self = .candidate(
                from: try container.decode(UUID.self, forKey: .from),
                candidate: try container.decode(ICECandidateInit.self, forKey: .candidate)
            )
        case "error":
            self = .error(
                SignalingError(
                    SignalingErrorCode(rawValue: try container.decode(String.self, forKey: .code)),
                    try container.decodeIfPresent(String.self, forKey: .message) ?? ""
                )
            )
        case "pong":
            self = .pong
        case "ice-servers":
            self = .iceServers(try container.decode([ICEServer].self, forKey: .iceServers))
        default:
            throw SignalingError(.unknownType, "unknown message type '\(type.prefix(64))'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .roomCreated(let body):
            try body.encode(to: encoder)
        case .joined(let body):
            try body.encode(to: encoder)
        case .participantJoined(let participant):
            try container.encode(participant, forKey: .participant)
        case .participantLeft(let id, let reason):
            try container.encode(id, forKey: .participantID)
            try container.encodeIfPresent(reason, forKey: .reason)
        case .hostChanged(let id):
            try container.encode(id, forKey: .hostID)
        case .offer(let from, let sdp), .answer(let from, let sdp):
            try container.encode(from, forKey: .from)
            try container.encode(sdp, forKey: .sdp)
        case .candidate(let from, let candidate):
            try container.encode(from, forKey: .from)
            try container.encode(candidate, forKey: .candidate)
        case .error(let error):
            try container.encode(error.code.rawValue, forKey: .code)
            try container.encode(error.message, forKey: .message)
        case .pong:
            break
        case .iceServers(let servers):
            try container.encode(servers, forKey: .iceServers)
        }
    }

    /// The JSON text of this message (hand-written for the hot path, `JSONEncoder` for the rest).
    public func jsonText() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// The JSON text of this message as UTF-8 bytes, what the server puts in a text frame
    /// (relays skip building a `String` on the way).
    public func jsonBytes() -> [UInt8] {
        var writer = JSONTextWriter(capacity: JSONTextWriter.capacity(relaying: relayedTextBytes))
        writer.field("type", type)
        switch self {
        case .roomCreated, .joined, .iceServers:
            return Array(MessageEncoding.text(of: self).utf8)
        case .participantJoined(let participant):
            writer.field("participant") { object in
                object.field("id", uuid: participant.id)
                object.field("name", participant.name)
                object.field("role", participant.role.rawValue)
            }
        case .participantLeft(let id, let reason):
            writer.field("participantID", uuid: id)
            if let reason { writer.field("reason", reason.rawValue) }
        case .hostChanged(let id):
            writer.field("hostID", uuid: id)
        case .offer(let from, let sdp), .answer(let from, let sdp):
            writer.field("from", uuid: from)
            writer.field("sdp", sdp)
        case .candidate(let from, let candidate):
            writer.field("from", uuid: from)
            writer.field("candidate") { $0.write(candidate) }
        case .error(let error):
            writer.field("code", error.code.rawValue)
            writer.field("message", error.message)
        case .pong:
            break
        }
        return writer.finish()
    }

    /// The relayed message (`offer`, `answer`, `candidate` with its `from`) these UTF-8 bytes hold
    /// when the byte scanner is certain of it, else nil (anything else, which ``decode(utf8:)``
    /// judges). A message it returns is what ``decode(utf8:)`` returns, and the bytes hold nothing
    /// more (no other key, no key twice): any JSON parser reads the same message from them, so
    /// they may be passed on as they are.
    public static func scannedRelay(utf8 bytes: UnsafeRawBufferPointer) -> ServerMessage? {
        RelayMessageScanner.scanServer(bytes)
    }

    /// The bytes of text a client chose in a relayed message (an offer's or answer's SDP, a
    /// candidate's strings), which only `maxMessageBytes` bounds: what weighs in the server's
    /// outboxes beyond a small message, and what sizes the JSON writer.
    package var relayedTextBytes: Int {
        switch self {
        case .offer(_, let text), .answer(_, let text): text.utf8.count
        case .candidate(_, let candidate): candidate.textBytes
        default: 0
        }
    }
}
