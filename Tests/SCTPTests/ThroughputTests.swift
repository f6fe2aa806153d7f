import SCTP
import Testing

#if canImport(Glibc)
import Glibc
import RTCBase
#endif

/// Bulk transfer between two in-memory associations on the real clock: 16 KiB reliable ordered
/// messages, the sender refilling whenever `send` reports a full buffer. Prints MB/s and CPU time per
/// SCTP packet (both associations run on this thread, so the CPU time covers both ends).
@Suite(.timeLimit(.minutes(1))) struct ThroughputTests {
    @Test func reliableOrdered16KiBMessages() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        let message = [UInt8](repeating: 0x5A, count: 16_384)
        let total = 2048  // 32 MiB
        var sent = 0
        var delivered = 0
        var deliveredBytes = 0
        let packetsBefore = pair.packets
        let cpuStart = threadCPUTime()
        let start = ContinuousClock.now
        for _ in 0..<5_000_000 where delivered < total {
            while sent < total {
                do throws(SCTPError) {
                    try pair.a.send(message, stream: 1, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
                    sent += 1
                } catch {
                    #expect(error == .sendBufferFull)
                    break
                }
            }
            if !pair.exchange() { pair.tick() }
            for event in pair.eventsB {
                if case .message(_, _, let data) = event {
                    delivered += 1
                    deliveredBytes += data.count
                }
            }
            pair.eventsB.removeAll(keepingCapacity: true)
        }
        let elapsed = ContinuousClock.now - start
        let cpu = threadCPUTime() - cpuStart
        let packets = pair.packets - packetsBefore
        #expect(delivered == total)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let megabytesPerSecond = Double(deliveredBytes) / seconds / 1_000_000
        print(
            "SCTP throughput: \(deliveredBytes) bytes in \(Int(seconds * 1000)) ms = \(Int(megabytesPerSecond)) MB/s; "
                + "\(packets) packets, \(cpu / max(packets, 1)) us CPU per packet (both ends), largest \(pair.largestPacket) B"
        )
    }
}

/// CPU time of the calling thread in microseconds.
func threadCPUTime() -> Int {
    #if canImport(Glibc)
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return spec.tv_sec * 1_000_000 + spec.tv_nsec / 1000
    #else
    return 0
    #endif
}
