/// A bounded wait ran out.
public struct TimeoutError: Error, CustomStringConvertible {
    public let what: String

    /// What was being waited for.
    public init(what: String) { self.what = what }
    public var description: String { "timed out waiting for \(what)" }
}
