package import NIOCore
package import RTCBase
import STUN

/// Maps the cores' ``STUN/RTCInstant`` timeline onto NIO's monotonic clock (`CLOCK_MONOTONIC`).
///
/// Instant zero is the moment the driver was created, so instants are small and never negative.
package struct DriverClock: Sendable {
    package let origin: NIODeadline

    package init(origin: NIODeadline = .now()) {
        self.origin = origin
    }

    /// The current instant.
    package func now() -> RTCInstant {
        RTCInstant(nanoseconds: Int64(NIODeadline.now().uptimeNanoseconds &- origin.uptimeNanoseconds))
    }

    /// The NIO deadline of `instant`; instants before the origin map to the origin (already due).
    package func deadline(of instant: RTCInstant) -> NIODeadline {
        .uptimeNanoseconds(origin.uptimeNanoseconds + UInt64(max(0, instant.nanoseconds)))
    }
}
