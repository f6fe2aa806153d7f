import NIOCore

/// One socket a ``UDPDriver`` holds, with what it learned about it; dropped with the socket.
///
/// A class: a pending ``SegmentRun`` points at its socket, so what a write learns lands on the
/// socket the run was for, never on one that replaced it at the same address.
final class UDPDriverSocket {
    let channel: any Channel
    /// The kernel refused a GSO write on this socket (``SegmentedSendResult/refused(errno:)``): the
    /// path would refuse again, so its runs go datagram by datagram from then on.
    var refusesSegmentation = false
    /// Whether a datagram went through NIO since NIO's queue for this socket was last seen empty:
    /// only then can NIO hold bytes that a write next to it would overtake, so only then is NIO asked.
    var mayHoldInNIO = false
    /// The socket's descriptor for writes next to NIO, looked up once (a dynamic cast in NIO).
    var descriptor: Descriptor = .unknown

    enum Descriptor {
        case unknown
        case known(CInt)
        case unavailable
    }

    init(channel: any Channel) {
        self.channel = channel
    }
}
