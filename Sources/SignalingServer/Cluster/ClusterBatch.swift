import Foundation

/// One NOTIFY payload: a header line `SENDER-UUID SEQUENCE`, then one envelope a line.
///
/// The sequence number (per sender and receiver) lets the receiver drop a batch it already had
/// (a send retried after a lost acknowledgement) and makes every payload distinct, which matters
/// because PostgreSQL folds identical notifications of one transaction into one.
struct ClusterBatch: Sendable, Equatable {
    let sender: UUID
    let sequence: UInt64
    let lines: [Substring]

    /// PostgreSQL refuses payloads of 8000 bytes or more.
    static let payloadLimit = 7999

    static func header(sender: UUID, sequence: UInt64) -> String {
        "\(sender.uuidString) \(sequence)"
    }

    static func parse(_ payload: String) throws(ClusterEnvelopeError) -> ClusterBatch {
        // Split on the byte: a split by Character (grapheme breaking) cost more than the envelopes' decoding.
        var lines = payload.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { Substring($0) }
        guard !lines.isEmpty else { throw ClusterEnvelopeError("empty payload") }
        let header = lines.removeFirst().split(separator: " ")
        guard header.count == 2, let sender = UUID(uuidString: String(header[0])), let sequence = UInt64(header[1]) else {
            throw ClusterEnvelopeError("payload without a valid header")
        }
        return ClusterBatch(sender: sender, sequence: sequence, lines: lines)
    }
}
