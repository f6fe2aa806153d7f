import Foundation
import RTCTestSupport
import Testing

@testable import Collaboration

@Suite("RealFFT", .timeLimit(.minutes(1)))
struct RealFFTTests {
    @Test("matches a direct DFT", arguments: [4, 16, 128])
    func matchesDFT(count: Int) {
        var random = SeededRandom(seed: UInt64(count))
        let input = (0..<count).map { _ in random.nextUnit() * 2 - 1 }
        let (re, im) = RealFFT(count: count).transform(input)
        for k in 0...(count / 2) {
            var dre = 0.0, dim = 0.0
            for (n, x) in input.enumerated() {
                let angle = -2 * Double.pi * Double(k * n) / Double(count)
                dre += x * cos(angle)
                dim += x * sin(angle)
            }
            #expect(abs(re[k] - dre) < 1e-9 && abs(im[k] - dim) < 1e-9, "bin \(k)")
        }
    }
}
