package import NIOCore
package import RTCBase
import STUN

extension TransportAddress {
    /// Converts a NIO address; `nil` for Unix-domain addresses or unparsable ones.
    package init?(_ address: NIOCore.SocketAddress) {
        guard let text = address.ipAddress, let port = address.port, let ip = IPAddress(text),
              let port16 = UInt16(exactly: port) else { return nil }
        self.init(ip: ip, port: port16)
    }

    /// The NIO form, for binding and for addressing a datagram.
    package func nioAddress() throws -> NIOCore.SocketAddress {
        try NIOCore.SocketAddress(ipAddress: ip.description, port: Int(port))
    }
}
