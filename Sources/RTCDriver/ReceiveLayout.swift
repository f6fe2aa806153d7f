/// How a UDP socket's receive buffer is cut into `recvmmsg` slots: NIO splits it evenly, and
/// each slot must hold the largest message the kernel may hand over, or that message is cut.
///
/// A socket starts ``plain(maxDatagramSize:)``: 16 slots of one datagram each (32 KiB). Once a
/// read burst brings ``bulkBurst`` messages or more, the socket carries bulk traffic and
/// ``DatagramHandler`` switches it to ``coalescing``: GRO on and 16 slots of 64 KiB, since one
/// GRO message holds up to 64 datagrams (`UDP_GRO_CNT_MAX`) within one 64 KiB IP packet. The
/// batch stays 16 messages in both. The 1 MiB is allocated for as long as such a socket lives,
/// while the kernel's receive buffer (4 MiB asked, clamped to `rmem_max`) is only a bound on what
/// it queues; so GRO is asked for per socket (`receiveOffload`): `PeerConnection` asks (a
/// configuration can say no), `ICEDriver` does not.
package struct ReceiveLayout: Equatable, Sendable {
    /// Messages per `recvmmsg`.
    package let slots: Int
    /// Bytes per message.
    package let slotSize: Int
    /// The receive buffer NIO keeps for the socket.
    package var bytes: Int { slots * slotSize }

    /// Without GRO: one datagram of at most `maxDatagramSize` per slot.
    package static func plain(maxDatagramSize: Int) -> ReceiveLayout {
        ReceiveLayout(slots: 16, slotSize: maxDatagramSize)
    }

    /// With GRO: one run of up to 64 KiB per slot.
    package static let coalescing = ReceiveLayout(slots: 16, slotSize: 65_536)

    /// Messages in one read burst that mark a socket as carrying bulk traffic: a full `recvmmsg`.
    package static let bulkBurst = 16

    /// `recvmmsg` calls per readable event (NIO's `maxMessagesPerRead`) while a socket is
    /// interactive: one. A datagram that comes alone (an echo, an audio frame, a handshake
    /// flight) is read by the first call, and a second would only return `EAGAIN`: a system call
    /// per datagram, two per round trip. The selector is level-triggered, so what a single call
    /// leaves in the socket is reported again at once.
    package static let interactiveReadsPerEvent = 1

    /// `recvmmsg` calls per readable event once a socket carries bulk traffic (NIO's default):
    /// up to 64 messages per wake-up, one flush for all of them.
    package static let bulkReadsPerEvent = 4
}
