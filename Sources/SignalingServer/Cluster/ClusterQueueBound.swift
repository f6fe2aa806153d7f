/// The bound both cluster queues (``ClusterOutbox``, ``ClusterInbox``) keep: envelopes past
/// `limit`, or bytes (``ClusterEnvelope/weight``) past `byteLimit`, are refused, except that an
/// empty queue takes anything by bytes, so no message is too large to pass at all. One envelope
/// may carry the protocol's largest message: the byte bound, not the count, keeps a backlog of
/// large SDPs from taking the memory.
struct ClusterQueueBound: Sendable {
    let limit: Int
    let byteLimit: Int

    /// Whether a queue holding `count` envelopes of `bytes` takes `adding` more weighing `weight`.
    func admits(count: Int, bytes: Int, adding: Int, weight: Int) -> Bool {
        count + adding <= limit && (bytes == 0 || bytes + weight <= byteLimit)
    }
}
