import Foundation

/// A small radix-2 FFT of real input (power-of-two length), for the HRV spectrum.
///
/// The `n` real samples are packed into `n/2` complex ones (even samples real, odd imaginary),
/// transformed with an iterative decimation-in-time FFT, and split into the `n/2 + 1`
/// non-negative-frequency bins: `X[k] = E[k] + e^{−2πik/n} O[k]` with
/// `E[k] = (Z[k] + conj Z[n/2−k]) / 2` and `O[k] = (Z[k] − conj Z[n/2−k]) / 2i`.
struct RealFFT: Sendable {
    let count: Int
    private let half: Int
    private let cosTable: [Double]  // cos(2πk/n), k in 0..<n/2
    private let sinTable: [Double]

    /// `count` must be a power of two, at least 4.
    init(count: Int) {
        precondition(count >= 4 && count & (count - 1) == 0, "RealFFT length must be a power of two ≥ 4")
        self.count = count
        half = count / 2
        cosTable = (0..<half).map { Foundation.cos(2 * Double.pi * Double($0) / Double(count)) }
        sinTable = (0..<half).map { Foundation.sin(2 * Double.pi * Double($0) / Double(count)) }
    }

    /// The bins `0...count/2` of the DFT of `input` (exactly `count` samples), as (re, im).
    func transform(_ input: [Double]) -> (re: [Double], im: [Double]) {
        precondition(input.count == count, "RealFFT input length")
        var re = (0..<half).map { input[2 * $0] }
        var im = (0..<half).map { input[2 * $0 + 1] }
        complexFFT(&re, &im)
        var outRe = [Double](repeating: 0, count: half + 1)
        var outIm = [Double](repeating: 0, count: half + 1)
        for k in 0...half {
            let a = k % half
            let b = (half - k) % half
            let evenRe = (re[a] + re[b]) / 2
            let evenIm = (im[a] - im[b]) / 2
            let oddRe = (im[a] + im[b]) / 2
            let oddIm = -(re[a] - re[b]) / 2
            // W^k = e^{−2πik/n} = cos − i sin; for k == half, W = −1.
            let wRe = k < half ? cosTable[k] : -1
            let wIm = k < half ? -sinTable[k] : 0
            outRe[k] = evenRe + wRe * oddRe - wIm * oddIm
            outIm[k] = evenIm + wRe * oddIm + wIm * oddRe
        }
        return (outRe, outIm)
    }

    /// In-place iterative radix-2 FFT of length `half` (twiddles reuse the length-`count` table).
    private func complexFFT(_ re: inout [Double], _ im: inout [Double]) {
        let n = half
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 {
                j ^= bit
                bit >>= 1
            }
            j |= bit
            if i < j {
                re.swapAt(i, j)
                im.swapAt(i, j)
            }
        }
        var length = 2
        while length <= n {
            let step = count / length  // twiddle index stride in the length-`count` table
            for start in stride(from: 0, to: n, by: length) {
                for k in 0..<(length / 2) {
                    let wRe = cosTable[k * step]
                    let wIm = -sinTable[k * step]
                    let a = start + k
                    let b = a + length / 2
                    let tRe = re[b] * wRe - im[b] * wIm
                    let tIm = re[b] * wIm + im[b] * wRe
                    re[b] = re[a] - tRe
                    im[b] = im[a] - tIm
                    re[a] += tRe
                    im[a] += tIm
                }
            }
            length <<= 1
        }
    }
}
