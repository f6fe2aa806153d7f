// Total orders so that cores can walk dictionaries in a fixed order: Swift randomizes hashing per
// process, and iterating a dictionary while emitting packets would make simulations irreproducible.

extension IPAddress: Comparable {
    /// IPv4 before IPv6, then by numeric value.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): a < b
        case (.v4, .v6): true
        case (.v6, .v4): false
        case (.v6(let ah, let al), .v6(let bh, let bl)): (ah, al) < (bh, bl)
        }
    }
}

extension TransportAddress: Comparable {
    /// By IP, then port.
    public static func < (lhs: TransportAddress, rhs: TransportAddress) -> Bool {
        (lhs.ip, lhs.port) < (rhs.ip, rhs.port)
    }
}
