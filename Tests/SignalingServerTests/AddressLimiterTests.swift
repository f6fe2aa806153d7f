@testable import SignalingServer
import Testing

/// The per-address and instance-wide caps: a place is given back as it was taken, and each cap
/// reports only the first refusal of an episode (the rest of a flood is only counted).
@Suite struct AddressLimiterTests {
    func place(_ result: Result<AddressLimiter.Place, AddressLimiter.Refusal>) -> AddressLimiter.Place? {
        guard case .success(let place) = result else { return nil }
        return place
    }

    @Test func perAddressRefusalsReportTheFirstOfEachEpisode() throws {
        let limiter = AddressLimiter(cap: 2, limitLoopback: false)
        let first = try #require(place(limiter.admit("192.0.2.1")))
        _ = try #require(place(limiter.admit("192.0.2.1")))
        #expect(throws: AddressLimiter.Refusal.perAddress(first: true)) { try limiter.admit("192.0.2.1").get() }
        #expect(throws: AddressLimiter.Refusal.perAddress(first: false)) { try limiter.admit("192.0.2.1").get() }
        // Another address has its own cap and its own episodes.
        _ = try #require(place(limiter.admit("192.0.2.2")))
        limiter.release(first)
        _ = try #require(place(limiter.admit("192.0.2.1")))
        #expect(throws: AddressLimiter.Refusal.perAddress(first: true)) { try limiter.admit("192.0.2.1").get() }
    }

    @Test func exemptPlacesAreGivenBackWithoutTouchingTheAddressCount() throws {
        let limiter = AddressLimiter(cap: 1, totalCap: 3, limitLoopback: false)
        let proxied = try #require(place(limiter.admit("192.0.2.1", exempt: true)))
        let counted = try #require(place(limiter.admit("192.0.2.1")))
        #expect(throws: AddressLimiter.Refusal.perAddress(first: true)) { try limiter.admit("192.0.2.1").get() }
        // Loopback is exempt unless limitLoopback is set.
        _ = try #require(place(limiter.admit("127.0.0.1")))
        #expect(throws: AddressLimiter.Refusal.instance(first: true)) { try limiter.admit("127.0.0.1").get() }
        #expect(throws: AddressLimiter.Refusal.instance(first: false)) { try limiter.admit("127.0.0.1").get() }
        limiter.release(proxied)
        // Releasing the exempt place freed room in all, not the address's place.
        #expect(throws: AddressLimiter.Refusal.perAddress(first: false)) { try limiter.admit("192.0.2.1").get() }
        limiter.release(counted)
        _ = try #require(place(limiter.admit("192.0.2.1")))
    }
}
