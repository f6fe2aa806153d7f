/// Why a client's relay cannot pass through as it is (``RelayPassThrough``); the message then
/// goes to the full decoder, which is what judges it.
public enum RelayPassThroughError: Error, Sendable, Equatable {
    /// Not `{"type":"offer"` or `{"type":"answer"` as the writer starts one.
    case notARelay
    /// No `to` string right after the type (a broadcast, a null target, another key order).
    case noTarget
    /// A `to` that is not a plain UUID string.
    case badTarget
    /// Anything after the target other than one `sdp` string of ASCII with the short escapes.
    case notPlain
}
