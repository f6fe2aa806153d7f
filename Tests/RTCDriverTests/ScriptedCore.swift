import ICE
import RTCBase
import RTCDriver

/// A sans-IO core that only sends what a test queues, for driving ``UDPDriver``'s write path.
struct ScriptedCore: SansIOCore {
    typealias Event = Never
    var outbox: [Transmit] = []

    var relayConnections: [RelayConnection] { [] }

    mutating func handle(_ input: SansIOInput, now: RTCInstant) {}

    mutating func pollOutput() -> SansIOOutput<Never> {
        outbox.isEmpty ? .timeout(nil) : .transmit(outbox.removeFirst())
    }
}
