/// Errors from calls into an ``ICEDriver`` (network input never throws; it is counted and dropped).
public enum ICEDriverError: Error, Hashable, Sendable {
    /// The call needs ``ICEDriver/start()`` to have completed first.
    case notStarted
    /// ``ICEDriver/start()`` was called twice.
    case alreadyStarted
    /// The driver was closed.
    case closed
    /// A configured host address could not be bound (the address and the system's reason).
    case bindFailed(String, reason: String)
}
