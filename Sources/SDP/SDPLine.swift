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
        let end = attributeNameEnd
        return SDPAttribute(name: String(Substring(value.utf8[..<end])), value: attributeText(after: end))
    }

    /// The value of this line when it is the attribute `name`: `.some(nil)` for a property
    /// attribute (`a=<name>`), `.some(value)` for `a=<name>:<value>`, `nil` for any other line.
    ///
    /// Compares bytes and builds a String only for the match: a description is read a dozen
    /// times per negotiation (one lookup per attribute), and splitting every line into two new
    /// Strings for each lookup was most of `setRemoteDescription` (issue 15, connect).
    public func attributeValue(named name: String) -> String?? {
        guard type == "a" else { return nil }
        let end = attributeNameEnd
        guard value.utf8[..<end].elementsEqual(name.utf8) else { return nil }
        return .some(attributeText(after: end))
    }

    /// Where an attribute's name ends: at the first colon, else at the end of the line.
    private var attributeNameEnd: String.UTF8View.Index {
        value.utf8.firstIndex(of: UInt8(ascii: ":")) ?? value.utf8.endIndex
    }

    /// The attribute's value after the colon at `nameEnd`, or nil for a property attribute.
    private func attributeText(after nameEnd: String.UTF8View.Index) -> String? {
        guard nameEnd != value.utf8.endIndex else { return nil }
        return String(Substring(value.utf8[value.utf8.index(after: nameEnd)...]))
    }

    /// The line as it appears on the wire, without the terminator.
    public var text: String { "\(type)=\(value)" }
}
