/// What `collab doctor` found, and its verdict (`--json` prints this).
struct DoctorReport: Encodable {
    /// The one-word answer: how peer links can work from here.
    enum Verdict: String, Encodable {
        /// Direct links (host or server-reflexive candidates) are possible.
        case direct
        /// The NAT maps per destination (or UDP to the public address is unknown): TURN over UDP is needed.
        case turnUDP = "turn-udp"
        /// No UDP leaves this network: only TURN over TCP or TLS works.
        case turnTCP = "turn-tcp"
        /// The signaling server cannot be reached, or no path at all was found.
        case unreachable
    }

    /// How the NAT maps one local port towards different destinations (RFC 4787 §4.1).
    enum Mapping: String, Encodable {
        /// The same public address towards every server: peers can reach us directly.
        case endpointIndependent = "endpoint-independent"
        /// A new public port per destination ("symmetric" NAT): a peer's checks will miss, TURN is needed.
        case endpointDependent = "endpoint-dependent"
        /// Only one STUN server answered: the mapping behaviour cannot be told.
        case unknown
        /// No STUN answer at all: UDP does not leave this network (or no STUN server was offered).
        case noUDP = "no-udp"

        var explanation: String {
            switch self {
            case .endpointIndependent: "endpoint-independent (one public address for every destination: direct links can work)"
            case .endpointDependent: "endpoint-dependent (a new public port per destination: direct links will fail, TURN is needed)"
            case .unknown: "unknown (only one STUN server answered)"
            case .noUDP: "no answer over UDP (UDP is blocked, or the server offers no STUN)"
            }
        }
    }

    struct Interface: Encodable {
        var name: String
        var address: String
        var up: Bool
        var usable: Bool
    }

    struct Signaling: Encodable {
        var ok: Bool
        var roundTripMs: Double?
        var error: String?
    }

    struct Reflexive: Encodable {
        var server: String
        var local: String?
        var mapped: String?
    }

    struct Relay: Encodable {
        var url: String
        var transport: String
        var ok: Bool
        var relay: String?
        var ms: Double?
        var error: String?
    }

    var interfaces: [Interface] = []
    var signaling = Signaling(ok: false, roundTripMs: nil, error: "not tried")
    var iceServers: [String] = []
    var reflexive: [Reflexive] = []
    var mapping: Mapping = .noUDP
    var turn: [Relay] = []
    var verdict: Verdict = .unreachable
    var advice = ""

    /// Sets ``verdict`` and ``advice`` from the findings.
    mutating func decide() {
        let udpRelay = turn.contains { $0.ok && $0.transport == "udp" }
        let streamRelay = turn.contains { $0.ok && $0.transport != "udp" }
        guard signaling.ok else {
            verdict = .unreachable
            advice = "the signaling server cannot be reached: check the URL, the server, and any proxy or firewall"
            return
        }
        switch mapping {
        case .endpointIndependent, .unknown:
            verdict = .direct
            advice = mapping == .unknown
                ? "UDP reaches the server; direct links should work (the NAT's mapping could not be checked against a second server)"
                : "direct links possible"
        case .endpointDependent:
            if udpRelay || !streamRelay {
                verdict = .turnUDP
                advice = udpRelay ? "TURN over UDP needed (it works from here)"
                    : "TURN over UDP needed, but no TURN relay worked: ask the server's operator for TURN"
            } else {
                verdict = .turnTCP
                advice = "only TURN over TCP/TLS worked from here"
            }
        case .noUDP:
            if udpRelay {
                verdict = .turnUDP
                advice = "no STUN answer, but TURN over UDP works"
            } else if streamRelay {
                verdict = .turnTCP
                advice = "only TURN over TCP works (UDP is blocked on this network)"
            } else {
                verdict = .unreachable
                advice = iceServers.isEmpty
                    ? "the server offers no STUN or TURN: peers outside this network cannot be reached"
                    : "no UDP and no TURN relay worked: peer links cannot be made from this network"
            }
        }
    }
}
