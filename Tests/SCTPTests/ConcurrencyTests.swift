import SCTP
import Testing

/// Several associations driven from different threads at once share the one usrsctp stack: its
/// global timers run from every thread and reach every association.
@Suite(.timeLimit(.minutes(1))) struct ConcurrencyTests {
    @Test func pairsOnConcurrentTasksDoNotDisturbEachOther() async throws {
        let results = try await withThrowingTaskGroup(of: [UInt32?].self) { group in
            for seed in 0..<4 {
                group.addTask {
                    let pair = try AssociationPair(seed: UInt64(seed))
                    guard pair.run(until: { pair.a.state == .connected && pair.b.state == .connected }) else { return [] }
                    for sequence in 0..<200 {
                        let message = SelfCheckingMessage.make(sequence: UInt32(sequence), size: 8 + (sequence * 37 + seed) % 3000)
                        try pair.a.send(message, stream: UInt16(seed), ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
                        if sequence % 16 == 0 { pair.exchange() }
                    }
                    pair.run { pair.messagesAtB.count == 200 }
                    pair.a.close(now: pair.now)
                    pair.run { pair.a.state == .closed && pair.b.state == .closed }
                    return pair.messagesAtB.map { SelfCheckingMessage.check($0.data) }
                }
            }
            var all: [[UInt32?]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 4)
        for result in results {
            #expect(result == (0..<200).map { UInt32($0) })
        }
    }
}
