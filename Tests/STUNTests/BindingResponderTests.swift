import STUN
import RTCBase
import Testing

/// The plain STUN server's answers (what `collab serve` runs on its UDP port).
@Suite struct BindingResponderTests {
    let client = TransportAddress("198.51.100.7:40123")!

    @Test func answersABindingRequestWithTheSourceAddress() throws {
        let id = TransactionID(bytes: Array(1...12))!
        let request = STUNMessage(type: .bindingRequest, transactionID: id).encode(fingerprint: true)
        let response = try STUNBindingResponder.respond(to: request, from: client, software: "test").get()
        let message = try STUNMessage.decode(response)
        #expect(message.type == .bindingSuccess)
        #expect(message.transactionID == id)
        #expect(message.mappedAddress == client)
        #expect(message.hasFingerprint, "RFC 8489 §7.3: FINGERPRINT when the request had one")
    }

    @Test func answersIPv6AndNoFingerprintWhenTheRequestHadNone() throws {
        let source = TransportAddress("[2001:db8::5]:3478")!
        let request = STUNMessage(type: .bindingRequest, transactionID: TransactionID(bytes: Array(repeating: 7, count: 12))!).encode()
        let message = try STUNMessage.decode(STUNBindingResponder.respond(to: request, from: source).get())
        #expect(message.mappedAddress == source)
        #expect(!message.hasFingerprint)
    }

    @Test func refusesUnknownComprehensionRequiredAttributesWith420() throws {
        let id = TransactionID(bytes: Array(repeating: 3, count: 12))!
        let request = STUNMessage(type: .bindingRequest, transactionID: id,
                                  attributes: [.unknown(type: 0x7F01, value: [1, 2, 3, 4])]).encode()
        let message = try STUNMessage.decode(STUNBindingResponder.respond(to: request, from: client).get())
        #expect(message.type == .bindingError)
        #expect(message.errorCode?.code == 420)
    }

    @Test func ignoresWhatIsNotABindingRequest() {
        let id = TransactionID(bytes: Array(repeating: 9, count: 12))!
        let indication = STUNMessage(type: .bindingIndication, transactionID: id).encode()
        let success = STUNMessage(type: .bindingSuccess, transactionID: id, attributes: [.xorMappedAddress(client)]).encode()
        #expect(STUNBindingResponder.respond(to: indication, from: client) == .failure(.notBindingRequest))
        #expect(STUNBindingResponder.respond(to: success, from: client) == .failure(.notBindingRequest))
        #expect(STUNBindingResponder.respond(to: [], from: client) == .failure(.notSTUN))
        #expect(STUNBindingResponder.respond(to: [0x16, 0xFE, 0xFD] + Array(repeating: 0, count: 40), from: client) == .failure(.notSTUN))
        #expect(STUNBindingResponder.respond(to: Array(repeating: 0, count: 19), from: client) == .failure(.notSTUN))
    }
}
