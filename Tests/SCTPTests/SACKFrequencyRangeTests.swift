import Testing

@testable import SCTP

/// ``SCTPConfiguration/sackFrequency`` is checked in one place, on the way to usrsctp (the C shim
/// passes it on as it is, and usrsctp reads 0 as "keep the default").
@Suite struct SACKFrequencyRangeTests {
    @Test(arguments: [(0, 2), (-7, 2), (Int.min, 2), (1, 1), (4, 4), (Int.max, UInt32.max)] as [(Int, UInt32)])
    func belowOneMeansTwo(configured: Int, passed: UInt32) {
        var configuration = SCTPConfiguration()
        configuration.sackFrequency = configured
        #expect(configuration.usrsctpSACKFrequency == passed)
    }
}
