import ICE
import DCEP
import DTLS
import SCTP
public import RTCBase
import DequeModule

extension PeerConnectionCore {
    /// W3C `createDataChannel()`. The channel opens when SCTP is up (at once if it already is);
    /// an in-band channel sends DATA_CHANNEL_OPEN (RFC 8832 §6), a negotiated one does not.
    public func createDataChannel(_ label: String, options: DataChannelInit = DataChannelInit(),
                                  now: RTCInstant) throws(PeerConnectionError) -> DataChannelHandle {
        guard !isClosed else { throw .closed }
        guard options.maxRetransmits == nil || options.maxPacketLifeTime == nil else {
            throw .invalidChannelOptions("maxRetransmits and maxPacketLifeTime are exclusive")
        }
        guard label.utf8.count <= Int(UInt16.max), options.protocol.utf8.count <= Int(UInt16.max) else {
            throw .invalidChannelOptions("label and protocol must fit 65,535 bytes")
        }
        guard channels.count < configuration.maxChannels else { throw .noStreamAvailable }
        var id: UInt16?
        if options.negotiated {
            guard let fixed = options.id else { throw .invalidChannelOptions("a negotiated channel needs an id") }
            guard Int(fixed) < configuration.maxChannels else {
                throw .invalidChannelOptions("id \(fixed) is not below \(configuration.maxChannels)")
            }
            guard streamToHandle[fixed] == nil else { throw .streamInUse(fixed) }
            id = fixed
        } else if let dtlsRole {
            guard let free = freeStreamID(for: dtlsRole) else { throw .noStreamAvailable }
            id = free
        }
        let handle = DataChannelHandle(rawValue: nextHandle)
        nextHandle += 1
        let info = DataChannelInfo(label: label, protocol: options.protocol, ordered: options.ordered,
                                   reliability: options.reliability, negotiated: options.negotiated, id: id)
        channels[handle] = ChannelRecord(info: info, acknowledged: options.negotiated, locallyCreated: true)
        if let id { streamToHandle[id] = handle }
        if sctpConnected { openChannel(handle, now: now) }
        pump(now: now)
        return handle
    }

    /// The channel's fixed properties.
    public func channelInfo(_ handle: DataChannelHandle) -> DataChannelInfo? {
        channels[handle]?.info
    }

    /// W3C `RTCDataChannel.send()`. The message goes to SCTP at once if it has room, else to the
    /// channel's queue (bounded by ``PeerConnectionConfiguration/maxChannelQueueBytes``);
    /// ``PeerConnectionEvent/bytesDequeued(_:_:)`` reports when it left the queue.
    public func send(_ message: DataChannelMessage, on handle: DataChannelHandle, now: RTCInstant) throws(PeerConnectionError) {
        guard !isClosed else { throw .closed }
        guard var record = channels[handle] else { throw .channelNotOpen(.closed) }
        guard record.state == .open else { throw .channelNotOpen(record.state) }
        let size = message.byteCount
        guard size <= remoteMaxMessageSize else { throw .messageTooLarge(size: size, limit: remoteMaxMessageSize) }
        let (payload, ppid) = Self.wireForm(message)
        if !record.hasQueue, let id = record.info.id, trySCTPSend(payload, ppid: ppid, record: record, stream: id, now: now) {
            record.stats.messagesSent += 1
            record.stats.bytesSent += size
            channels[handle] = record
            events.append(.bytesDequeued(handle, size))
        } else {
            guard record.queuedBytes + size <= configuration.maxChannelQueueBytes else {
                throw .sendQueueFull(limit: configuration.maxChannelQueueBytes)
            }
            if !record.hasQueue { queuedChannels.append(handle) }
            record.queue.append((payload, ppid, size))
            record.queuedBytes += size
            channels[handle] = record
        }
        pump(now: now)
    }

    /// W3C `RTCDataChannel.close()`: RFC 8831 §6.7, reset the outgoing stream; the peer resets
    /// its own and the channel is closed when both are. Queued messages are sent first.
    public func closeChannel(_ handle: DataChannelHandle, now: RTCInstant) {
        guard var record = channels[handle], record.state == .connecting || record.state == .open else { return }
        record.state = .closing
        channels[handle] = record
        events.append(.channelClosing(handle))
        guard sctpConnected, record.info.id != nil else {
            finishChannel(handle)
            return
        }
        if !record.hasQueue { requestReset(handle, now: now) }
        pump(now: now)
    }

    /// RFC 8831 §8 / RFC 8832 §8.1: the PPID and the bytes SCTP carries for a message. "SCTP does
    /// not support the sending of empty user messages", so empty ones are one zero byte with 56/57.
    static func wireForm(_ message: DataChannelMessage) -> ([UInt8], UInt32) {
        switch message {
        case .text(let text) where text.isEmpty: ([0], DataChannelPPID.stringEmpty.rawValue)
        case .text(let text): (Array(text.utf8), DataChannelPPID.string.rawValue)
        case .binary(let bytes) where bytes.isEmpty: ([0], DataChannelPPID.binaryEmpty.rawValue)
        case .binary(let bytes): (bytes, DataChannelPPID.binary.rawValue)
        }
    }

    /// `false` when SCTP's buffer is full; other errors fail the send silently but are counted.
    func trySCTPSend(_ payload: [UInt8], ppid: UInt32, record: ChannelRecord, stream: UInt16, now: RTCInstant) -> Bool {
        guard let sctp, sctpConnected else { return false }
        // RFC 8832 §6: before the ACK, "all messages MUST be sent ordered".
        let ordered = record.info.ordered || !record.acknowledged
        do {
            try sctp.send(payload, stream: stream, ppid: ppid, ordered: ordered,
                          reliability: Self.sctpReliability(record.info.reliability), now: now)
            return true
        } catch .sendBufferFull {
            return false
        } catch {
            counters.sctpSendsFailed += 1
            return true
        }
    }

    static func sctpReliability(_ reliability: DataChannelReliability) -> SCTPReliability {
        switch reliability {
        case .reliable: .reliable
        case .maxRetransmits(let count): .maxRetransmits(count)
        case .maxPacketLifeTime(let milliseconds): .maxPacketLifeTime(milliseconds: milliseconds)
        }
    }

    /// Sends queued messages while SCTP takes them; returns whether anything moved.
    func drainQueues(now: RTCInstant) -> Bool {
        var moved = false
        var stillQueued: [DataChannelHandle] = []
        var blocked = false
        for handle in queuedChannels {
            guard var record = channels[handle], let id = record.info.id else { continue }
            while !blocked, record.queueHead < record.queue.count {
                let item = record.queue[record.queueHead]
                guard trySCTPSend(item.payload, ppid: item.ppid, record: record, stream: id, now: now) else {
                    blocked = true
                    break
                }
                record.queueHead += 1
                record.queuedBytes -= item.size
                record.stats.messagesSent += 1
                record.stats.bytesSent += item.size
                events.append(.bytesDequeued(handle, item.size))
                moved = true
            }
            if record.hasQueue {
                if record.queueHead > 256 && record.queueHead * 2 > record.queue.count {
                    record.queue.removeFirst(record.queueHead)
                    record.queueHead = 0
                }
                stillQueued.append(handle)
            } else {
                record.queue = []
                record.queueHead = 0
            }
            channels[handle] = record
            if !record.hasQueue, record.state == .closing, !record.outgoingResetRequested {
                requestReset(handle, now: now)
            }
        }
        queuedChannels = stillQueued
        return moved
    }

    func requestReset(_ handle: DataChannelHandle, now: RTCInstant) {
        guard var record = channels[handle], let id = record.info.id, !record.outgoingResetRequested else { return }
        record.outgoingResetRequested = true
        channels[handle] = record
        do {
            try sctp?.resetStreams([id], now: now)
        } catch {
            finishChannel(handle)
        }
    }

    /// RFC 8832 §6 parity: the DTLS client uses even stream ids, the server odd ones.
    func freeStreamID(for role: DTLSRole) -> UInt16? {
        let start = role == .client ? 0 : 1
        for candidate in stride(from: start, to: configuration.maxChannels, by: 2) {
            let id = UInt16(candidate)
            if streamToHandle[id] == nil { return id }
        }
        return nil
    }

    func assignStreamIDs() {
        guard let dtlsRole else { return }
        for handle in channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard var record = channels[handle], record.info.id == nil else { continue }
            guard let id = freeStreamID(for: dtlsRole) else {
                finishChannel(handle)
                continue
            }
            record.info.id = id
            channels[handle] = record
            streamToHandle[id] = handle
            events.append(.channelIDAssigned(handle, id))
        }
    }

    func openPendingChannels(now: RTCInstant) {
        for handle in channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) where channels[handle]?.state == .connecting {
            openChannel(handle, now: now)
        }
    }

    func openChannel(_ handle: DataChannelHandle, now: RTCInstant) {
        guard var record = channels[handle], record.state == .connecting, let id = record.info.id else { return }
        if !record.info.negotiated {
            let open = DCEPOpen(label: record.info.label, protocol: record.info.protocol,
                                ordered: record.info.ordered, reliability: record.info.reliability)
            guard let bytes = try? DCEPMessage.open(open).encoded(), let sctp else { return }
            do {
                try sctp.send(bytes, stream: id, ppid: DataChannelPPID.dcep.rawValue, ordered: true,
                              reliability: .reliable, now: now)
            } catch {
                counters.sctpSendsFailed += 1
                finishChannel(handle)
                return
            }
        }
        record.state = .open
        channels[handle] = record
        events.append(.channelOpened(handle))
    }

    func receive(stream: UInt16, ppid: UInt32, data: [UInt8], now: RTCInstant) {
        guard let kind = DataChannelPPID(rawValue: ppid) else {
            counters.strayMessages += 1
            return
        }
        if kind == .dcep {
            receiveDCEP(stream: stream, data: data, now: now)
            return
        }
        guard let handle = streamToHandle[stream], var record = channels[handle],
              record.state == .open || record.state == .closing else {
            counters.strayMessages += 1
            return
        }
        let message: DataChannelMessage
        switch kind {
        case .string, .stringPartial:
            guard let text = String(validating: data, as: UTF8.self) else {
                counters.invalidTextMessages += 1
                return
            }
            message = .text(text)
        case .stringEmpty: message = .text("")
        case .binary, .binaryPartial: message = .binary(data)
        case .binaryEmpty: message = .binary([])
        case .dcep: return
        }
        // Data from the peer on our channel means it saw our OPEN (RFC 8832 §6 lets it send
        // only after receiving it), so unordered sends are safe from here on.
        record.acknowledged = true
        record.stats.messagesReceived += 1
        record.stats.bytesReceived += message.byteCount
        channels[handle] = record
        events.append(.message(handle, message))
    }

    func receiveDCEP(stream: UInt16, data: [UInt8], now: RTCInstant) {
        let message: DCEPMessage
        do {
            message = try DCEPMessage(bytes: data)
        } catch {
            counters.badDCEPMessages += 1
            return
        }
        switch message {
        case .ack:
            guard let handle = streamToHandle[stream] else {
                counters.badDCEPMessages += 1
                return
            }
            channels[handle]?.acknowledged = true
        case .open(let open):
            // RFC 8832 §6: an OPEN on a stream in use is an error; the peer picked the wrong parity.
            guard streamToHandle[stream] == nil, Int(stream) < configuration.maxChannels,
                  channels.count < configuration.maxChannels else {
                counters.badDCEPMessages += 1
                return
            }
            let handle = DataChannelHandle(rawValue: nextHandle)
            nextHandle += 1
            let info = DataChannelInfo(label: open.label, protocol: open.protocol, ordered: open.ordered,
                                       reliability: open.reliability, negotiated: false, id: stream)
            var record = ChannelRecord(info: info, acknowledged: true, locallyCreated: false)
            record.state = .open
            channels[handle] = record
            streamToHandle[stream] = handle
            if let ack = try? DCEPMessage.ack.encoded() {
                do {
                    try sctp?.send(ack, stream: stream, ppid: DataChannelPPID.dcep.rawValue, ordered: true,
                                   reliability: .reliable, now: now)
                } catch {
                    counters.sctpSendsFailed += 1
                }
            }
            events.append(.dataChannel(handle, info))
            events.append(.channelOpened(handle))
        }
    }

    /// The peer reset its outgoing stream: RFC 8831 §6.7, reset ours too; closed when both are.
    func remoteReset(stream: UInt16, now: RTCInstant) {
        guard let handle = streamToHandle[stream], var record = channels[handle] else { return }
        record.incomingReset = true
        if record.state != .closing {
            record.state = .closing
            events.append(.channelClosing(handle))
        }
        // The remote is gone: anything still queued can never be read.
        if record.queuedBytes > 0 { events.append(.bytesDequeued(handle, record.queuedBytes)) }
        record.queue = []
        record.queueHead = 0
        record.queuedBytes = 0
        channels[handle] = record
        queuedChannels.removeAll { $0 == handle }
        if record.outgoingReset {
            finishChannel(handle)
        } else {
            requestReset(handle, now: now)
        }
    }

    func localResetDone(stream: UInt16) {
        guard let handle = streamToHandle[stream], var record = channels[handle] else { return }
        record.outgoingReset = true
        channels[handle] = record
        if record.incomingReset { finishChannel(handle) }
    }

    /// The channel is closed: report it, release its stream id and its queue.
    func finishChannel(_ handle: DataChannelHandle) {
        guard let record = channels.removeValue(forKey: handle) else { return }
        if let id = record.info.id, streamToHandle[id] == handle { streamToHandle[id] = nil }
        queuedChannels.removeAll { $0 == handle }
        if record.queuedBytes > 0 { events.append(.bytesDequeued(handle, record.queuedBytes)) }
        closedChannelStats.messagesSent += record.stats.messagesSent
        closedChannelStats.bytesSent += record.stats.bytesSent
        closedChannelStats.messagesReceived += record.stats.messagesReceived
        closedChannelStats.bytesReceived += record.stats.bytesReceived
        if record.state != .closing { events.append(.channelClosing(handle)) }
        events.append(.channelClosed(handle))
    }
}
