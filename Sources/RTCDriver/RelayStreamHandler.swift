import ICE
import NIOCore

/// The last handler of a TURN server connection's pipeline (after TLS, if any): hands reads to the
/// receiver and reports the end of an established connection once, with the first error seen as
/// its reason (a connect that fails is reported by ``RelayStreams``).
final class RelayStreamHandler<Receiver: RelayStreamReceiver>: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let connection: RelayConnection
    private let streams: NIOLoopBound<RelayStreams<Receiver>>
    private var error: (any Error)?
    private var reported = false

    init(connection: RelayConnection, streams: NIOLoopBound<RelayStreams<Receiver>>) {
        self.connection = connection
        self.streams = streams
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !reported else { return }
        let buffer = unwrapInboundIn(data)
        streams.value.delivered(Array(buffer.readableBytesView), on: connection)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if self.error == nil { self.error = error }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        report(error.map { "\($0)" } ?? "closed by the server")
        context.fireChannelInactive()
    }

    private func report(_ reason: String) {
        guard !reported else { return }
        reported = true
        // Deferred to the loop's next turn: a close can happen inside the owner's own write (a
        // reset socket), and the owner must not be re-entered from there. Reads came first.
        let streams = self.streams
        let connection = self.connection
        streams.eventLoop.assumeIsolated().execute {
            streams.value.ended(connection, reason: reason)
        }
    }
}
