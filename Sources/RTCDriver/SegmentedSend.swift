import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// One UDP GSO write issued on the socket's descriptor, next to NIO rather than through it: NIO
/// closes a datagram channel on any write error but `EMSGSIZE` and `EHOSTUNREACH`, and the
/// kernel refuses a GSO write for reasons that leave plain writes on the same socket working
/// (Linux `udp_send_skb`: `EINVAL` with `SO_NO_CHECK`, `EIO` through IPsec and, before 6.11, on a
/// device without checksum offload, `EINVAL` or `EMSGSIZE` where a segment exceeds the path MTU).
/// Here a refusal is a value, and the socket with every link on it stays open.
enum SegmentedSend {
    /// Sends `buffer` to `destination` as datagrams of `segmentSize` bytes (the last may be shorter)
    /// with one `sendmsg` carrying a `UDP_SEGMENT` control message. On the channel's event loop.
    static func write(_ buffer: ByteBuffer, segmentSize: Int, to destination: NIOCore.SocketAddress,
                      on channel: any Channel) -> SegmentedSendResult {
        #if os(Linux)
        // The descriptor is only safe on the loop that may close it.
        guard channel.eventLoop.inEventLoop else { return .unavailable }
        do {
            let result = try channel.pipeline.syncOperations.withUnsafeTransportIfAvailable(of: NIOBSDSocket.Handle.self) { socket in
                destination.withSockAddr { address, length in
                    buffer.withUnsafeReadableBytes { bytes in
                        send(bytes, segmentSize: segmentSize, to: address, length: length, on: socket)
                    }
                }
            }
            return result ?? .unavailable
        } catch {
            // The channel closed its descriptor already.
            return .unavailable
        }
        #else
        return .unavailable
        #endif
    }

    #if os(Linux)
    /// `UDP_SEGMENT` from linux/udp.h (kernel 4.18): the cmsg level is `SOL_UDP`, i.e. `IPPROTO_UDP`.
    private static let udpSegment: Int32 = 103

    private static func send(_ bytes: UnsafeRawBufferPointer, segmentSize: Int, to address: UnsafePointer<sockaddr>,
                             length: Int, on socket: Int32) -> SegmentedSendResult {
        let headerSize = MemoryLayout<cmsghdr>.size
        // CMSG_SPACE(sizeof(uint16_t)): the header and the value rounded up to a size_t, 24 bytes on 64-bit Linux.
        let alignment = MemoryLayout<Int>.size
        let space = headerSize + (MemoryLayout<UInt16>.size + alignment - 1) / alignment * alignment
        let control = UnsafeMutableRawPointer.allocate(byteCount: space, alignment: MemoryLayout<cmsghdr>.alignment)
        defer { control.deallocate() }
        control.initializeMemory(as: UInt8.self, repeating: 0, count: space)
        let header = control.bindMemory(to: cmsghdr.self, capacity: 1)
        header.pointee.cmsg_len = .init(headerSize + MemoryLayout<UInt16>.size)
        header.pointee.cmsg_level = Int32(IPPROTO_UDP)
        header.pointee.cmsg_type = udpSegment
        (control + headerSize).storeBytes(of: UInt16(segmentSize), as: UInt16.self)
        var vector = iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)
        return withUnsafeMutablePointer(to: &vector) { vectorPointer in
            var message = msghdr()
            message.msg_name = UnsafeMutableRawPointer(mutating: address)
            message.msg_namelen = socklen_t(length)
            message.msg_iov = vectorPointer
            message.msg_iovlen = 1
            message.msg_control = control
            message.msg_controllen = .init(space)
            // The socket is non-blocking (NIO's); an interrupted call is tried again, a bounded number of times.
            for _ in 0..<4 {
                if sendmsg(socket, &message, 0) >= 0 { return .sent }
                let code = errno
                if code == EINTR { continue }
                return code == EAGAIN || code == EWOULDBLOCK || code == ENOBUFS ? .wouldBlock : .refused(errno: code)
            }
            return .wouldBlock
        }
    }
    #endif
}
