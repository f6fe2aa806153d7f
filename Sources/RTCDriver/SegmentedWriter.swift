package import NIOCore

/// How a ``UDPDriver`` writes a run of datagrams as one UDP GSO write: ``SegmentedSend`` (the
/// kernel), or a test's script. On the channel's event loop.
package protocol SegmentedWriter {
    /// The bytes NIO still holds for `channel` after a flush (a partial `sendmmsg`, `EAGAIN`),
    /// which must leave before anything written next to NIO; `nil` when the channel cannot say.
    func bytesHeld(by channel: any Channel) -> Int?
    /// Sends `buffer` to `destination` as datagrams of `segmentSize` bytes (the last may be
    /// shorter) with one write.
    func write(_ buffer: ByteBuffer, segmentSize: Int, to destination: NIOCore.SocketAddress,
               on channel: any Channel) -> SegmentedSendResult
}
