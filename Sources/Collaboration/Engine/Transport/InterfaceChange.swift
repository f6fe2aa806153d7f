/// What changed between two readings of the machine's usable addresses.
public struct InterfaceChange: Hashable, Sendable {
    /// Addresses that appeared (as text, e.g. `192.168.2.10`).
    public var added: [String]
    /// Addresses that disappeared: links whose path used one of these are broken.
    public var removed: [String]

    /// Creates a change.
    public init(added: [String], removed: [String]) {
        self.added = added
        self.removed = removed
    }

    /// The change from `old` to `new`, or `nil` when nothing changed.
    public static func between(_ old: [String], _ new: [String]) -> InterfaceChange? {
        let before = Set(old)
        let after = Set(new)
        guard before != after else { return nil }
        return InterfaceChange(added: new.filter { !before.contains($0) }, removed: old.filter { !after.contains($0) })
    }
}
