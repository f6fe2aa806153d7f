import NIOCore
import RTCBase

/// Datagrams from one socket to one destination collected for one UDP GSO write (`UDP_SEGMENT`):
/// the kernel sends the buffer as datagrams of `segmentSize` bytes, the last one possibly shorter,
/// at the cost of one trip through the network stack instead of one per datagram. A flush of SCTP
/// data is mostly full-size packets, so runs are long.
struct SegmentRun {
    /// The kernel's limit on segments per write (`UDP_MAX_SEGMENTS` in linux/udp.h).
    static let maxSegments = 64
    /// A run stays within one IPv4/IPv6 UDP payload (65,507 bytes for IPv4).
    static let maxBytes = 65_000
    /// Larger datagrams are written alone: a segment must fit the path's MTU, where the kernel
    /// would otherwise fragment a single datagram. Ours are at most ~1,250 bytes.
    static let maxSegmentSize = 1_400

    /// The socket's bound address, the transmits' source.
    let source: TransportAddress
    /// The socket the run leaves from (what a write learns about it is kept there).
    let socket: UDPDriverSocket
    var channel: any Channel { socket.channel }
    let destination: NIOCore.SocketAddress
    let segmentSize: Int
    private(set) var buffer: ByteBuffer
    /// Datagrams in the run.
    private(set) var count = 1
    /// Only the last segment may be shorter: a shorter datagram ends the run.
    private var ended = false

    init(source: TransportAddress, socket: UDPDriverSocket, destination: NIOCore.SocketAddress, buffer: ByteBuffer) {
        self.source = source
        self.socket = socket
        self.destination = destination
        self.segmentSize = buffer.readableBytes
        self.buffer = buffer
        self.ended = buffer.readableBytes == 0
    }

    /// Adds `payload` when it can join the run; `false` when it must start another.
    mutating func append(_ payload: [UInt8]) -> Bool {
        guard !ended, !payload.isEmpty, payload.count <= segmentSize, count < Self.maxSegments,
              buffer.readableBytes + payload.count <= Self.maxBytes else { return false }
        // Room for a whole run at the second datagram: growing by doubling would copy it again and again.
        if count == 1 { buffer.reserveCapacity(Self.maxBytes) }
        buffer.writeBytes(payload)
        count += 1
        if payload.count < segmentSize { ended = true }
        return true
    }

    /// The run's datagrams one by one, as views of its buffer: for a plain write when GSO is refused.
    var datagrams: [ByteBuffer] {
        var rest = buffer
        var slices: [ByteBuffer] = []
        slices.reserveCapacity(count)
        while rest.readableBytes > 0, let slice = rest.readSlice(length: min(segmentSize, rest.readableBytes)) {
            slices.append(slice)
        }
        return slices
    }
}
