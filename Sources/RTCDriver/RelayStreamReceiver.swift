package import ICE

/// What a driver's ``RelayStreams`` hands the bytes of its TCP/TLS connections to: the owner of a
/// sans-IO core, confined to the event loop the connections run on.
package protocol RelayStreamReceiver: AnyObject {
    /// Bytes read from a TURN server's connection, in order.
    func receive(streamBytes: [UInt8], on connection: RelayConnection)
    /// The connection ended: closed by the server, failed to connect or to handshake, or reset.
    /// Called at most once per connection, after its last bytes.
    func relayConnectionClosed(_ connection: RelayConnection, reason: String)
}
