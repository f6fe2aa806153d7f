import Testing

@testable import SDP

/// `SDPLine.attributeValue(named:)`, the byte-wise lookup every attribute read goes through, against
/// `SDPLine.attribute`, which splits the line.
@Suite("SDPLine attribute lookup")
struct SDPLineTests {
    static let lines: [SDPLine] = [
        .attribute("ice-ufrag", "abcd"), .attribute("ice-ufrag2", "x"), .attribute("ice", "y"),
        .attribute("end-of-candidates"), .attribute("candidate", "1 1 udp 1 127.0.0.1 9 typ host"),
        .attribute("fingerprint", "sha-256 AB:CD"), .attribute("empty", ""), .attribute("colon", "a:b:c"),
        SDPLine(type: "o", value: "ice-ufrag:abcd"), SDPLine(type: "a", value: ":no-name"),
        SDPLine(type: "a", value: "naïve:ü"),
    ]
    static let names = ["ice-ufrag", "ice-ufrag2", "ice", "ice-", "end-of-candidates", "end", "candidate",
                        "fingerprint", "empty", "colon", "", "naïve", "naive"]

    @Test("Agrees with splitting the line, for every name", arguments: names)
    func agreesWithSplitting(name: String) {
        for line in Self.lines {
            let split: String?? = line.attribute.flatMap { $0.name == name ? .some($0.value) : nil }
            #expect(line.attributeValue(named: name) == split, "\(line.text) for \(name)")
        }
    }

    @Test func propertyValueAndPrefix() {
        #expect(SDPLine.attribute("end-of-candidates").attributeValue(named: "end-of-candidates") == .some(nil))
        #expect(SDPLine.attribute("ice-ufrag", "abcd").attributeValue(named: "ice-ufrag") == .some("abcd"))
        #expect(SDPLine.attribute("ice-ufrag2", "x").attributeValue(named: "ice-ufrag") == nil)
        #expect(SDPLine(type: "o", value: "ice-ufrag:abcd").attributeValue(named: "ice-ufrag") == nil)
    }
}
