import PostgresNIO

/// One batch of notifications in one statement (so one commit), in order: prepared once per
/// connection, so PostgreSQL parses and plans it once rather than for every batch.
struct NotifyStatement: PostgresPreparedStatement {
    static let sql = "SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS t(c, p)"
    typealias Row = Bool

    let channels: [String]
    let payloads: [String]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(channels)
        bindings.append(payloads)
        return bindings
    }

    /// `pg_notify` returns nothing worth reading: a row is just one notification queued.
    func decodeRow(_ row: PostgresRow) throws -> Row {
        true
    }
}
