package import NIOCore
package import RTCBase

/// Something a ``UDPDriver``'s sockets did that its owner should log, once per socket.
package enum UDPDriverNotice: Sendable {
    /// The socket's first refused UDP GSO write (`errno` is `EIO`, `EINVAL`, `EMSGSIZE`,
    /// `EOPNOTSUPP` or `ENOPROTOOPT`): from then on it writes datagram by datagram.
    case segmentationRefused(errno: Int32, local: TransportAddress, destination: NIOCore.SocketAddress)
    /// The socket could not turn UDP GRO on; it keeps receiving datagram by datagram.
    case receiveOffloadFailed(local: TransportAddress?, error: String)
}
