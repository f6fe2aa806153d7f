#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// Wakes its reader when this machine's addresses may have changed: at once on Linux, where a
/// netlink socket (RFC 3549) subscribed to address events hears every address added or removed,
/// and every `poll` everywhere, which also covers a system where netlink cannot be opened.
///
/// A wake says only "look again": the reader compares ``HostInterfaces/usable()`` with what it
/// knew. Ending the iteration (or dropping the stream) closes the socket.
public enum InterfaceWatch {
    /// Wakes (coalesced: a burst of netlink messages is one wake) at each address event and
    /// every `poll`.
    public static func wakes(poll: Duration, loop: PeerConnectionLoop? = nil) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: poll)
                continuation.yield()
            }
        }
        let channel = openNetlink(on: (loop ?? .next()).eventLoop) { continuation.yield() }
        continuation.onTermination = { _ in
            ticker.cancel()
            channel.whenSuccess { $0.close(promise: nil) }
        }
        return stream
    }

    /// A channel reading the kernel's address notifications, or a failed future where there is none.
    static func openNetlink(on loop: any EventLoop, wake: @escaping @Sendable () -> Void) -> EventLoopFuture<any Channel> {
        #if os(Linux)
        // rtnetlink(7): NETLINK_ROUTE with the RTMGRP_IPV4_IFADDR (0x10) and RTMGRP_IPV6_IFADDR
        // (0x100) groups delivers RTM_NEWADDR / RTM_DELADDR for every address change.
        let descriptor = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return loop.makeFailedFuture(InterfaceWatchError.unavailable(errno)) }
        // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }
        var address = sockaddr_storage()
        let length = withUnsafeMutableBytes(of: &address) { bytes -> socklen_t in
            bytes.storeBytes(of: sa_family_t(AF_NETLINK), toByteOffset: 0, as: sa_family_t.self)
            bytes.storeBytes(of: UInt32(0), toByteOffset: 4, as: UInt32.self)
            bytes.storeBytes(of: UInt32(0x10 | 0x100), toByteOffset: 8, as: UInt32.self)
            return 12
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let error = errno
            close(descriptor)
            return loop.makeFailedFuture(InterfaceWatchError.unavailable(error))
        }
        let future = NIOPipeBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NetlinkWakeHandler(wake: wake))
                }
            }
            .takingOwnershipOfDescriptor(input: descriptor)
        // Not closed here when that fails: once NIO has made its channel, a failed setup closes the
        // descriptor itself (`close0` in NIOPipeBootstrap), and a second close would close whatever
        // socket got the number since. A failure before that (NIO refusing the descriptor) leaks
        // one descriptor; a double close could cut another connection.
        return future
        #else
        return loop.makeFailedFuture(InterfaceWatchError.unavailable(0))
        #endif
    }
}

/// Why the immediate half of ``InterfaceWatch`` is not running (the polling half still is).
enum InterfaceWatchError: Error {
    case unavailable(Int32)
}

/// Turns every read from the netlink socket into a wake; the content does not matter.
final class NetlinkWakeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func channelReadComplete(context: ChannelHandlerContext) {
        wake()
    }

    /// ENOBUFS means the kernel dropped notifications: look again rather than trust the silence.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        wake()
    }
}
