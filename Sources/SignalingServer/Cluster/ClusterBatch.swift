import Foundation

/// One NOTIFY payload: a header line `SENDER-UUID SEQUENCE [STAMP]`, then one envelope a line.
///
/// The sequence number (per sender and receiver) lets the receiver drop a batch it already had
/// (a send retried after a lost acknowledgement) and makes every payload distinct, which matters
/// because PostgreSQL folds identical notifications of one transaction into one. The stamp, sent
/// only by instances started with `COLLAB_CLUSTER_STAMPS=1` (benchmarks on one machine), is the
/// sender's monotonic clock in nanoseconds when its statement started, so the receiver can time
/// PostgreSQL's delivery; instances older than it refuse a header with a stamp.
struct ClusterBatch: Sendable, Equatable {
    let sender: UUID
    let sequence: UInt64
    var stamp: UInt64? = nil
    let lines: [Substring]

    /// PostgreSQL refuses payloads of 8000 bytes or more.
    static let payloadLimit = 7999

    static func header(sender: UUID, sequence: UInt64, stamp: UInt64? = nil) -> String {
        stamp.map { "\(sender.uuidString) \(sequence) \($0)" } ?? "\(sender.uuidString) \(sequence)"
    }

    static func parse(_ payload: String) throws(ClusterEnvelopeError) -> ClusterBatch {
        var payload = payload
        // Lines found as byte offsets in the contiguous UTF-8: `split` over the UTF-8 view (an
        // index step and a closure call per byte) took a third of the LISTEN task's time, and a
        // split by Character (grapheme breaking) before it more than the envelopes' decoding.
        let ranges = payload.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                if end > start { ranges.append(start..<end) }
                start = end + 1
            }
            return ranges
        }
        guard let first = ranges.first else { throw ClusterEnvelopeError("empty payload") }
        // Native UTF-8, so moving an index by a byte offset costs nothing.
        let utf8 = payload.utf8
        func line(_ range: Range<Int>) -> Substring {
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
        }
        let header = line(first).utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
        guard (2...3).contains(header.count), let sender = UUID(uuidString: String(header[0])),
            let sequence = UInt64(header[1])
        else {
            throw ClusterEnvelopeError("payload without a valid header")
        }
        var stamp: UInt64?
        if header.count == 3 {
            guard let value = UInt64(header[2]) else { throw ClusterEnvelopeError("payload with a bad stamp") }
            stamp = value
        }
        return ClusterBatch(sender: sender, sequence: sequence, stamp: stamp, lines: ranges.dropFirst().map(line))
    }
}
