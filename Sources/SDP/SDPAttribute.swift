/// An `a=` line split into name and value.
///
/// RFC 8866 section 5.13: "Attributes are ... of two forms: a property attribute
/// `a=<attribute-name>` ... [or] a value attribute `a=<attribute-name>:<attribute-value>`."
public struct SDPAttribute: Hashable, Sendable {
    /// The attribute name, such as `ice-ufrag`.
    public var name: String
    /// The text after the first `:`, or nil for a property attribute such as `a=end-of-candidates`.
    public var value: String?

    /// Creates an attribute.
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}
