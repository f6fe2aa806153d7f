import RTCBase
import STUN

extension Candidate {
    /// RFC 8839 §5.1:
    /// `candidate:foundation component transport priority address port typ type [raddr a] [rport p] *(name value)`.
    ///
    /// Accepts an optional `a=` prefix, any letter case for the transport, extra spaces, and unknown
    /// extension attributes. TCP candidates parse (the agent then ignores them).
    public init(sdpAttribute line: String) throws(CandidateParseError) {
        var text = Substring(line)
        if text.hasPrefix("a=") { text = text.dropFirst(2) }
        guard text.hasPrefix("candidate:") else { throw .invalidField("candidate") }
        let fields = text.dropFirst("candidate:".count).split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 8, fields[6] == "typ" else { throw .missingField }
        let foundation = String(fields[0])
        guard (1...32).contains(foundation.count), foundation.allSatisfy(Self.isICEChar) else {
            throw .invalidField("foundation")
        }
        guard let component = UInt16(fields[1]), (1...256).contains(component) else { throw .invalidField("component-id") }
        guard let priority = UInt32(fields[3]), priority > 0 else { throw .invalidField("priority") }
        guard let port = UInt16(fields[5]) else { throw .invalidField("port") }
        let host = String(fields[4])
        guard let ip = IPAddress(host) else {
            if host.contains(where: { $0.isLetter }) && !host.contains(":") { throw .unresolvedHostname(host) }
            throw .invalidField("connection-address")
        }
        guard let type = CandidateType(rawValue: String(fields[7]).lowercased()) else { throw .invalidField("cand-type") }
        var relatedIP: IPAddress?, relatedPort: UInt16?, extensions: [Extension] = []
        var index = 8
        while index < fields.count {
            let name = String(fields[index])
            guard index + 1 < fields.count else { throw .invalidField(name) }
            let value = String(fields[index + 1])
            switch name {
            case "raddr":
                guard let ip = IPAddress(value) else { throw .invalidField("raddr") }
                relatedIP = ip
            case "rport":
                guard let port = UInt16(value) else { throw .invalidField("rport") }
                relatedPort = port
            default:
                extensions.append(Extension(name: name, value: value))
            }
            index += 2
        }
        self.init(foundation: foundation, component: component, transport: String(fields[2]).lowercased(),
                  priority: priority, address: TransportAddress(ip: ip, port: port), type: type,
                  relatedAddress: relatedIP.map { TransportAddress(ip: $0, port: relatedPort ?? 0) },
                  extensions: extensions)
    }

    /// The attribute value without `a=`, e.g.
    /// `candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host generation 0`.
    public var sdpAttribute: String {
        var parts = ["candidate:\(foundation)", String(component), transport, String(priority),
                     address.ip.description, String(address.port), "typ", type.rawValue]
        if let relatedAddress {
            parts += ["raddr", relatedAddress.ip.description, "rport", String(relatedAddress.port)]
        }
        for item in extensions { parts += [item.name, item.value] }
        return parts.joined(separator: " ")
    }

    private static func isICEChar(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "+" || character == "/")
    }
}
