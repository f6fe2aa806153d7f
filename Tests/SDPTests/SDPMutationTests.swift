import RTCTestSupport
import Testing

@testable import SDP

@Suite("SDP parser under random mutation")
struct SDPMutationTests {
    /// Bytes that make mutations hit the parser's decisions more often than uniform noise would.
    static let interesting = Array("=:\r\n /m=a0123456789-".utf8) + [0x00, 0xFF, 0xC3]

    static func mutate(_ input: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            let byte = Bool.random(using: &rng)
                ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[position] = byte
            case 1 where !bytes.isEmpty: bytes.remove(at: position)
            case 2: bytes.insert(byte, at: position)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &rng))
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...40, using: &rng))
                bytes.removeSubrange(position..<end)
            default: bytes = Array(bytes.prefix(position))
            }
        }
        return bytes
    }

    @Test func twentyThousandMutationsNeverCrashAndRoundTrip() async throws {
        var rng = SeededRandom(seed: 0x5D9_8866)
        let seeds = SDPFixture.all.map { Array($0.text.utf8) }
        var parsedCount = 0
        var viewCount = 0
        for iteration in 0..<20_000 {
            // Seconds of CPU: the pool's thread is handed back now and then, so the other
            // tests' tasks (timers, link steps) do not wait for all of it.
            if iteration % 500 == 0 { await Task.yield() }
            let input = String(decoding: Self.mutate(seeds.randomElement(using: &rng)!, using: &rng), as: UTF8.self)
            let parsed: SessionDescription
            do {
                parsed = try SessionDescription(parsing: input)
            } catch {
                continue  // Typed throws: every failure is an SDPError by construction.
            }
            parsedCount += 1
            // Whatever parses must survive serialize -> parse unchanged.
            #expect(try SessionDescription(parsing: parsed.text) == parsed)
            if (try? WebRTCDataSession(parsed)) != nil { viewCount += 1 }
        }
        // The mutations exercise both paths; if these fail, the mutator has stopped being useful.
        #expect(parsedCount > 1_000)
        #expect(parsedCount < 20_000)
        #expect(viewCount > 100)
    }
}
