/// Which agent nominates (RFC 8445 §6.1.1): the controlling one.
public enum ICERole: Hashable, Sendable {
    /// Nominates pairs with USE-CANDIDATE.
    case controlling
    /// Accepts the controlling agent's nomination.
    case controlled

    /// The other role.
    public var flipped: ICERole { self == .controlling ? .controlled : .controlling }
}
