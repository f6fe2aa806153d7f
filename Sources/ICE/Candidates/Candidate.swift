public import RTCBase
import STUN

/// An ICE candidate as signaled in SDP: a transport address with type, priority and foundation.
public struct Candidate: Hashable, Sendable, CustomStringConvertible {
    /// One `name value` pair after the mandatory fields, e.g. `generation 0` or `network-id 1`.
    public struct Extension: Hashable, Sendable {
        /// The extension attribute name.
        public var name: String
        /// Its value.
        public var value: String

        /// Creates an extension pair.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// RFC 8445 §5.1.1.3: equal for candidates of the same type, base IP, server and transport.
    public var foundation: String
    /// Component ID; data channels only use component 1.
    public var component: UInt16
    /// Lower-cased transport, `udp` for everything this agent uses.
    public var transport: String
    /// RFC 8445 §5.1.2 priority.
    public var priority: UInt32
    /// The transport address.
    public var address: TransportAddress
    /// The candidate type.
    public var type: CandidateType
    /// `raddr`/`rport`: the base of a reflexive candidate or the mapped address of a relay one.
    public var relatedAddress: TransportAddress?
    /// Other extension attributes in order, kept so unknown ones survive a round trip.
    public var extensions: [Extension]

    /// Creates a candidate.
    public init(foundation: String, component: UInt16 = 1, transport: String = "udp", priority: UInt32,
                address: TransportAddress, type: CandidateType, relatedAddress: TransportAddress? = nil,
                extensions: [Extension] = []) {
        self.foundation = foundation
        self.component = component
        self.transport = transport
        self.priority = priority
        self.address = address
        self.type = type
        self.relatedAddress = relatedAddress
        self.extensions = extensions
    }

    /// RFC 8445 §5.1.2.1: `priority = (2^24)*(type preference) + (2^8)*(local preference) + (2^0)*(256 - component ID)`.
    public static func priority(type: CandidateType, localPreference: UInt16, component: UInt16 = 1) -> UInt32 {
        (type.typePreference << 24) + (UInt32(localPreference) << 8) + (256 - UInt32(min(component, 256)))
    }

    /// The value of the `ufrag` extension, if present.
    public var ufrag: String? {
        extensions.first { $0.name == "ufrag" }?.value
    }

    /// The `candidate:` attribute line, see ``sdpAttribute``.
    public var description: String { sdpAttribute }
}
