import ICE
import RTCTestSupport
import STUN
import RTCBase
import Testing

/// RFC 8489 §9.2.5: once the client holds the long-term key, a response without a verifying
/// MESSAGE-INTEGRITY is discarded as if never received (UDP: the request is retransmitted; TCP/TLS:
/// the transaction ends), except 401 and 438, which the RFC acts on without one. The audit found
/// unsigned success responses to Allocate, Refresh, CreatePermission and ChannelBind accepted.
@Suite struct TURNResponseIntegrityTests {
    static let peer = TURNClientTests.peer

    /// An allocated client whose server → client datagrams pass through `tamper` (nil: dropped).
    struct Tampered {
        var harness = TURNClientTests.Harness()
        var tamper: (STUNMessage, [UInt8]) -> [UInt8]? = { $1 }

        mutating func pump() {
            for _ in 0..<100 {
                var moved = false
                while let transmit = harness.client.pollTransmit() {
                    moved = true
                    harness.server.handle(transmit.payload, from: transmit.source, to: transmit.destination, now: harness.now)
                }
                while let transmit = harness.server.pollTransmit() {
                    moved = true
                    guard transmit.destination == TURNClientTests.client else { continue }
                    let message = try? STUNMessage.decode(transmit.payload)
                    guard let message, let bytes = tamper(message, transmit.payload) else { continue }
                    harness.client.handle(bytes, now: harness.now)
                }
                while let event = harness.client.pollEvent() { harness.events.append(event); moved = true }
                if !moved { return }
            }
        }

        /// A new client and server whose very first exchange goes through `tamper`.
        mutating func restart() {
            harness.client = TURNClient(server: TURNClientTests.server, local: TURNClientTests.client, username: "alice",
                                        password: "secret", lifetime: 600, random: SeededRandom(seed: 1), now: .zero)
            harness.server = TURNServer(address: TURNClientTests.server, users: ["alice": "secret"])
            harness.events = []
        }

        /// Runs the client's timers (retransmissions) until `instant`.
        mutating func advance(to instant: RTCInstant) {
            for _ in 0..<1000 {
                guard let next = harness.client.pollTimeout(), next <= instant else { break }
                harness.now = max(harness.now, next)
                harness.client.handleTimeout(now: harness.now)
                pump()
            }
            harness.now = instant
        }
    }

    /// `message` again without MESSAGE-INTEGRITY(-SHA256) (FINGERPRINT recomputed).
    static func stripped(_ message: STUNMessage) -> [UInt8] {
        var unsigned = message
        unsigned.attributes.removeAll { [0x0008, 0x001C, 0x8028].contains($0.type.rawValue) }
        return unsigned.encode(fingerprint: true)
    }

    /// `message` signed with a key that is not the client's.
    static func forged(_ message: STUNMessage) -> [UInt8] {
        var unsigned = message
        unsigned.attributes.removeAll { [0x0008, 0x001C, 0x8028].contains($0.type.rawValue) }
        return unsigned.encode(key: .shortTerm(password: "forged"), fingerprint: true)
    }

    static func isCreatePermissionSuccess(_ message: STUNMessage) -> Bool {
        message.type == STUNMessageType(method: .createPermission, class: .successResponse)
    }

    @Test("An unsigned CreatePermission success is discarded and reported once; the retransmission's signed answer installs it")
    func unsignedSuccessIsDiscardedThenRetransmitted() {
        var wire = Tampered()
        #expect(wire.harness.client.relayedAddress != nil)
        wire.tamper = { message, bytes in Self.isCreatePermissionSuccess(message) ? Self.stripped(message) : bytes }
        wire.harness.client.ensurePermission(Self.peer.ip, now: wire.harness.now)
        wire.pump()
        #expect(!wire.harness.events.contains(.permissionCreated(Self.peer.ip)), "not installed on an unsigned answer")
        #expect(wire.harness.client.badIntegrityResponses == 1)
        #expect(wire.harness.events.contains(.responseDiscarded(request: "CreatePermission for \(Self.peer.ip)",
                                                               reason: "no MESSAGE-INTEGRITY on a success response")))
        // RFC 8489 §9.2.5: "retransmits, if applicable, will continue"; the server answers the
        // retransmission from its cache, signed this time.
        wire.tamper = { $1 }
        wire.advance(to: wire.harness.now + .seconds(1))
        #expect(wire.harness.events.contains(.permissionCreated(Self.peer.ip)))
        #expect(wire.harness.client.badIntegrityResponses == 1)
    }

    @Test("Unsigned or forged successes to Allocate, Refresh and ChannelBind are not acted on", arguments: [false, true])
    func everyRequestNeedsIntegrity(forge: Bool) {
        let rewrite: (STUNMessage) -> [UInt8] = { forge ? Self.forged($0) : Self.stripped($0) }
        // Allocate: the 401 passes (a challenge carries no integrity), the success does not.
        var allocate = Tampered()
        allocate.restart()
        allocate.tamper = { message, bytes in message.type.messageClass == .successResponse ? rewrite(message) : bytes }
        allocate.pump()
        #expect(allocate.harness.client.relayedAddress == nil)
        #expect(allocate.harness.client.badIntegrityResponses == 1)
        allocate.advance(to: .zero + .seconds(60))
        #expect(allocate.harness.client.state == .failed)
        #expect(allocate.harness.events.last == .allocationFailed(reason: "integrity protection violated"))
        #expect(allocate.harness.events.filter { if case .responseDiscarded = $0 { true } else { false } }.count == 1,
                "reported once however often it was retransmitted")

        // ChannelBind: the channel is not bound, so data goes in Send indications.
        var bind = Tampered()
        bind.tamper = { message, bytes in message.type.method == .channelBind ? rewrite(message) : bytes }
        bind.harness.client.send([1], to: Self.peer, now: bind.harness.now)
        bind.pump()
        #expect(bind.harness.events.contains(.permissionCreated(Self.peer.ip)))
        #expect(!bind.harness.events.contains { if case .channelBound = $0 { true } else { false } })
        bind.harness.client.send([2], to: Self.peer, now: bind.harness.now)
        #expect(bind.harness.client.sendIndicationsSent == 2 && bind.harness.client.channelDataSent == 0)

        // Refresh (the deallocation): an unsigned answer does not close the allocation early.
        var refresh = Tampered()
        refresh.tamper = { message, bytes in message.type.method == .refresh ? rewrite(message) : bytes }
        refresh.harness.client.close(now: refresh.harness.now)
        refresh.pump()
        #expect(refresh.harness.client.state == .closing)
        #expect(refresh.harness.client.badIntegrityResponses == 1)
    }

    @Test("An unsigned 438 Stale Nonce is still retried (§9.2.5 asks no integrity of it); an unsigned 400 is discarded")
    func errorResponses() throws {
        var stale = Tampered()
        stale.harness = TURNClientTests.Harness(nonceLifetime: .seconds(60))
        stale.harness.now = .zero + .seconds(61)
        stale.tamper = { message, bytes in message.errorCode?.code == 438 ? Self.stripped(message) : bytes }
        stale.harness.client.ensurePermission(Self.peer.ip, now: stale.harness.now)
        stale.pump()
        #expect(stale.harness.server.stats.staleNonces == 1)
        #expect(stale.harness.events.contains(.permissionCreated(Self.peer.ip)))
        #expect(stale.harness.client.badIntegrityResponses == 0)

        // §9.2.5: "an error code of 400 (Bad Request) and does not contain either the
        // MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 attribute ... MUST be discarded".
        var harness = TURNClientTests.Harness()
        harness.client.ensurePermission(Self.peer.ip, now: harness.now)
        let transmit = harness.client.pollTransmit()
        let request = try STUNMessage.decode(try #require(transmit).payload)
        let badRequest = STUNMessage(type: .init(method: .createPermission, class: .errorResponse),
                                     transactionID: request.transactionID, attributes: [.errorCode(.badRequest)])
        let taken = harness.client.handle(badRequest.encode(fingerprint: true), now: harness.now)
        #expect(taken)
        #expect(harness.client.badIntegrityResponses == 1)
        var events: [TURNEvent] = []
        while let event = harness.client.pollEvent() { events.append(event) }
        #expect(!events.contains { if case .requestFailed = $0 { true } else { false } }, "not failed: \(events)")
        // Signed, the same 400 fails the request.
        let key = STUNIntegrityKey.longTerm(username: "alice", realm: harness.server.realm, password: "secret")
        harness.client.handle(badRequest.encode(key: key, fingerprint: true), now: harness.now)
        let failure = harness.client.pollEvent()
        #expect(failure == .requestFailed(request: "CreatePermission for \(Self.peer.ip)", reason: "400 Bad Request"))
    }

    @Test("Over TCP an unsigned response ends the transaction at once, as an integrity violation")
    func streamEndsTheTransaction() throws {
        var harness = TURNStreamTests.StreamHarness()
        #expect(harness.client.relayedAddress != nil)
        harness.client.ensurePermission(Self.peer.ip, now: harness.now)
        let transmit = harness.client.pollTransmit()
        let request = try STUNMessage.decode(try #require(transmit).payload)
        let success = STUNMessage(type: .init(method: .createPermission, class: .successResponse),
                                  transactionID: request.transactionID, attributes: [])
        harness.client.handle(streamBytes: StreamFramer.frame(success.encode(fingerprint: true)), now: harness.now)
        #expect(harness.client.badIntegrityResponses == 1)
        var events: [TURNEvent] = []
        while let event = harness.client.pollEvent() { events.append(event) }
        #expect(events == [.responseDiscarded(request: "CreatePermission for \(Self.peer.ip)", reason: "no MESSAGE-INTEGRITY on a success response"),
                           .requestFailed(request: "CreatePermission for \(Self.peer.ip)", reason: "integrity protection violated")])
    }
    @Test("A refresh whose answer is discarded is reported, so a relay lost later has its cause; an unsigned error names its code")
    func discardedRefreshIsReported() throws {
        var harness = TURNStreamTests.StreamHarness()
        #expect(harness.client.relayedAddress != nil)
        while harness.client.pollEvent() != nil {}
        // The allocation's refresh timer is the client's earliest; at that instant it sends Refresh.
        let due = try #require(harness.client.pollTimeout())
        harness.client.handleTimeout(now: due)
        let transmit = harness.client.pollTransmit()
        let request = try STUNMessage.decode(try #require(transmit).payload)
        #expect(request.type.method == .refresh)
        let unsigned = STUNMessage(type: .init(method: .refresh, class: .errorResponse), transactionID: request.transactionID,
                                   attributes: [.errorCode(STUNErrorCode(code: 508, reason: "Insufficient Capacity"))])
        harness.client.handle(streamBytes: StreamFramer.frame(unsigned.encode(fingerprint: true)), now: due)
        var events: [TURNEvent] = []
        while let event = harness.client.pollEvent() { events.append(event) }
        guard events.count == 2, case .responseDiscarded(let discarded, let why) = events[0],
              case .requestFailed(let failed, let reason) = events[1] else {
            Issue.record("events \(events)")
            return
        }
        #expect(discarded.hasPrefix("Refresh (lifetime ") && failed == discarded)
        #expect(why == "no MESSAGE-INTEGRITY on error 508")
        #expect(reason == "integrity protection violated")
        #expect(harness.client.relayedAddress != nil, "the allocation runs until it expires")
    }
}
