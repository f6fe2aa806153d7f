/// A callback kept behind a `Mutex`. Keep callbacks in a struct like this, never as
/// `Mutex<(closure)?>`: a function value stored in a generic `Mutex` is re-abstracted on every
/// `withLock` (the `inout` goes through a thunk each way and is written back), so each access wraps
/// it in two more thunks and calling it gets slower without bound. Found by perf: after a few
/// seconds the thunk chain of the engine's media handler took a quarter of the process.
public struct HandlerBox<Argument>: Sendable {
    /// The callback, if set.
    public var handler: (@Sendable (Argument) -> Void)?

    /// An empty box.
    public init() {}
}
