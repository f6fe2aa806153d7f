import NIOCore

/// One socket a ``UDPDriver`` holds, with what it learned about it; dropped with the socket.
struct UDPDriverSocket {
    let channel: any Channel
    /// The kernel refused a GSO write on this socket (``SegmentedSendResult/refused(errno:)``): the
    /// path would refuse again, so its runs go datagram by datagram from then on.
    var refusesSegmentation = false
}
