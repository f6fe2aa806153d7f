package import ICE
package import NIOCore
import NIOPosix
package import RTCBase
import STUN

/// The one driver of this package's sans-IO cores: it owns their UDP sockets, the TCP/TLS
/// connections TURN asks for (``RelayStreams``), the clock and one timer, all confined to one
/// event loop.
///
/// After every input it drains the core (transmits written, then each socket flushed once;
/// events handed to ``onEvent``) and re-arms the timer for the core's next timeout. Datagrams of
/// one read burst (`recvmmsg`) are fed one by one and drained once, at the end of the burst.
package final class UDPDriver<Core: SansIOCore>: DatagramReceiver, RelayStreamReceiver {
    package let eventLoop: any EventLoop
    package let clock: DriverClock
    /// The core; `nil` until its owner creates it (an ICE agent needs the bound addresses first).
    package var core: Core?
    /// Where the core's events go, on the loop.
    package var onEvent: (Core.Event) -> Void = { _ in }
    /// The bound addresses, in binding order.
    package private(set) var socketOrder: [TransportAddress] = []
    package private(set) var counters = UDPDriverCounters()
    package private(set) var isClosed = false
    /// Tests: every datagram in either direction is dropped at the sockets, as if the path were cut.
    package var dropsAllDatagrams = false
    /// TURN over TCP and TLS: the second transport under this driver.
    package let streams: RelayStreams<UDPDriver<Core>>
    /// Where the sockets' notices go (a refused GSO write, GRO that could not be turned on), on
    /// the loop, at most once per socket each: for the owner's log.
    package var onNotice: (UDPDriverNotice) -> Void = { _ in }
    private var sockets: [TransportAddress: UDPDriverSocket] = [:]
    private var dirtySockets: [any Channel] = []
    private var receivedSinceFlush = false
    private var timer: Scheduled<Void>?
    private var timerInstant: RTCInstant?
    /// The last destination in both forms: a connection sends nearly everything to one address,
    /// and converting to NIO's form parses its text.
    private var lastDestination: (address: TransportAddress, nio: NIOCore.SocketAddress)?
    /// Datagrams waiting to leave as one GSO write (see ``SegmentRun``), or a lone datagram as one
    /// plain write next to NIO; written before any datagram outside the run, before events and at
    /// every flush, so order is kept.
    private var run: SegmentRun?
    /// UDP GSO and lone datagrams next to NIO: `nil` where the kernel lacks GSO (NIO's probe of
    /// `UDP_SEGMENT`).
    private let segmentedWriter: (any SegmentedWriter)?

    /// - Parameter segmentedWriter: where runs of datagrams go as one GSO write and lone datagrams
    ///   as one plain write, next to NIO; the kernel where it has `UDP_SEGMENT`, `nil` for
    ///   datagram by datagram through NIO only.
    package init(eventLoop: any EventLoop, clock: DriverClock = DriverClock(), core: Core?, relayOptions: RelayTransportOptions,
                 segmentedWriter: (any SegmentedWriter)? = System.supportsUDPSegmentationOffload ? SegmentedSend() : nil) {
        self.eventLoop = eventLoop
        self.clock = clock
        self.core = core
        self.segmentedWriter = segmentedWriter
        self.streams = RelayStreams(eventLoop: eventLoop, options: relayOptions)
        streams.receiver = self
    }

    /// Takes the bound sockets into use, after those already held.
    package func adopt(_ bound: [(address: TransportAddress, channel: any Channel)]) {
        for (address, channel) in bound {
            sockets[address] = UDPDriverSocket(channel: channel)
            socketOrder.append(address)
        }
    }

    /// After a network change: keeps the sockets in `kept`, adopts `added`, and returns the
    /// sockets no longer wanted, for the caller to close.
    package func replaceSockets(keeping kept: [TransportAddress],
                                adding added: [(address: TransportAddress, channel: any Channel)]) -> [any Channel] {
        let removed = socketOrder.filter { !kept.contains($0) }
        let closing = removed.compactMap { sockets.removeValue(forKey: $0)?.channel }
        socketOrder = socketOrder.filter { kept.contains($0) }
        adopt(added)
        return closing
    }

    // MARK: inputs

    package func receive(_ bytes: [UInt8], from remote: TransportAddress, to local: TransportAddress) {
        guard !isClosed, !dropsAllDatagrams, core != nil else { return }
        counters.datagramsReceived += 1
        core?.handle(.datagram(bytes, from: remote, to: local), now: clock.now())
        // Drained once per read burst, in `receiveComplete`: the answers several datagrams
        // produce leave together, and events are handed out once.
        receivedSinceFlush = true
    }

    package func receiveComplete() {
        guard receivedSinceFlush else { return }
        receivedSinceFlush = false
        flush()
    }

    /// A socket reported an error; UDP sockets stay usable, so it is only counted.
    package func socketError() {
        counters.socketErrors += 1
    }

    /// A socket could not turn UDP GRO on: counted and handed to ``onNotice``.
    package func receiveOffloadFailed(on local: TransportAddress?, error: any Error) {
        counters.receiveOffloadFailures += 1
        onNotice(.receiveOffloadFailed(local: local, error: "\(error)"))
    }

    package func receive(streamBytes: [UInt8], on connection: RelayConnection) {
        guard !isClosed, !dropsAllDatagrams, core != nil else { return }
        core?.handle(.streamBytes(streamBytes, on: connection), now: clock.now())
        flush()
    }

    package func relayConnectionClosed(_ connection: RelayConnection, reason: String) {
        guard !isClosed, core != nil else { return }
        core?.handle(.streamClosed(connection, reason: reason), now: clock.now())
        flush()
    }

    /// Runs `body` on the core with the current time, then drains it. `nil` without a core or
    /// once closed.
    package func withCore<T, E: Error>(_ body: (inout Core, RTCInstant) throws(E) -> T) throws(E) -> T? {
        guard !isClosed, var value = core.take() else { return nil }
        defer {
            core = value
            flush()
        }
        return try body(&value, clock.now())
    }

    // MARK: outputs

    /// Drains transmits and events, then re-arms the timer: run after every input.
    package func flush() {
        var next: RTCInstant?
        loop: while core != nil {
            // Mutated in place through the optional: a copy of a value-type core would copy its queues.
            switch core?.pollOutput() {
            case .transmit(let transmit)?: write(transmit)
            case .event(let event)?:
                // Sockets first: an event handler may close the connection.
                flushSockets()
                onEvent(event)
            case .timeout(let instant)?:
                next = instant
                break loop
            case nil:
                break loop
            }
        }
        flushSockets()
        if !streams.isEmpty, let wanted = core?.relayConnections { streams.retain(wanted) }
        rearm(next)
    }

    private func flushSockets() {
        writeRun()
        for channel in dirtySockets { channel.flush() }
        dirtySockets.removeAll(keepingCapacity: true)
    }

    private func write(_ transmit: Transmit) {
        guard !dropsAllDatagrams else {
            counters.sendsDropped += 1
            return
        }
        if let connection = transmit.connection {
            streams.write(transmit.payload, on: connection)
            return
        }
        guard let socket = sockets[transmit.source], case let channel = socket.channel, channel.isWritable,
              let destination = nioAddress(transmit.destination) else {
            counters.sendsDropped += 1
            return
        }
        counters.datagramsSent += 1
        // Compared through the optional, not a copy: a copy would make the append copy the buffer.
        if run?.channel === channel, run?.destination == destination, run?.append(transmit.payload) == true {
            return
        }
        writeRun()
        let buffer = channel.allocator.buffer(bytes: transmit.payload)
        guard segmentedWriter != nil, transmit.payload.count <= SegmentRun.maxSegmentSize, !socket.refusesSegmentation else {
            write(buffer, to: destination, on: socket)
            return
        }
        run = SegmentRun(source: transmit.source, socket: socket, destination: destination, buffer: buffer)
    }

    /// Writes the pending run next to NIO when NIO holds nothing for the socket: several
    /// datagrams as one GSO write, one as a plain write; else, or when the kernel does not take
    /// it, datagram by datagram through NIO.
    ///
    /// Order on a socket holds: what this driver wrote through NIO before the run leaves before
    /// it. A flush does not empty NIO's queue (a partial `sendmmsg` or `EAGAIN` keeps the rest
    /// until the socket is writable), so the run goes next to NIO only once NIO holds no byte.
    private func writeRun() {
        guard let current = run.take() else { return }
        let socket = current.socket
        guard let segmentedWriter else {
            write(current.buffer, to: current.destination, on: socket)
            return
        }
        // NIO's unflushed writes on this socket were produced first and must leave first.
        if let index = dirtySockets.firstIndex(where: { $0 === current.channel }) {
            dirtySockets.remove(at: index)
            current.channel.flush()
        }
        // Asked only after a write through NIO: it cannot hold bytes it was never given.
        if socket.mayHoldInNIO {
            if segmentedWriter.bytesHeld(by: current.channel) == 0 {
                socket.mayHoldInNIO = false
            } else if current.count > 1 {
                // Behind NIO's queue: a write next to it would overtake the datagrams it holds.
                counters.segmentedWritesQueued += 1
            }
        }
        guard current.count > 1 else {
            if !socket.mayHoldInNIO, let descriptor = descriptor(of: socket, writer: segmentedWriter),
               segmentedWriter.write(current.buffer, to: current.destination, on: current.channel, descriptor: descriptor) == .sent {
                counters.directWrites += 1
                return
            }
            write(current.buffer, to: current.destination, on: socket)
            return
        }
        let result = socket.mayHoldInNIO ? .wouldBlock
            : segmentedWriter.write(current.buffer, segmentSize: current.segmentSize, to: current.destination, on: current.channel)
        switch result {
        case .sent:
            counters.segmentedWrites += 1
            return
        case .refused(let code):
            // Refused by the socket or its path, not a socket failure: this socket's runs go
            // datagram by datagram from now on, and this one too, so nothing is lost.
            counters.segmentedWritesRefused += 1
            if !socket.refusesSegmentation {
                socket.refusesSegmentation = true
                onNotice(.segmentationRefused(errno: code, local: current.source, destination: current.destination))
            }
        case .failed:
            // This moment's route or destination, not GSO: only this run goes datagram by datagram.
            counters.segmentedWritesFailed += 1
        case .wouldBlock, .unavailable:
            // NIO queues them until the socket is writable, or drops them if it is closed.
            break
        }
        for datagram in current.datagrams { write(datagram, to: current.destination, on: socket) }
    }

    /// The socket's descriptor for plain writes next to NIO, looked up on its first write.
    private func descriptor(of socket: UDPDriverSocket, writer: any SegmentedWriter) -> CInt? {
        switch socket.descriptor {
        case .known(let descriptor): return descriptor
        case .unavailable: return nil
        case .unknown:
            let descriptor = writer.descriptor(of: socket.channel)
            socket.descriptor = descriptor.map { .known($0) } ?? .unavailable
            return descriptor
        }
    }

    private func write(_ buffer: ByteBuffer, to destination: NIOCore.SocketAddress, on socket: UDPDriverSocket) {
        let channel = socket.channel
        channel.write(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
        socket.mayHoldInNIO = true
        if !dirtySockets.contains(where: { $0 === channel }) { dirtySockets.append(channel) }
    }

    private func nioAddress(_ address: TransportAddress) -> NIOCore.SocketAddress? {
        if let lastDestination, lastDestination.address == address { return lastDestination.nio }
        guard let nio = try? address.nioAddress() else { return nil }
        lastDestination = (address, nio)
        return nio
    }

    /// Keeps exactly one timer scheduled, for the core's next timeout.
    private func rearm(_ next: RTCInstant?) {
        guard !isClosed, let next else {
            timer?.cancel()
            timer = nil
            timerInstant = nil
            return
        }
        if next == timerInstant, timer != nil { return }
        timer?.cancel()
        timerInstant = next
        timer = eventLoop.assumeIsolated().scheduleTask(deadline: clock.deadline(of: next)) { [weak self] in
            self?.fire()
        }
    }

    private func fire() {
        timer = nil
        timerInstant = nil
        guard !isClosed, core != nil else { return }
        core?.handle(.timeout, now: clock.now())
        flush()
    }

    /// Lets `body` close the core (its last datagrams, such as TURN releases, are still written),
    /// then stops; returns the sockets and connections for the caller to close.
    package func close(_ body: (inout Core, RTCInstant) -> Void) -> [any Channel] {
        guard !isClosed else { return [] }
        _ = withCore { core, now in body(&core, now) }
        isClosed = true
        timer?.cancel()
        timer = nil
        let channels = socketOrder.compactMap { sockets[$0]?.channel } + streams.closeAll()
        sockets = [:]
        return channels
    }

    // MARK: sockets

    /// Binds one UDP socket whose datagrams go to `receiver`: the one bind of the package, with
    /// socket buffers of `bufferSize` and up to 16 messages per `recvmmsg` (``ReceiveLayout``),
    /// `interactiveReads` `recvmmsg` per readable event until it carries bulk traffic. With
    /// `receiveOffload`, the socket turns UDP GRO on once it does.
    package static func bind<Receiver: DatagramReceiver>(
        _ address: TransportAddress, on loop: any EventLoop, receiver: NIOLoopBoundBox<Receiver>,
        receiveBufferSize: Int, sendBufferSize: Int, maxDatagramSize: Int = 2048, receiveOffload: Bool = false,
        interactiveReads: Int = ReceiveLayout.interactiveReadsPerEvent
    ) async throws -> any Channel {
        let layout = ReceiveLayout.plain(maxDatagramSize: maxDatagramSize)
        let bootstrap = DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferSize))
            .channelOption(.socketOption(.so_sndbuf), value: SocketOptionValue(sendBufferSize))
            .channelOption(.datagramVectorReadMessageCount, value: layout.slots)
            .channelOption(.maxMessagesPerRead, value: UInt(max(1, interactiveReads)))
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: layout.bytes))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramHandler(receiver: receiver, receiveOffload: receiveOffload))
                }
            }
        return try await bootstrap.bind(to: address.nioAddress()).get()
    }
}
