import RTCTestSupport
import Foundation
import ICE
import NIOCore
import NIOPosix
import RTCDriver
import RTCBase
import Testing

/// Two drivers over real loopback UDP sockets: connect, exchange data both ways, and time it.
@Suite(.serialized) struct LiveConnectTests {
    static func configuration(_ ip: String) -> ICEConfiguration {
        ICEConfiguration(hostAddresses: [TransportAddress(ip: ip, port: 0)!], includeLoopback: true)
    }

    /// Whether a UDP socket can be bound to `::1` here (containers often lack IPv6).
    static let ipv6LoopbackWorks: Bool = {
        guard let channel = try? DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "::1", port: 0).wait() else { return false }
        try? channel.close().wait()
        return true
    }()

    /// Connects `runs` times; returns the connect times (start of `a` to both connected).
    static func connectAndExchange(ip: String, runs: Int) async throws -> [Duration] {
        var times: [Duration] = []
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let started = clock.now
            let peers = try await LivePeers(a: configuration(ip), b: configuration(ip))
            do {
                try await peers.waitConnected()
                times.append(clock.now - started)
                let statusA = try await peers.a.status()
                let statusB = try await peers.b.status()
                let pairA = try #require(statusA.selectedPair)
                let pairB = try #require(statusB.selectedPair)
                #expect(pairA.local.address == pairB.remote.address && pairA.remote.address == pairB.local.address)
                #expect(statusA.localAddresses.allSatisfy { $0.port != 0 }, "port 0 resolved to the bound port")
                let toB = try await peers.exchange(from: 0, count: 20, tag: 0xA1)
                let toA = try await peers.exchange(from: 1, count: 20, tag: 0xB2)
                #expect(toB.count == 20 && toA.count == 20)
                #expect(Set(toB.map { $0[1] }).count == 20)
            } catch {
                await peers.close()
                throw error
            }
            await peers.close()
            let ended = try await peers.a.status()
            #expect(ended.connectionState == .closed)
        }
        return times
    }

    static func report(_ label: String, _ times: [Duration]) {
        let millis = times.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 }.sorted()
        let median = millis[millis.count / 2]
        let list = millis.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        print("RTCDriver connect time \(label): median \(String(format: "%.2f", median)) ms over \(millis.count) runs [\(list)] ms")
    }

    @Test func ipv4LoopbackConnectsAndExchangesData() async throws {
        let times = try await Self.connectAndExchange(ip: "127.0.0.1", runs: 7)
        Self.report("127.0.0.1", times)
        #expect(times.count == 7)
    }

    @Test(.enabled(if: LiveConnectTests.ipv6LoopbackWorks, "::1 cannot be bound on this machine; IPv6 live test skipped"))
    func ipv6LoopbackConnectsAndExchangesData() async throws {
        let times = try await Self.connectAndExchange(ip: "::1", runs: 5)
        Self.report("::1", times)
        #expect(times.count == 5)
    }

    @Test func sendBeforeConnectedThrowsAndCloseFinishesEvents() async throws {
        let driver = ICEDriver(configuration: Self.configuration("127.0.0.1"), role: .controlling)
        await #expect(throws: ICEDriverError.notStarted) { try await driver.send([1]) }
        let candidates = try await driver.start()
        #expect(candidates.count == 1 && candidates[0].type == .host && candidates[0].address.port != 0)
        await #expect(throws: ICEError.notConnected) { try await driver.send([1]) }
        await driver.close()
        await driver.close()
        await #expect(throws: ICEDriverError.closed) { try await driver.send([1]) }
        let events = driver.events
        let count = try await withTimeout(.seconds(5), "events to finish") {
            var count = 0
            for await _ in events { count += 1 }
            return count
        }
        #expect(count >= 1, "the host candidate was reported before the stream finished")
    }
}
