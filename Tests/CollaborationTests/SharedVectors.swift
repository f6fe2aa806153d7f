import Foundation

/// The known-answer vectors shared with the browser tests (Tests/Vectors/collab-vectors.json, made by
/// Tests/Vectors/generate.mjs): one file so the Swift engine and collab.js cannot drift apart unseen.
struct SharedVectors: Decodable {
    struct Control: Decodable {
        let message: [String: Field]
        let hex: String
    }

    /// A JSON scalar of a control message (64-bit fields are decimal strings).
    enum Field: Decodable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case list([[String: UInt32]])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .text(value)
            } else {
                self = .list(try container.decode([[String: UInt32]].self))
            }
        }
    }

    struct Chat: Decodable { let text: String; let hex: String }
    struct MIDIEventVector: Decodable { let timestamp: String; let bytes: String }
    struct MIDIBatchVector: Decodable { let sequence: UInt32; let events: [MIDIEventVector] }
    struct MIDI: Decodable { let batch: MIDIBatchVector; let hex: String }
    struct Sample: Decodable {
        let timestamp: String
        let heartRate: Double
        let rmssd: Double
        let coherence: Double
        let breathingRate: Double
        let breathingPhase: Double?
        let rrIntervals: [Double]?
    }
    struct Bio: Decodable { let sample: Sample; let hex: String }
    struct Frame: Decodable {
        let codec: String; let channels: UInt8; let sequence: UInt32; let timestamp: UInt32; let payload: String; let redundancy: String?
    }
    struct Audio: Decodable { let frame: Frame; let hex: String }
    struct Envelope: Decodable { let stream: UInt32; let sequence: UInt32; let payload: String }
    struct Sequenced: Decodable { let envelope: Envelope; let hex: String }
    struct Invalid: Decodable { let channel: String; let hex: String; let error: String }
    struct SealedSignal: Decodable { let from: UUID; let to: UUID; let text: String; let nonce: String; let sealed: String }
    struct SealedBio: Decodable { let sender: UUID; let sample: Sample; let nonce: String; let hex: String }
    struct OtherSignal: Decodable { let from: UUID; let to: UUID; let sealed: String }
    struct OtherSecret: Decodable { let secret: String; let bioKeyID: String; let signalKeyID: String; let signal: OtherSignal }
    struct Refusal: Decodable {
        let kind: String
        let from: UUID?
        let to: UUID?
        let sender: UUID?
        let sealed: String?
        let hex: String?
        let error: String
    }
    struct Sealing: Decodable {
        let secret: String
        let roomID: UUID
        let rounds: Int
        let bioKeyID: String
        let signalKeyID: String
        let signal: [SealedSignal]
        let bio: [SealedBio]
        let otherSecret: OtherSecret
        let refusals: [Refusal]
    }

    struct Estimate: Decodable {
        let heartRate: Double
        let rmssd: Double
        let coherence: Double
        let breathingRate: Double
        let breathingPhase: Double
    }
    struct Coherence: Decodable { let rrIntervals: [Double]; let estimate: Estimate }

    let control: [Control]
    let chat: [Chat]
    let midi: [MIDI]
    let bio: [Bio]
    let audio: [Audio]
    let sequenced: [Sequenced]
    let invalid: [Invalid]
    let sealing: Sealing
    let coherence: [Coherence]
    /// AudioLossMeter: the sequences arriving in each report period and each period's report (nil: nothing arrived).
    struct LossMeter: Decodable { let periods: [[UInt32]]; let percents: [UInt8?] }
    let lossMeter: [LossMeter]

    static func load() throws -> SharedVectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Vectors/collab-vectors.json").standardizedFileURL
        return try JSONDecoder().decode(SharedVectors.self, from: Data(contentsOf: url))
    }
}
