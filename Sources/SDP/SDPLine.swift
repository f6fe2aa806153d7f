/// One `<type>=<value>` line of a session description, other than an `m=` line.
///
/// RFC 8866 section 5: "An SDP description consists of a number of lines of text of the form:
/// `<type>=<value>` where `<type>` MUST be exactly one case-significant character and `<value>`
/// is structured text whose format depends on `<type>`."
///
/// The value is kept verbatim, so lines this module does not understand survive a round trip.
public struct SDPLine: Hashable, Sendable {
    /// The one-letter line type, such as `a`, `c` or `o`.
    public var type: Character
    /// Everything after the `=`, without the line terminator.
    public var value: String

    /// Creates a line; `type` should be a lowercase ASCII letter.
    public init(type: Character, value: String) {
        self.type = type
        self.value = value
    }

    /// Creates an attribute line, `a=<name>` or `a=<name>:<value>` (RFC 8866 section 5.13).
    public static func attribute(_ name: String, _ value: String? = nil) -> SDPLine {
        SDPLine(type: "a", value: value.map { "\(name):\($0)" } ?? name)
    }

    /// The attribute this line carries, or nil when it is not an `a=` line.
    ///
    /// RFC 8866 section 5.13: `a=<attribute-name>` or `a=<attribute-name>:<attribute-value>`.
    public var attribute: SDPAttribute? {
        guard type == "a" else { return nil }
        guard let colon = value.firstIndex(of: ":") else {
            return SDPAttribute(name: value, value: nil)
        }
        return SDPAttribute(
            name: String(value[..<colon]),
            value: String(value[value.index(after: colon)...])
        )
    }

    /// The line as it appears on the wire, without the terminator.
    public var text: String { "\(type)=\(value)" }
}
