package import NIOCore

/// How a ``UDPDriver`` writes next to NIO, on the socket's descriptor: a run of datagrams as one
/// UDP GSO write, or a lone datagram as one plain `sendmsg`; ``SegmentedSend`` (the kernel), or a
/// test's script. On the channel's event loop.
package protocol SegmentedWriter {
    /// The bytes NIO still holds for `channel` after a flush (a partial `sendmmsg`, `EAGAIN`),
    /// which must leave before anything written next to NIO; `nil` when the channel cannot say.
    func bytesHeld(by channel: any Channel) -> Int?
    /// Sends `buffer` to `destination` as datagrams of `segmentSize` bytes (the last may be
    /// shorter) with one write.
    func write(_ buffer: ByteBuffer, segmentSize: Int, to destination: NIOCore.SocketAddress,
               on channel: any Channel) -> SegmentedSendResult
    /// The descriptor of `channel`'s socket for ``write(_:to:on:descriptor:)``, or `nil` where
    /// lone datagrams go through NIO. Asked once per socket.
    func descriptor(of channel: any Channel) -> CInt?
    /// Sends `buffer` to `destination` as one datagram with one `sendmsg` on `descriptor`, the
    /// socket of `channel`, while `channel` is still open; anything but ``SegmentedSendResult/sent``
    /// leaves the datagram for the caller to write through NIO.
    func write(_ buffer: ByteBuffer, to destination: NIOCore.SocketAddress, on channel: any Channel,
               descriptor: CInt) -> SegmentedSendResult
}

extension SegmentedWriter {
    /// Lone datagrams go through NIO.
    package func descriptor(of channel: any Channel) -> CInt? { nil }

    package func write(_ buffer: ByteBuffer, to destination: NIOCore.SocketAddress, on channel: any Channel,
                       descriptor: CInt) -> SegmentedSendResult {
        .unavailable
    }
}
