package import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One UDP GSO write, or one lone datagram, issued on the socket's descriptor, next to NIO rather
/// than through it. A lone datagram this way skips NIO's pipeline, its queue and a flush (about a
/// tenth of what a datagram costs the engine outside the kernel, session 14). For GSO: NIO
/// closes a datagram channel on any write error but `EMSGSIZE` and `EHOSTUNREACH`, and the
/// kernel refuses a GSO write for reasons that leave plain writes on the same socket working
/// (Linux `udp_send_skb`: `EINVAL` with `SO_NO_CHECK`, `EIO` through IPsec and, before 6.11, on a
/// device without checksum offload, `EINVAL` or `EMSGSIZE` where a segment exceeds the path MTU).
/// Here a refusal is a value, and the socket with every link on it stays open.
///
/// The write bypasses the channel's pipeline: no outbound handler sees these datagrams, and NIO's
/// queue does not order them. ``UDPDriver`` writes this way only while NIO holds nothing for the
/// socket, so that what it wrote through NIO earlier has left first; a lone datagram the kernel
/// does not take at once (`EAGAIN`, an error) goes through NIO, as it did before.
package struct SegmentedSend: SegmentedWriter {
    package init() {}

    package func bytesHeld(by channel: any Channel) -> Int? {
        try? channel.syncOptions?.getOption(.bufferedWritableBytes)
    }

    package func write(_ buffer: ByteBuffer, segmentSize: Int, to destination: NIOCore.SocketAddress,
                       on channel: any Channel) -> SegmentedSendResult {
        Self.write(buffer, segmentSize: segmentSize, to: destination, on: channel)
    }

    package func descriptor(of channel: any Channel) -> CInt? {
        #if os(Linux)
        guard channel.eventLoop.inEventLoop else { return nil }
        let handle = try? channel.pipeline.syncOperations.withUnsafeTransportIfAvailable(of: NIOBSDSocket.Handle.self) { $0 }
        return handle ?? nil
        #else
        return nil
        #endif
    }

    package func write(_ buffer: ByteBuffer, to destination: NIOCore.SocketAddress, on channel: any Channel,
                       descriptor: CInt) -> SegmentedSendResult {
        #if os(Linux)
        // A closed channel's descriptor may already name another file; the channel closes on this loop.
        guard channel.eventLoop.inEventLoop, channel.isActive else { return .unavailable }
        return destination.withSockAddr { address, length in
            buffer.withUnsafeReadableBytes { bytes in
                Self.send(bytes, segmentSize: nil, to: address, length: length, on: descriptor)
            }
        }
        #else
        return .unavailable
        #endif
    }

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

    /// What a GSO `sendmsg` that failed with `code` means (never `EINTR`, which is tried again).
    ///
    /// Only the errors Linux returns for GSO itself (`udp_send_skb`, `udp_cmsg_send`) say the
    /// socket or its path refuses it and will again; a full buffer is waited out through NIO; any
    /// other error is about this moment's route or destination and does not turn GSO off.
    static func result(ofErrno code: Int32) -> SegmentedSendResult {
        switch code {
        case EAGAIN, EWOULDBLOCK, ENOBUFS: .wouldBlock
        case EIO, EINVAL, EMSGSIZE, EOPNOTSUPP, ENOPROTOOPT: .refused(errno: code)
        default: .failed(errno: code)
        }
    }

    #if os(Linux)
    /// `UDP_SEGMENT` from linux/udp.h (kernel 4.18): the cmsg level is `SOL_UDP`, i.e. `IPPROTO_UDP`.
    private static let udpSegment: Int32 = 103
    /// `CMSG_SPACE(sizeof(uint16_t))`: the header and the value rounded up to a `size_t`, 24 bytes on 64-bit Linux.
    private static let controlSpace = MemoryLayout<cmsghdr>.size
        + (MemoryLayout<UInt16>.size + MemoryLayout<Int>.size - 1) / MemoryLayout<Int>.size * MemoryLayout<Int>.size

    /// One `sendmsg`; with `segmentSize`, a GSO write, without, one plain datagram.
    private static func send(_ bytes: UnsafeRawBufferPointer, segmentSize: Int?, to address: UnsafePointer<sockaddr>,
                             length: Int, on socket: Int32) -> SegmentedSendResult {
        // On the stack: this runs for every run of a bulk flush.
        withUnsafeTemporaryAllocation(byteCount: controlSpace, alignment: MemoryLayout<cmsghdr>.alignment) { control in
            let headerSize = MemoryLayout<cmsghdr>.size
            control.initializeMemory(as: UInt8.self, repeating: 0)
            let header = control.baseAddress!.bindMemory(to: cmsghdr.self, capacity: 1)
            header.pointee.cmsg_len = .init(headerSize + MemoryLayout<UInt16>.size)
            header.pointee.cmsg_level = Int32(IPPROTO_UDP)
            header.pointee.cmsg_type = udpSegment
            (control.baseAddress! + headerSize).storeBytes(of: UInt16(segmentSize ?? 0), as: UInt16.self)
            var vector = iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)
            return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                var message = msghdr()
                message.msg_name = UnsafeMutableRawPointer(mutating: address)
                message.msg_namelen = socklen_t(length)
                message.msg_iov = vectorPointer
                message.msg_iovlen = 1
                if segmentSize != nil {
                    message.msg_control = control.baseAddress
                    message.msg_controllen = .init(controlSpace)
                }
                // The socket is non-blocking (NIO's); an interrupted call is tried again, a bounded number of times.
                for _ in 0..<4 {
                    if sendmsg(socket, &message, 0) >= 0 { return .sent }
                    let code = errno
                    if code == EINTR { continue }
                    return result(ofErrno: code)
                }
                return .wouldBlock
            }
        }
    }
    #endif
}
