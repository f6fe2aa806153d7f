// Total orders so that cores can walk dictionaries in a fixed order: Swift randomizes hashing per
// process, and iterating a dictionary while emitting packets would make simulations irreproducible.

extension TransactionID: Comparable {
    /// Orders by the 96-bit value.
    public static func < (lhs: TransactionID, rhs: TransactionID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
