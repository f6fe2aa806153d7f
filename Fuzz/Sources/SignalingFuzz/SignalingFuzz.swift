import FuzzSupport
import Foundation
import SignalingProtocol

/// The executable's `main` (see `runFuzzer`).
@_cdecl("SignalingFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in data.map { fuzzSignaling($0, size) } ?? 0 }
}

/// libFuzzer entry point: the signaling JSON of both directions. Every input must be rejected with
/// a SignalingError or decode into a message whose JSON decodes back equal; the relay scanner
/// must give what the full decoder gives, error or message, for client messages (the server's
/// hot path) and server messages (the cluster's relayed envelopes); a relay the scanner alone
/// accepts (the server's ``RelayFastPathHandler``, which skips the assembler's UTF-8 check on that
/// promise) must be valid UTF-8 and what the decoder gives; a relay the cluster's pass-through
/// accepts must be what the decoder gives and come out as the server writes it; a room code must
/// validate or throw.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignaling(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let full = Result { () throws(SignalingError) in try ClientMessage.decode(bytes) }
    let fast = Result { () throws(SignalingError) in try ClientMessage.decode(utf8: Array(bytes)) }
    guard full == fast else {
        fatalError("the relay scanner and the decoder disagree: \(fast) vs \(full)")
    }
    if let scanned = bytes.withUnsafeBytes({ ClientMessage.scannedRelay(utf8: $0) }) {
        // RFC 6455 §8.1: a text message that is not valid UTF-8 fails the connection.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            fatalError("the relay scanner accepted bytes that are not UTF-8: \(scanned)")
        }
        guard case .success(scanned) = full else {
            fatalError("the relay scanner accepted what the decoder does not give: \(scanned) vs \(full)")
        }
    }
    let fullServer = Result { () throws(SignalingError) in try ServerMessage.decode(bytes) }
    let fastServer = Result { () throws(SignalingError) in try ServerMessage.decode(utf8: Array(bytes)) }
    guard fullServer == fastServer else {
        fatalError("the server-message scanner and the decoder disagree: \(fastServer) vs \(fullServer)")
    }
    if let client = try? ClientMessage.decode(bytes) {
        guard (try? ClientMessage.decode(Data(client.jsonText().utf8))) == client else {
            fatalError("a client message's JSON does not decode back equal")
        }
    }
    if let server = try? ServerMessage.decode(bytes) {
        guard (try? ServerMessage.decode(Data(server.jsonText().utf8))) == server else {
            fatalError("a server message's JSON does not decode back equal")
        }
    }
    checkPassThrough(bytes, decoded: full)
    _ = try? RoomCode(String(decoding: bytes, as: UTF8.self))
    return 0
}

/// A relay the cluster's pass-through accepts must be one the full decoder reads as that offer or
/// answer, and its server JSON, stamped, must be exactly what the server writes for it.
private func checkPassThrough(_ bytes: Data, decoded: Result<ClientMessage, SignalingError>) {
    let sender = UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16))
    guard var relay = try? bytes.withUnsafeBytes({ raw in try RelayPassThrough(clientJSON: raw) }) else { return }
    relay.stamp(sender: sender)
    let expected: ServerMessage
    switch decoded {
    case .success(.offer(let to?, let sdp)) where to == relay.target: expected = .offer(from: sender, sdp: sdp)
    case .success(.answer(let to?, let sdp)) where to == relay.target: expected = .answer(from: sender, sdp: sdp)
    default: fatalError("the pass-through accepted what the decoder reads otherwise: \(decoded)")
    }
    guard relay.serverJSON == expected.jsonBytes() else {
        fatalError("the pass-through wrote other bytes than the server's writer for \(expected)")
    }
}
