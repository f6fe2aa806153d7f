import Foundation

/// The integration guide's `SignalingMessage`, field for field (reference/integration-guide.md):
/// what an app written from the guide encodes and decodes.
struct GuideSignalingMessage: Codable, Equatable {
    /// The guide's `ICECandidate`.
    struct ICECandidate: Codable, Equatable {
        var sdpMid: String
        var sdpMLineIndex: Int
        var candidate: String
    }

    /// The guide's `Participant` as its server sends it: `{id, name}`.
    struct Participant: Codable, Equatable {
        var id: UUID
        var name: String
    }

    let type: String
    var sdp: String?
    var candidate: ICECandidate?
    var sessionID: UUID?
    var roomCode: String?
    var participant: Participant?
    var participantID: UUID?

    /// The guide's client sends every message as a binary frame of `JSONEncoder` output.
    var frameBytes: [UInt8] {
        // Only strings, numbers and UUIDs: encoding cannot fail.
        Array(try! JSONEncoder().encode(self))
    }
}
