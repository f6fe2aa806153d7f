import PostgresNIO

/// One batch of notifications in one statement (so one commit), in order: prepared once per
/// connection, so PostgreSQL parses and plans it once rather than for every batch.
struct NotifyStatement: PostgresPreparedStatement {
    static let sql = "SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS t(c, p)"
    typealias Row = Bool

    /// The name PostgresNIO would give it (`String(reflecting:)`), made once: its default builds
    /// it for every statement, which showed in the sender's profile.
    static let name = "SignalingServer.NotifyStatement"

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
