import RTCBase
import Synchronization

/// Reads an `AsyncStream` one element at a time with a deadline on every wait, from whichever
/// task asks: the stream's single iterator is handed from wait to wait.
///
/// After a wait times out the iterator is gone with the abandoned wait, and every later
/// ``next(timeout:)`` returns `nil`: a timeout ends the reading.
public final class EventReader<Element: Sendable>: Sendable {
    private let iterator: Mutex<IteratorBox?>

    private struct IteratorBox: @unchecked Sendable {
        // Only one wait holds it at a time (taken out of the mutex for the wait, put back after).
        var iterator: AsyncStream<Element>.Iterator
    }

    /// Starts reading `stream`; nobody else may iterate it.
    public init(_ stream: AsyncStream<Element>) {
        iterator = Mutex(IteratorBox(iterator: stream.makeAsyncIterator()))
    }

    /// The next element within `timeout`; `nil` when the stream ended.
    /// - Throws: ``TimeoutError`` when the deadline passes first.
    public func next(timeout: Duration, _ what: String = "an event") async throws -> Element? {
        guard let box = iterator.withLock({ $0.take() }) else { return nil }
        let (element, advanced) = try await withTimeout(timeout, what) {
            var box = box
            let element = await box.iterator.next()
            return (element, box)
        }
        iterator.withLock { $0 = advanced }
        return element
    }
}
