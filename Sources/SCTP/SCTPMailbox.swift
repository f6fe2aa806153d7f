import Synchronization

/// The part of an association that usrsctp's callbacks reach, possibly from another thread: outgoing
/// packets, raw inbound data and notifications, send-buffer space. Everything is behind one lock; the
/// callbacks only copy into it and never call back into usrsctp (that would deadlock).
final class SCTPMailbox: Sendable {
    struct State: ~Copyable {
        var transmits: [[UInt8]] = []
        var transmitHead = 0
        var inbound: [SCTPInbound] = []
        var sendBufferFree: UInt32?
        /// True while the owner is inside a call that will drain the mailbox afterwards.
        var ownerBusy = false
        /// A foreign-output hook was already scheduled and the queue has not been emptied since.
        var foreignPending = false
        var onForeignOutput: (@Sendable () -> Void)?
    }

    let state = Mutex(State())

    /// Appends one outgoing packet; returns the hook to run if it arrived outside an owner's call.
    func appendTransmit(_ packet: [UInt8]) -> (@Sendable () -> Void)? {
        state.withLock { state in
            state.transmits.append(packet)
            guard !state.ownerBusy, !state.foreignPending, let hook = state.onForeignOutput else { return nil }
            state.foreignPending = true
            return hook
        }
    }

    /// Removes the oldest outgoing packet.
    func popTransmit() -> [UInt8]? {
        state.withLock { state in
            guard state.transmitHead < state.transmits.count else {
                state.foreignPending = false
                return nil
            }
            let packet = state.transmits[state.transmitHead]
            state.transmits[state.transmitHead] = []
            state.transmitHead += 1
            if state.transmitHead == state.transmits.count {
                state.transmits.removeAll(keepingCapacity: true)
                state.transmitHead = 0
            } else if state.transmitHead >= 64, state.transmitHead * 2 >= state.transmits.count {
                state.transmits.removeFirst(state.transmitHead)
                state.transmitHead = 0
            }
            return packet
        }
    }

    /// Appends something for the owner to process.
    func appendInbound(_ item: SCTPInbound) {
        state.withLock { $0.inbound.append(item) }
    }

    /// Takes everything queued for the owner and the latest send-buffer space report.
    func takeInbound() -> (items: [SCTPInbound], sendBufferFree: UInt32?) {
        state.withLock { state in
            let items = state.inbound
            state.inbound.removeAll(keepingCapacity: true)
            let free = state.sendBufferFree
            state.sendBufferFree = nil
            return (items, free)
        }
    }
}
