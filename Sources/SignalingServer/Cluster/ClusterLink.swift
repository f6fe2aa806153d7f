import Foundation
import Logging
import NIOCore
import Prometheus
import NIOSSL
import PostgresNIO
import RTCDriver
import RTCBase
import Synchronization

/// This instance's tie to the others: the tables (``ClusterStore``), a LISTEN on its own
/// channel, a sender that batches NOTIFYs, the heartbeat, and the task that finds dead instances.
///
/// Delivery between two instances: in order, at most once (a retried batch is recognised by its
/// sequence number). What is sent while the database or the receiver's LISTEN is down is lost,
/// like a message written to a dropped socket (docs/PROTOCOL.md, Resume).
final class ClusterLink: Sendable {
    let settings: ClusterSettings
    let store: ClusterStore
    let metrics: ClusterMetrics
    private let logger: Logger
    let outbox: ClusterOutbox
    /// The NOTIFY sender's own connection.
    private let notifier: ClusterNotifier
    let inbox: ClusterInbox
    /// This instance's connections proxied to other homes, for the LISTEN task's direct deliveries.
    let proxied = ProxiedConnections()
    /// Connections of other instances proxied here, for the LISTEN task's direct relays.
    let remoteSeats = RemoteSeats()
    /// The LISTEN connection's event loop, which its task prefers: a notification is read, parsed
    /// and delivered on the thread that received it, without waking another.
    private let listenLoop = PostgresConnection.defaultEventLoopGroup.next()
    private let (writes, writer) = AsyncStream.makeStream(of: RoomWrite.self, bufferingPolicy: .bufferingOldest(100_000))
    /// Dead instances already handled here (their rooms adopted, their proxies dropped).
    private let handled = Mutex<Set<UUID>>([])
    /// No adoption before this instant: after a database outage every instance looks silent
    /// until the others' heartbeats get through again.
    private let adoptNotBefore = Mutex<ContinuousClock.Instant>(.now)
    /// The heartbeat's task, which ``retire()`` ends first: a heartbeat after the retire would
    /// mark this instance alive again (and use its connection at the same time).
    private let heartbeat = Mutex<Task<Void, Never>?>(nil)

    var instanceID: UUID { settings.instanceID }

    init(settings: ClusterSettings, metrics: ClusterMetrics, logger: Logger) {
        self.settings = settings
        var logger = logger
        logger[metadataKey: "instance"] = "\(settings.instanceID.uuidString.prefix(8))"
        self.logger = logger
        self.metrics = metrics
        self.store = ClusterStore(
            url: settings.postgres, instanceID: settings.instanceID, maxPendingStatements: settings.maxPendingStatements, logger: logger)
        self.outbox = ClusterOutbox(limit: settings.maxQueuedEnvelopes, byteLimit: settings.maxQueuedBytes)
        self.inbox = ClusterInbox(limit: settings.maxQueuedEnvelopes, byteLimit: settings.maxQueuedBytes)
        let postgres = settings.postgres
        self.notifier = ClusterNotifier(deadline: store.pool.statementDeadline, logger: logger) {
            var configuration = try postgres.connectionConfiguration()
            configuration.options.additionalStartupParameters = ClusterStore.startupParameters
            return configuration
        }
        self.adoptNotBefore.withLock { $0 = .now + settings.deadAfter }
    }

    /// Queues an envelope for another instance; never waits.
    func send(_ envelope: ClusterEnvelope, to instance: UUID) {
        if !outbox.put(envelope, to: instance) { metrics.lost.increment() }
    }

    /// Queues a change of a room homed here for the database.
    func persist(_ write: RoomWrite) {
        if case .dropped = writer.yield(write) { metrics.databaseErrors.increment() }
    }

    /// Runs the pool, then migrates, LISTENs and registers (failing fast when the database
    /// cannot be reached), calls `ready`, then runs until cancelled.
    func run(hub: SignalingHub, ready: @escaping @Sendable () async -> Void) async throws {
        store.pool.start()
        defer { store.pool.stop() }
        try await withThrowingDiscardingTaskGroup { group in
            do {
                try await Self.within(.seconds(15), "PostgreSQL at \(settings.postgres.redacted) did not answer") {
                    // One direct connection first: the pool retries quietly, this says what is wrong.
                    let probe = try await PostgresConnection.connect(
                        configuration: try self.settings.postgres.connectionConfiguration(), id: 0, logger: self.logger)
                    try await probe.close()
                    try await self.store.migrate()
                }
            } catch {
                throw ClusterStartError("cannot use PostgreSQL at \(settings.postgres.redacted): \(String(reflecting: error))")
            }
            let (listening, signal) = AsyncStream.makeStream(of: Void.self)
            group.addTask { await hub.handleClusterInbox(self.inbox) }
            // Before the registration below, which is the heartbeat connection's first statement.
            group.addTask { await self.store.liveness.watch() }
            group.addTask(executorPreference: EventLoopTaskExecutor(listenLoop)) {
                await self.listen(listening: signal, hub: hub)
            }
            do {
                try await Self.within(.seconds(15), "LISTEN on PostgreSQL did not start") {
                    for await _ in listening { return }
                }
                try await store.register()
            } catch let error as ClusterConnectionError {
                throw ClusterStartError(error.description)
            }
            logger.notice("cluster instance registered", metadata: ["postgres": "\(settings.postgres.redacted)"])
            group.addTask(executorPreference: notifier.executor) { await self.sendLoop() }
            group.addTask { await self.notifier.watch() }
            let heartbeat = Task { await self.heartbeatLoop(hub: hub) }
            self.heartbeat.withLock { $0 = heartbeat }
            group.addTask { await withTaskCancellationHandler { await heartbeat.value } onCancel: { heartbeat.cancel() } }
            group.addTask { await self.adoptionLoop(hub: hub) }
            group.addTask { await self.writeLoop() }
            await ready()
        }
    }

    /// Stops the sender (the other tasks end with the run's cancellation).
    func finish() {
        outbox.finish()
        inbox.finish()
        writer.finish()
    }

    /// Marks this instance gone (graceful shutdown), so the others adopt its rooms at once; the
    /// heartbeat ends first.
    func retire() async {
        let heartbeat = heartbeat.withLock { $0 }
        heartbeat?.cancel()
        do {
            try await Self.within(.seconds(2), "retire") {
                await heartbeat?.value
                try await self.store.retire()
            }
        } catch {
            logger.warning("could not mark this instance gone", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    private func writeLoop() async {
        for await write in writes {
            attempts: for attempt in 1...5 {
                do {
                    switch write {
                    case .save(let record): try await store.save(record)
                    case .delete(let roomID): try await store.delete(roomID: roomID)
                    }
                    break attempts
                } catch {
                    metrics.databaseErrors.increment()
                    logger.warning("room write failed", metadata: ["attempt": "\(attempt)", "error": "\(String(reflecting: error))"])
                    try? await Task.sleep(for: .milliseconds(200 * attempt))
                }
            }
        }
    }

    // MARK: receiving

    private func listen(listening: AsyncStream<Void>.Continuation, hub: SignalingHub) async {
        let channel = ClusterStore.channel(of: instanceID)
        var backoff: Duration = .milliseconds(100)
        var lastSequence: [UUID: UInt64] = [:]
        var connectionNumber = 0
        while !Task.isCancelled {
            connectionNumber += 1
            do {
                let connection = try await PostgresConnection.connect(
                    on: listenLoop, configuration: try settings.postgres.connectionConfiguration(), id: connectionNumber,
                    logger: logger)
                defer { Task { try? await connection.close() } }
                // Closing the connection is what reliably ends the notification sequence on shutdown.
                try await withTaskCancellationHandler {
                    try await connection.listen(on: channel) { notifications in
                        // A round trip on the same connection: the LISTEN before it has taken effect.
                        try await connection.query("SELECT 1", logger: logger)
                        listening.yield(())
                        if connectionNumber > 1 { logger.notice("listening again after losing the database") }
                        backoff = .milliseconds(100)
                        for try await notification in notifications {
                            await receive(
                                notification.payload, lastSequence: &lastSequence, hub: hub, arrived: .now, blobsOn: connection)
                        }
                    }
                } onCancel: {
                    connection.close().whenComplete { _ in }
                }
            } catch {
                if Task.isCancelled { return }
                metrics.databaseErrors.increment()
                logger.warning("LISTEN connection lost; reconnecting", metadata: ["error": "\(String(reflecting: error))"])
                adoptNotBefore.withLock { $0 = .now + settings.deadAfter + settings.heartbeatInterval }
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }

    /// One notification: `output` envelopes go straight to their connections' outboxes, and
    /// relays from proxied members to their targets, while the hub has nothing of this link's
    /// left to act on; from the first envelope that needs the hub
    /// on, every later one goes to the hub after it, so nothing overtakes what it has yet to do
    /// (order per sender and target holds whichever way an envelope goes). Large envelopes are
    /// taken on `connection`, the LISTEN connection (nil: tests whose notifications name none).
    func receive(
        _ payload: String, lastSequence: inout [UUID: UInt64], hub: SignalingHub, arrived: ContinuousClock.Instant = .now,
        blobsOn connection: PostgresConnection? = nil
    ) async {
        // Read before parsing, so the delivery time does not include it.
        let uptime = settings.stageStamps ? NIODeadline.now().uptimeNanoseconds : 0
        defer { metrics.listen.record(ContinuousClock.now - arrived) }
        let batch: ClusterBatch
        do {
            batch = try ClusterBatch.parse(payload)
        } catch {
            metrics.lost.increment()
            logger.warning("dropping a malformed notification", metadata: ["error": "\(error)"])
            return
        }
        // Benchmarks only: the sender's clock is this machine's monotonic clock, which NIO's
        // deadlines read too, so the difference is PostgreSQL's delivery.
        if settings.stageStamps, let stamp = batch.stamp, uptime >= stamp {
            metrics.delivery.record(.nanoseconds(Int64(uptime - stamp)))
        }
        let last = lastSequence[batch.sender] ?? 0
        guard batch.sequence > last else { return }  // a retried batch that had gone through
        if batch.sequence > last + 1, last > 0 {
            logger.warning("notifications from an instance were lost", metadata: [
                "from": "\(batch.sender.uuidString.prefix(8))", "missing": "\(batch.sequence - last - 1)",
            ])
        }
        lastSequence[batch.sender] = batch.sequence
        let blobs = await takeBlobs(of: batch, on: connection)
        var envelopes: [ClusterEnvelope] = []
        var direct = inbox.isIdle
        var delivered = 0
        // The writers to wake once the notification is queued: one wake-up per event loop for
        // it (NIO wakes a loop once for the tasks queued before it runs them), not one per target.
        var wakes: [@Sendable () -> Void] = []
        defer { for wake in wakes { wake() } }
        for line in batch.lines {
            if direct {
                let delivery = proxied.deliver(line, from: batch.sender, metrics: hub.metrics, wakes: &wakes)
                    ?? remoteSeats.relay(line, from: batch.sender, metrics: hub.metrics)
                switch delivery {
                case .handled?:
                    delivered += 1
                    continue
                case .overflowed(let id)?:
                    delivered += 1
                    await hub.relayOverflowed(to: id)
                    continue
                case nil:
                    direct = false
                }
            }
            do {
                var envelope = try ClusterEnvelope.parse(line)
                if case .blob(let id) = envelope {
                    guard let text = blobs[id] else { throw ClusterEnvelopeError("blob \(id) is gone") }
                    envelope = try ClusterEnvelope.parse(Substring(text))
                }
                envelopes.append(envelope)
            } catch {
                metrics.lost.increment()
                logger.warning("dropping an envelope", metadata: ["error": "\(error)"])
            }
        }
        metrics.envelopesReceived.increment(by: Int64(delivered + envelopes.count))
        // Dropped when the hub is too far behind (or stopping): counted, as the outbox counts its own.
        let dropped = inbox.put(envelopes, from: batch.sender)
        if dropped > 0 { metrics.lost.increment(by: Int64(dropped)) }
    }

    /// The large envelopes a notification names, taken in one statement before its lines are
    /// handled (in the same order as before: only the round trips are fewer), on the LISTEN
    /// connection: through the pool this waited behind client statements (holding up every
    /// notification behind it) or was refused with them. Empty when the statement fails: each is
    /// then counted lost as gone. Past the deadline the connection is closed (a stuck one would
    /// hold the task again), and the LISTEN task connects afresh, as after any loss.
    private func takeBlobs(of batch: ClusterBatch, on connection: PostgresConnection?) async -> [Int64: String] {
        let ids = batch.lines.compactMap { line -> Int64? in
            guard line.utf8.count <= Self.longestBlobLine, case .blob(let id)? = try? ClusterEnvelope.parse(line) else { return nil }
            return id
        }
        guard !ids.isEmpty, let connection else { return [:] }
        let logger = logger
        do {
            return try await withTimeout(store.pool.statementDeadline, "taking large envelopes") {
                try await ClusterStore.takeBlobs(ids, on: connection, logger: logger)
            }
        } catch {
            metrics.databaseErrors.increment()
            logger.warning("could not take large envelopes", metadata: ["error": "\(String(reflecting: error))"])
            if error is TimeoutError { connection.close().whenComplete { _ in } }
            return [:]
        }
    }

    /// A blob line is short (`{"k":"blob","id":N}`, its keys in either order: JSONEncoder's),
    /// so only short lines are parsed to look for one; relays are longer.
    private static let longestBlobLine = 64

    // MARK: sending

    private func sendLoop() async {
        var sequences: [UUID: UInt64] = [:]
        let sender = instanceID
        var pacer = NotifyPacer(interval: settings.notifyInterval)
        while true {
            let delay = pacer.delay(at: .now)
            if delay > .zero { await pause(delay) }
            guard let envelopes = await outbox.takeAll() else { return }
            let taken = ContinuousClock.now
            for queued in envelopes { metrics.notifyWait.record(taken - queued.queued) }
            var channels: [String] = []
            var payloads: [String] = []
            // Grouped per receiver in queue order: order per pair is what delivery promises.
            // Lines are built as bytes (one copy of the message's JSON), a `String` only per payload.
            var byTarget: [(UUID, [[UInt8]])] = []
            var index: [UUID: Int] = [:]
            let stamp = settings.stageStamps ? NIODeadline.now().uptimeNanoseconds : nil
            var lines: [[UInt8]?] = []
            lines.reserveCapacity(envelopes.count)
            var large: [Int] = []
            for (_, envelope, _) in envelopes {
                var line: [UInt8] = []
                envelope.append(to: &line)
                if line.count > ClusterBatch.payloadLimit - 64 { large.append(lines.count) }
                lines.append(line)
            }
            // The batch's large envelopes in a few statements, each then named by its row.
            var dropped = 0
            if !large.isEmpty {
                let ids = await storeBlobs(large.map { String(decoding: lines[$0]!, as: UTF8.self) })
                for (id, position) in zip(ids, large) {
                    lines[position] = id.map { Array(ClusterEnvelope.blob(id: $0).line().utf8) }
                    if id == nil { dropped += 1 }
                }
            }
            for ((target, _, _), line) in zip(envelopes, lines) {
                guard let line else { continue }  // a large one that could not be stored (counted lost)
                if let at = index[target] { byTarget[at].1.append(line) } else {
                    index[target] = byTarget.count
                    byTarget.append((target, [line]))
                }
            }
            for (target, lines) in byTarget {
                let channel = ClusterStore.channel(of: target)
                var payload: [UInt8] = []
                func flush() {
                    guard !payload.isEmpty else { return }
                    let sequence = (sequences[target] ?? 0) + 1
                    sequences[target] = sequence
                    channels.append(channel)
                    let header = ClusterBatch.header(sender: sender, sequence: sequence, stamp: stamp)
                    payloads.append(header + "\n" + String(decoding: payload, as: UTF8.self))
                    payload.removeAll(keepingCapacity: true)
                }
                for line in lines {
                    if payload.count + line.count + 1 > ClusterBatch.payloadLimit - 64 { flush() }
                    if !payload.isEmpty { payload.append(UInt8(ascii: "\n")) }
                    payload += line
                }
                flush()
            }
            pacer.started(at: .now)
            // The dropped ones are counted lost already, neither again nor as sent.
            await notify(channels: channels, payloads: payloads, envelopes: envelopes.count - dropped)
        }
    }

    /// Waits before the next statement: on the NOTIFY connection's loop's own timer (the sender
    /// runs on that loop), not the concurrency runtime's, whose expiry wakes another thread that
    /// then wakes the loop.
    private func pause(_ delay: Duration) async {
        let (seconds, attoseconds) = delay.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        try? await notifier.loop.scheduleTask(in: .nanoseconds(nanoseconds)) {}.futureResult.get()
    }

    /// Stores a batch's large envelopes on the NOTIFY connection, a statement per chunk of at
    /// most ``ClusterStore/blobChunkBytes`` or ``ClusterStore/blobChunkRows`` (one statement for
    /// a whole batch could carry tens of MB under one deadline, all or nothing), in order; the
    /// id of each, nil for those dropped. From the first chunk that fails on, they are dropped
    /// and counted lost (not retried, so none arrives twice; the rest would each wait out a
    /// deadline too).
    private func storeBlobs(_ lines: [String]) async -> [Int64?] {
        var ids: [Int64?] = []
        ids.reserveCapacity(lines.count)
        for chunk in ClusterStore.blobChunks(sizes: lines.map(\.utf8.count)) {
            do {
                let stored = try await ClusterStore.storeBlobs(Array(lines[chunk]), on: notifier)
                ids += stored.map { Optional($0) }
                metrics.blobs.increment(by: Int64(stored.count))
                metrics.blobStatements.increment()
            } catch {
                let rest = lines.count - ids.count
                metrics.databaseErrors.increment()
                metrics.lost.increment(by: Int64(rest))
                logger.warning("could not store large envelopes", metadata: ["count": "\(rest)", "error": "\(String(reflecting: error))"])
                return ids + Array(repeating: nil, count: rest)
            }
        }
        return ids
    }

    /// Sends one batch, retrying while the database is away for up to `deadAfter` (retries
    /// carry the same sequence numbers, so a receiver never applies one twice).
    private func notify(channels: [String], payloads: [String], envelopes: Int) async {
        guard !channels.isEmpty else { return }
        let clock = ContinuousClock()
        let giveUp = clock.now + settings.deadAfter
        var backoff: Duration = .milliseconds(50)
        for attempt in 1...1000 {
            do {
                let start = clock.now
                try await notifier.notify(channels: channels, payloads: payloads)
                metrics.notifyRoundTrip.record(clock.now - start)
                metrics.batches.increment()
                metrics.envelopesSent.increment(by: Int64(envelopes))
                return
            } catch {
                metrics.databaseErrors.increment()
                if attempt == 1 {
                    logger.warning("NOTIFY failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
                }
                guard clock.now + backoff < giveUp, !Task.isCancelled else { break }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(1))
            }
        }
        metrics.lost.increment(by: Int64(envelopes))
        logger.error("dropped envelopes for other instances: database unavailable", metadata: ["count": "\(envelopes)"])
    }

    // MARK: liveness

    /// Marks this instance alive on a fixed timer, on the heartbeat's own connection, and
    /// registers it again when the others declared it dead. Nothing else runs in this task: the
    /// dead-instance check, adoption and sweep (pool work, which waits behind client statements)
    /// once held the next heartbeat back until the others declared this live instance dead.
    private func heartbeatLoop(hub: SignalingHub) async {
        let clock = ContinuousClock()
        let interval = settings.heartbeatInterval
        var next = clock.now + interval
        while !Task.isCancelled {
            do { try await clock.sleep(until: next) } catch { return }
            // The next tick on the timer; ticks a late heartbeat overran are skipped, not bunched.
            let late = clock.now - next
            next += interval * (max(0, Int(late / interval)) + 1)
            do {
                if try await !store.heartbeat() {
                    logger.error("other instances declared this one dead: closing its clients so they resume elsewhere")
                    await hub.fenced()
                    try await store.register()
                    adoptNotBefore.withLock { $0 = .now + settings.deadAfter }
                }
            } catch {
                metrics.databaseErrors.increment()
                logger.warning("heartbeat failed", metadata: ["error": "\(String(reflecting: error))"])
                // The others' heartbeats may be failing too: none is judged until they get through.
                adoptNotBefore.withLock { $0 = .now + settings.deadAfter + settings.heartbeatInterval }
            }
        }
    }

    /// Once a heartbeat interval: finds dead instances and adopts their rooms, and every 30th
    /// time sweeps what is left of old ones, all through the pool as system statements (never on
    /// the heartbeat's connection, where a heartbeat would queue behind them).
    private func adoptionLoop(hub: SignalingHub) async {
        var tick = 0
        while !Task.isCancelled {
            do { try await Task.sleep(for: settings.heartbeatInterval) } catch { return }
            tick += 1
            do {
                if ContinuousClock.now >= adoptNotBefore.withLock({ $0 }) {
                    let dead = try await store.deadInstances(deadAfter: settings.deadAfter)
                    // The answer may have waited out a database outage in the pool's queue, and
                    // then every peer's last_seen is stale by the outage. This instance's own
                    // heartbeats failed meanwhile and moved the gate: judge by the gate as it is now.
                    if ContinuousClock.now >= adoptNotBefore.withLock({ $0 }) {
                        for instance in dead { try await adopt(instance, hub: hub) }
                    }
                }
                if tick % 30 == 0 { try await store.sweep(olderThan: max(settings.deadAfter * 20, .seconds(120))) }
            } catch {
                metrics.databaseErrors.increment()
                logger.warning("looking for dead instances failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Whether `instance` is alive (else, once this instance may adopt, it is handled as dead).
    func checkAlive(_ instance: UUID, hub: SignalingHub) async throws -> Bool {
        if handled.withLock({ $0.contains(instance) }) {
            await hub.adoptRooms(of: instance)
            return false
        }
        if try await store.isAlive(instance, deadAfter: settings.deadAfter) { return true }
        guard ContinuousClock.now >= adoptNotBefore.withLock({ $0 }) else { return true }
        try await adopt(instance, hub: hub)
        return false
    }

    /// Drops what this instance held for a dead one and adopts the rooms it was home to.
    private func adopt(_ dead: UUID, hub: SignalingHub) async throws {
        if handled.withLock({ !$0.insert(dead).inserted }) {
            // Handled before; rooms reserved since (by a zombie) are still adopted below.
        } else {
            logger.notice("instance is dead: adopting its rooms", metadata: ["dead": "\(dead.uuidString.prefix(8))"])
            await hub.instanceDied(dead)
        }
        await hub.adoptRooms(of: dead)
    }

    /// Runs `body`, failing with a ``ClusterConnectionError`` saying `message` when it takes
    /// longer than `limit`; returns at the deadline even when a PostgreSQL wait inside ignores
    /// cancellation. Start-up turns that error into a ``ClusterStartError`` itself.
    static func within<T: Sendable>(
        _ limit: Duration, _ message: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do { return try await withTimeout(limit, message, body) } catch is TimeoutError { throw ClusterConnectionError(message) }
    }
}
