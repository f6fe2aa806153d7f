import Foundation
import Logging
import NIOSSL
import PostgresNIO
import RTCBase
import SignalingProtocol

/// Every SQL statement the cluster runs, over a postgres-nio connection pool (which reconnects
/// by itself after the database comes back; ``ClusterPool`` bounds each statement in time), but
/// the heartbeat's, which go on a connection of their own (``liveness``), and the large
/// envelopes', which go on the NOTIFY sender's and the LISTEN task's own connections.
struct ClusterStore: Sendable {
    let pool: ClusterPool
    /// The heartbeat's connection: registering and marking this instance alive wait behind
    /// nothing but the heartbeat task's own statements. Through the pool, a burst of creates and
    /// joins held the heartbeat back until the other instances declared this live one dead and
    /// dropped its clients; on this connection, the dead-instance check's SELECT once queued
    /// ahead of a heartbeat (it now goes through the pool). Its owner runs its
    /// ``ClusterNotifier/watch()``.
    let liveness: ClusterNotifier
    let instanceID: UUID
    let logger: Logger

    init(url: PostgresURL, instanceID: UUID, maxPendingStatements: Int = 1024, logger: Logger) {
        let tls: PostgresClient.Configuration.TLS = switch url.tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 8
        configuration.options.minimumConnections = 1
        configuration.options.keepAliveBehavior = .init(frequency: .seconds(5))
        configuration.options.additionalStartupParameters = Self.startupParameters
        pool = ClusterPool(configuration: configuration, maxPending: maxPendingStatements, logger: logger)
        liveness = ClusterNotifier(purpose: "heartbeat", deadline: pool.statementDeadline, logger: logger) {
            var configuration = try url.connectionConfiguration()
            configuration.options.additionalStartupParameters = Self.startupParameters
            return configuration
        }
        self.instanceID = instanceID
        self.logger = logger
    }

    /// Every connection's session settings (the pool's and the NOTIFY sender's).
    static let startupParameters = [
        // Relay batches and room rows are worth less than a WAL flush each: a database crash loses at
        // most the last moment of them, which clients recover from like a dropped socket.
        ("synchronous_commit", "off"),
        // The server ends what our deadlines gave up on (ClusterPool): a statement after 4 s
        // (under the 5 s deadline), a transaction left open after 15 s, a lock wait after 3 s.
        ("statement_timeout", "4000"), ("idle_in_transaction_session_timeout", "15000"), ("lock_timeout", "3000"),
    ]

    /// The channel an instance LISTENs on.
    static func channel(of instance: UUID) -> String {
        // `collab_` and the 32 lower-case hex digits, written by hand: Foundation's
        // `replacingOccurrences` cost as much as the rest of the NOTIFY sender's work on a batch.
        var name = Array("collab_".utf8)
        name.reserveCapacity(name.count + 32)
        let digits: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: instance.uuid) { bytes in
            digits.withUTF8Buffer { hex in
                for byte in bytes {
                    name.append(hex[Int(byte >> 4)])
                    name.append(hex[Int(byte & 0x0F)])
                }
            }
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// Runs a statement and reads its result to the end, so the pooled connection goes back.
    private func execute(_ query: PostgresQuery, system: Bool = false) async throws {
        _ = try await fetch(query, system: system)
    }

    /// Runs a statement and returns all its rows (every statement here returns a few); `system`
    /// for this instance's own writes, which the client bound never refuses (``ClusterPool``).
    private func fetch(_ query: PostgresQuery, system: Bool = false) async throws -> [PostgresRow] {
        let logger = logger
        return try await pool.run("a PostgreSQL statement", system: system) { connection in
            try await connection.query(query, logger: logger).collect()
        }
    }

    /// Runs `body` in one transaction, bounded by `deadline` (every caller is the system's).
    private func transaction<T: Sendable>(
        deadline: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let logger = logger
        return try await pool.run("a PostgreSQL transaction", deadline: deadline, system: true) { connection in
            try await connection.withTransaction(logger: logger) { try await body($0) }
        }
    }

    // MARK: schema

    /// Creates or migrates the tables, under an advisory lock so instances starting together
    /// do not race on CREATE.
    func migrate() async throws {
        // Longer than a statement: instances starting together wait here for each other.
        try await transaction(deadline: .seconds(14)) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7201016)", logger: logger)
            for statement in Self.schema {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
    }

    static let schema = [
        """
        CREATE TABLE IF NOT EXISTS collab_instances (
            id uuid PRIMARY KEY, channel text NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now(), last_seen timestamptz NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE IF NOT EXISTS collab_rooms (
            id uuid PRIMARY KEY, code text NOT NULL UNIQUE, home uuid NOT NULL, creator_address text NOT NULL,
            host_id uuid, password text, created_at timestamptz NOT NULL DEFAULT now())
        """,
        "CREATE INDEX IF NOT EXISTS collab_rooms_home ON collab_rooms (home)",
        // Removed members' bans (JSON: ban key to Unix time), so an adopted room keeps them. Checked
        // first: ALTER TABLE locks the table even when the column is there.
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                           AND table_name = 'collab_rooms' AND column_name = 'bans') THEN
                ALTER TABLE collab_rooms ADD COLUMN bans text NOT NULL DEFAULT '{}';
            END IF;
        END $$
        """,
        "CREATE INDEX IF NOT EXISTS collab_rooms_creator ON collab_rooms (creator_address)",
        """
        CREATE TABLE IF NOT EXISTS collab_members (
            room_id uuid NOT NULL REFERENCES collab_rooms (id) ON DELETE CASCADE, participant_id uuid NOT NULL,
            position bigint NOT NULL, name text NOT NULL, resume_digest text NOT NULL, may_host boolean NOT NULL,
            ban_key text NOT NULL, PRIMARY KEY (room_id, participant_id))
        """,
        // Earlier versions kept resume tokens themselves: they become their digests (hex SHA-256 of
        // the UTF-8 token, as ResumeDigest makes them) in a column of the new name.
        """
        DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                       AND table_name = 'collab_members' AND column_name = 'resume_token') THEN
                UPDATE collab_members SET resume_token = encode(sha256(convert_to(resume_token, 'UTF8')), 'hex');
                ALTER TABLE collab_members RENAME COLUMN resume_token TO resume_digest;
            END IF;
        END $$
        """,
        "CREATE TABLE IF NOT EXISTS collab_join_failures (address text NOT NULL, at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX IF NOT EXISTS collab_join_failures_address ON collab_join_failures (address, at)",
        """
        CREATE TABLE IF NOT EXISTS collab_relay_blobs (
            id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())
        """,
    ]

    // MARK: instances

    /// Adds this instance (alive now), on the heartbeat's connection.
    func register() async throws {
        let id = instanceID, channel = Self.channel(of: instanceID)
        try await liveness.run(
            """
            INSERT INTO collab_instances (id, channel) VALUES (\(id), \(channel))
            ON CONFLICT (id) DO UPDATE SET last_seen = now()
            """)
    }

    /// Marks this instance alive, on the heartbeat's connection; false when another instance
    /// declared it dead meanwhile.
    func heartbeat() async throws -> Bool {
        let id = instanceID
        return try await !liveness.run("UPDATE collab_instances SET last_seen = now() WHERE id = \(id) RETURNING id").isEmpty
    }

    /// Marks this instance silent since forever, on the heartbeat's connection (a shutdown amid
    /// a burst of client statements still hands its rooms over at once): the others adopt its
    /// rooms at once.
    func retire() async throws {
        let id = instanceID
        try await liveness.run("UPDATE collab_instances SET last_seen = 'epoch' WHERE id = \(id)")
    }

    /// Instances silent for longer than `deadAfter`, through the pool as a system statement,
    /// like the adoption it leads to: on the heartbeat's connection a heartbeat could queue
    /// behind it. Waiting behind client statements here delays only the adoption, which would
    /// wait for the pool anyway.
    func deadInstances(deadAfter: Duration) async throws -> [UUID] {
        let seconds = deadAfter.rtcSeconds
        let id = instanceID
        let rows = try await fetch(
            """
            SELECT id FROM collab_instances
            WHERE id <> \(id) AND last_seen < now() - make_interval(secs => \(seconds))
            """, system: true)
        var dead: [UUID] = []
        for row in rows { dead.append(try row.decode(UUID.self)) }
        return dead
    }

    /// Whether `instance` has marked itself alive within `deadAfter`.
    func isAlive(_ instance: UUID, deadAfter: Duration) async throws -> Bool {
        let seconds = deadAfter.rtcSeconds
        let rows = try await fetch(
            """
            SELECT 1 FROM collab_instances WHERE id = \(instance) AND last_seen >= now() - make_interval(secs => \(seconds))
            """)
        return !rows.isEmpty
    }

    /// Forgets instances dead for long (every other instance has handled them by then), and
    /// blobs nobody fetched.
    func sweep(olderThan age: Duration) async throws {
        let seconds = Double(age.components.seconds)
        try await execute(
            "DELETE FROM collab_instances WHERE last_seen < now() - make_interval(secs => \(seconds))", system: true)
        try await execute(
            "DELETE FROM collab_relay_blobs WHERE created_at < now() - make_interval(secs => \(seconds))", system: true)
        try await execute(
            "DELETE FROM collab_join_failures WHERE at < now() - interval '1 hour'", system: true)
    }

    // MARK: rooms

    /// Live rooms created from `address` on every instance.
    func roomCount(creator address: String) async throws -> Int {
        let rows = try await fetch("SELECT count(*) FROM collab_rooms WHERE creator_address = \(address)")
        return try rows.first?.decode(Int.self) ?? 0
    }

    /// Claims `code` for a new room homed here; false when another room holds it.
    func reserve(roomID: UUID, code: RoomCode, creator address: String) async throws -> Bool {
        let id = instanceID, value = code.value
        let rows = try await fetch(
            """
            INSERT INTO collab_rooms (id, code, home, creator_address) VALUES (\(roomID), \(value), \(id), \(address))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """)
        return !rows.isEmpty
    }

    /// The room with this code or ID and its home instance.
    func locate(code: RoomCode) async throws -> (roomID: UUID, home: UUID)? {
        let value = code.value
        let rows = try await fetch("SELECT id, home FROM collab_rooms WHERE code = \(value)")
        guard let row = rows.first else { return nil }
        let (roomID, home) = try row.decode((UUID, UUID).self)
        return (roomID, home)
    }

    func locate(roomID: UUID) async throws -> UUID? {
        let rows = try await fetch("SELECT home FROM collab_rooms WHERE id = \(roomID)")
        return try rows.first?.decode(UUID.self)
    }

    /// Writes a room homed here (host, password, members); nothing when another instance adopted it.
    func save(_ record: RoomRecord) async throws {
        let id = instanceID
        try await transaction { connection in
            let password = record.password?.stored, bans = record.storedBans
            let rows = try await connection.query(
                """
                UPDATE collab_rooms SET host_id = \(record.hostID), password = \(password), bans = \(bans)
                WHERE id = \(record.id) AND home = \(id) RETURNING id
                """, logger: logger)
            var owned = false
            for try await _ in rows { owned = true }
            guard owned else { return }
            try await connection.query("DELETE FROM collab_members WHERE room_id = \(record.id)", logger: logger)
            let members = record.members
            let ids = members.map(\.id), positions = members.indices.map { $0 }, names = members.map(\.name)
            let digests = members.map(\.resumeDigest.stored), mayHost = members.map(\.mayHost), banKeys = members.map(\.banKey)
            try await connection.query(
                """
                INSERT INTO collab_members (room_id, participant_id, position, name, resume_digest, may_host, ban_key)
                SELECT \(record.id), * FROM unnest(\(ids)::uuid[], \(positions)::bigint[], \(names)::text[],
                    \(digests)::text[], \(mayHost)::boolean[], \(banKeys)::text[])
                """, logger: logger)
        }
    }

    /// Deletes a room homed here, freeing its code.
    func delete(roomID: UUID) async throws {
        let id = instanceID
        try await execute("DELETE FROM collab_rooms WHERE id = \(roomID) AND home = \(id)", system: true)
    }

    /// Makes this instance the home of every room of dead instance `dead` (each room goes to
    /// exactly one adopter: the row lock decides) and returns them.
    func adoptRooms(of dead: UUID) async throws -> [RoomRecord] {
        let id = instanceID
        // One statement per room: a dead instance may have homed thousands.
        return try await transaction(deadline: .seconds(60)) { connection in
            let rows = try await connection.query(
                """
                UPDATE collab_rooms SET home = \(id) WHERE home = \(dead) AND host_id IS NOT NULL
                RETURNING id, code, creator_address, host_id, password, bans
                """, logger: logger)
            var rooms: [(UUID, String, String, UUID, String?, String)] = []
            for try await row in rows.decode((UUID, String, String, UUID, String?, String).self) { rooms.append(row) }
            // The dead instance's row goes: were it only slow, its next heartbeat finds nothing and
            // it closes its clients (they resume here) instead of serving rooms that moved.
            try await connection.query("DELETE FROM collab_instances WHERE id = \(dead)", logger: logger)
            // A room reserved but never saved died with its creator's first reply: free its code.
            try await connection.query("DELETE FROM collab_rooms WHERE home = \(dead) AND host_id IS NULL", logger: logger)
            var records: [RoomRecord] = []
            for (roomID, rawCode, creator, hostID, password, bans) in rooms {
                let memberRows = try await connection.query(
                    """
                    SELECT participant_id, name, resume_digest, may_host, ban_key FROM collab_members
                    WHERE room_id = \(roomID) ORDER BY position
                    """, logger: logger)
                var members: [RoomRecord.MemberRecord] = []
                for try await (participant, name, stored, mayHost, banKey) in memberRows.decode((UUID, String, String, Bool, String).self) {
                    // A malformed digest cannot be resumed: that member is not adopted.
                    guard let digest = ResumeDigest(stored: stored) else { continue }
                    members.append(.init(id: participant, name: name, resumeDigest: digest, mayHost: mayHost, banKey: banKey))
                }
                guard let code = try? RoomCode(rawCode), !members.isEmpty else {
                    try await connection.query("DELETE FROM collab_rooms WHERE id = \(roomID)", logger: logger)
                    continue
                }
                records.append(RoomRecord(
                    id: roomID, code: code, creatorAddress: creator, hostID: hostID,
                    password: password.flatMap { PasswordDigest(stored: $0) }, members: members,
                    bans: RoomRecord.bans(stored: bans)))
            }
            return records
        }
    }

    // MARK: brute-force guard

    /// Failed joins from `address` within `window`, on every instance.
    func joinFailures(address: String, window: Duration) async throws -> Int {
        let seconds = Double(window.components.seconds)
        let rows = try await fetch(
            """
            SELECT count(*) FROM collab_join_failures
            WHERE address = \(address) AND at >= now() - make_interval(secs => \(seconds))
            """)
        return try rows.first?.decode(Int.self) ?? 0
    }

    func recordJoinFailure(address: String) async throws {
        try await execute("INSERT INTO collab_join_failures (address) VALUES (\(address))")
    }

    // MARK: relay

    /// Most bytes of large envelopes in one INSERT (a single larger one goes alone).
    static let blobChunkBytes = 4 << 20
    /// Most large envelopes in one INSERT.
    static let blobChunkRows = 256

    /// Splits envelopes of these sizes, in order, into runs of at most `maxBytes` (or one
    /// larger envelope alone) and at most `maxRows`, one INSERT each.
    static func blobChunks(sizes: [Int], maxBytes: Int = blobChunkBytes, maxRows: Int = blobChunkRows) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0, bytes = 0
        for (index, size) in sizes.enumerated() {
            if index > start, bytes + size > maxBytes || index - start >= maxRows {
                chunks.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < sizes.count { chunks.append(start..<sizes.count) }
        return chunks
    }

    /// Keeps the envelopes of one batch too large for a notification, in one statement on
    /// `connection` (the NOTIFY sender's own); returns the ids the notifications name, in the
    /// order of `payloads`. One statement per batch: a row each, inserted one after another,
    /// held every envelope behind a large one for a round trip per large one before it. The rows
    /// are inserted in the payloads' order, so they draw their ids from the sequence in that
    /// order: ascending ids match the payloads in turn (another instance's inserts meanwhile
    /// only leave gaps). A shared CTE of `nextval`s instead gave the rows other ids than it
    /// returned.
    static func storeBlobs(_ payloads: [String], on connection: ClusterNotifier) async throws -> [Int64] {
        let rows = try await connection.run(
            """
            INSERT INTO collab_relay_blobs (payload)
            SELECT p FROM unnest(\(payloads)::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n
            RETURNING id
            """)
        var ids: [Int64] = []
        ids.reserveCapacity(payloads.count)
        for row in rows { ids.append(try row.decode(Int64.self)) }
        guard ids.count == payloads.count else { throw ClusterEnvelopeError("blob insert returned \(ids.count) ids for \(payloads.count)") }
        return ids.sorted()
    }

    /// Takes (reads and deletes) the blobs of one notification in one statement on `connection`
    /// (the LISTEN task's own: through the pool it waited behind client statements, or was
    /// refused with them, and the large envelopes were lost). A round trip per blob held
    /// everything behind it in the LISTEN task. The ones gone are missing.
    static func takeBlobs(_ ids: [Int64], on connection: PostgresConnection, logger: Logger) async throws -> [Int64: String] {
        let rows = try await connection.query(
            "DELETE FROM collab_relay_blobs WHERE id = ANY(\(ids)::bigint[]) RETURNING id, payload", logger: logger
        ).collect()
        var blobs: [Int64: String] = [:]
        for row in rows {
            let (id, payload) = try row.decode((Int64, String).self)
            blobs[id] = payload
        }
        return blobs
    }
}
