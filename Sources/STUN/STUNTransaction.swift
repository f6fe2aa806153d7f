public import RTCBase

/// Client transaction retransmission timing over UDP (RFC 8489 §6.2.1), sans-IO.
///
/// "a client SHOULD retransmit a STUN request message starting with an interval of RTO ('Retransmission
/// TimeOut'), doubling after each retransmission ... Retransmissions continue until a response is
/// received or until a total of Rc requests have been sent ... If, after the last request, a duration
/// equal to Rm times the RTO has passed without a response ... the client SHOULD consider the
/// transaction to have failed." With RTO 500 ms, Rc 7, Rm 16 the sends are at 0, 500, 1500, 3500,
/// 7500, 15500, 31500 ms and the failure at 39500 ms.
///
/// Call ``handleTimeout(now:)`` at ``pollTimeout()``, then drain ``pollTransmit()``.
public struct STUNTransaction: Hashable, Sendable {
    /// Where the transaction stands.
    public enum State: Hashable, Sendable {
        /// Waiting for a response, retransmitting.
        case pending
        /// A response arrived (``complete()`` was called).
        case completed
        /// No response after the last retransmission and the final wait.
        case timedOut
    }

    /// The encoded request, resent unchanged.
    public let request: [UInt8]
    /// The transaction ID, to match responses.
    public let transactionID: TransactionID
    /// Current state.
    public private(set) var state: State = .pending
    /// Number of times the request has been handed out for sending.
    public private(set) var sendCount = 1
    /// When the transaction started (its first send is due then).
    public let startedAt: RTCInstant

    private let initialRTO: Duration
    private let maxRTO: Duration?
    private let maxSends: Int
    private let finalWaitMultiplier: Int
    private var rto: Duration
    private var deadline: RTCInstant
    private var transmitDue = true

    /// Starts a transaction whose first send is due immediately.
    ///
    /// - Parameters:
    ///   - rto: initial RTO; RFC 8489 recommends 500 ms.
    ///   - maxRTO: optional cap on the doubled interval (RFC 8489 lets an implementation cap it).
    ///   - rc: total requests sent, Rc (default 7).
    ///   - rm: final wait as a multiple of the initial RTO, Rm (default 16).
    public init(request: [UInt8], transactionID: TransactionID, now: RTCInstant,
                rto: Duration = .milliseconds(500), maxRTO: Duration? = nil, rc: Int = 7, rm: Int = 16) {
        precondition(rc >= 1 && rm >= 1 && rto > .zero, "invalid STUN transaction timing")
        self.request = request
        self.transactionID = transactionID
        self.initialRTO = rto
        self.maxRTO = maxRTO
        self.maxSends = rc
        self.finalWaitMultiplier = rm
        self.deadline = now + rto
        self.rto = min(rto * 2, maxRTO ?? rto * 2)
        self.startedAt = now
    }

    /// The request if a (re)transmission is due; `nil` otherwise.
    public mutating func pollTransmit() -> [UInt8]? {
        guard state == .pending, transmitDue else { return nil }
        transmitDue = false
        return request
    }

    /// When ``handleTimeout(now:)`` must next be called; `nil` once finished.
    public func pollTimeout() -> RTCInstant? {
        state == .pending ? deadline : nil
    }

    /// Advances the schedule; queues a retransmission or declares the transaction timed out.
    public mutating func handleTimeout(now: RTCInstant) {
        guard state == .pending, now >= deadline else { return }
        if sendCount < maxSends {
            sendCount += 1
            transmitDue = true
            if sendCount == maxSends {
                deadline = now + initialRTO * finalWaitMultiplier
            } else {
                deadline = now + rto
                rto = min(rto * 2, maxRTO ?? rto * 2)
            }
        } else {
            state = .timedOut
        }
    }

    /// Marks the transaction answered; no further sends or timeouts.
    public mutating func complete() {
        state = .completed
        transmitDue = false
    }
}
