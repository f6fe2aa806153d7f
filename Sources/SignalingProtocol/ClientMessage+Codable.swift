public import Foundation

extension ClientMessage: Codable {
    enum CodingKeys: String, CodingKey {
        case type, v, name, password, roomID, sessionID, roomCode, resumeToken, to, sdp, candidate, participantID
    }

    /// Decodes one client message, throwing ``SignalingError`` (never a raw `DecodingError`) for
    /// bad input so the server can answer with the right code.
    public static func decode(_ data: Data) throws(SignalingError) -> ClientMessage {
        try MessageDecoding.decode(ClientMessage.self, from: data)
    }

    /// Decodes one client message from its UTF-8 bytes (an array, a slice of a buffer): the relay
    /// messages through a byte scanner (the server's hot path), everything else, and anything the
    /// scanner is not sure of, as ``decode(_:)`` does; the result and the errors are the same
    /// either way.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(SignalingError) -> ClientMessage {
        try MessageDecoding.decode(utf8: bytes, scan: RelayMessageScanner.scan, full: decode(_:))
    }

    /// The relay message (`offer`, `answer`, `candidate`) these UTF-8 bytes hold when the byte
    /// scanner is certain of it, else nil (anything else, which ``decode(utf8:)`` judges). A message
    /// it returns is valid UTF-8 and what ``decode(utf8:)`` would return.
    public static func scannedRelay(utf8 bytes: UnsafeRawBufferPointer) -> ClientMessage? {
        RelayMessageScanner.scan(bytes)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try MessageDecoding.checkVersion(container, key: .v)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "create-room":
            self = .createRoom(
                name: try container.decodeIfPresent(String.self, forKey: .name) ?? Self.defaultName,
                password: try container.decodeIfPresent(String.self, forKey: .password)
            )
        case "join":
            let token = try container.decodeIfPresent(String.self, forKey: .resumeToken)
            let name = try container.decodeIfPresent(String.self, forKey: .name) ?? (token == nil ? Self.defaultName : nil)
            self = .join(
                roomID: try Self.roomID(container),
                name: name,
                password: try container.decodeIfPresent(String.self, forKey: .password),
                resumeToken: token
            )
        case "join-code":
            self = .joinCode(
                roomCode: try container.decode(String.self, forKey: .roomCode),
                name: try container.decodeIfPresent(String.self, forKey: .name) ?? Self.defaultName,
                password: try container.decodeIfPresent(String.self, forKey: .password)
            )
        case "offer":
            self = .offer(to: try container.decodeIfPresent(UUID.self, forKey: .to), sdp: try container.decode(String.self, forKey: .sdp))
        case "answer":
            self = .answer(to: try container.decodeIfPresent(UUID.self, forKey: .to), sdp: try container.decode(String.self, forKey: .sdp))
        case "candidate":
            self = .candidate(
                to: try container.decodeIfPresent(UUID.self, forKey: .to),
                candidate: try container.decode(ICECandidateInit.self, forKey: .candidate)
            )
        case "leave":
            self = .leave
        case "ping":
            self = .ping
        case "ice-servers":
            self = .refreshICEServers
        case "remove":
            self = .remove(participantID: try container.decode(UUID.self, forKey: .participantID))
        default:
            throw SignalingError(.unknownType, "unknown message type '\(type.prefix(64))'")
        }
    }

    /// `roomID`, or the integration guide's `sessionID` for it; both present must agree.
    private static func roomID(_ container: KeyedDecodingContainer<CodingKeys>) throws -> UUID {
        let roomID = try container.decodeIfPresent(UUID.self, forKey: .roomID)
        let sessionID = try container.decodeIfPresent(UUID.self, forKey: .sessionID)
        switch (roomID, sessionID) {
        case (let id?, nil), (nil, let id?):
            return id
        case (let id?, let other?) where id == other:
            return id
        case (.some, .some):
            throw SignalingError(.badMessage, "'roomID' and 'sessionID' name different rooms")
        case (nil, nil):
            throw SignalingError(.badMessage, "missing field 'roomID'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .createRoom(let name, let password):
            try container.encode(name, forKey: .name)
            try container.encodeIfPresent(password, forKey: .password)
        case .join(let roomID, let name, let password, let resumeToken):
            try container.encode(roomID, forKey: .roomID)
            try container.encodeIfPresent(name, forKey: .name)
            try container.encodeIfPresent(password, forKey: .password)
            try container.encodeIfPresent(resumeToken, forKey: .resumeToken)
        case .joinCode(let roomCode, let name, let password):
            try container.encode(roomCode, forKey: .roomCode)
            try container.encode(name, forKey: .name)
            try container.encodeIfPresent(password, forKey: .password)
        case .offer(let to, let sdp), .answer(let to, let sdp):
            try container.encodeIfPresent(to, forKey: .to)
            try container.encode(sdp, forKey: .sdp)
        case .candidate(let to, let candidate):
            try container.encodeIfPresent(to, forKey: .to)
            try container.encode(candidate, forKey: .candidate)
        case .remove(let participantID):
            try container.encode(participantID, forKey: .participantID)
        case .leave, .ping, .refreshICEServers:
            break
        }
    }

    /// The JSON text of this message (hand-written: clients send these at relay rates).
    public func jsonText() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// The JSON text of this message as UTF-8 bytes (a cluster instance appends them to a NOTIFY
    /// payload without building a `String` on the way).
    public func jsonBytes() -> [UInt8] {
        var writer = JSONTextWriter(capacity: JSONTextWriter.capacity(relaying: relayedTextBytes))
        writer.field("type", type)
        switch self {
        case .createRoom(let name, let password):
            writer.field("name", name)
            if let password { writer.field("password", password) }
        case .join(let roomID, let name, let password, let resumeToken):
            writer.field("roomID", uuid: roomID)
            if let name { writer.field("name", name) }
            if let password { writer.field("password", password) }
            if let resumeToken { writer.field("resumeToken", resumeToken) }
        case .joinCode(let roomCode, let name, let password):
            writer.field("roomCode", roomCode)
            writer.field("name", name)
            if let password { writer.field("password", password) }
        case .offer(let to, let sdp), .answer(let to, let sdp):
            if let to { writer.field("to", uuid: to) }
            writer.field("sdp", sdp)
        case .candidate(let to, let candidate):
            if let to { writer.field("to", uuid: to) }
            writer.field("candidate") { $0.write(candidate) }
        case .remove(let participantID):
            writer.field("participantID", uuid: participantID)
        case .leave, .ping, .refreshICEServers:
            break
        }
        return writer.finish()
    }

    /// The bytes of the text the client chose that the message carries (an SDP, a candidate,
    /// a name or password): the part of its size a client controls, what the server's cluster
    /// queues weigh and what sizes the JSON writer.
    package var relayedTextBytes: Int {
        switch self {
        case .offer(_, let text), .answer(_, let text): text.utf8.count
        case .candidate(_, let candidate): candidate.textBytes
        case .createRoom(let name, let password): name.utf8.count + (password?.utf8.count ?? 0)
        case .joinCode(let code, let name, let password):
            code.utf8.count + name.utf8.count + (password?.utf8.count ?? 0)
        case .join(_, let name, let password, let token):
            (name?.utf8.count ?? 0) + (password?.utf8.count ?? 0) + (token?.utf8.count ?? 0)
        case .ping, .refreshICEServers, .leave, .remove: 0
        }
    }
}
