import Foundation

extension PayloadReader {
    /// A participant ID: the 16 bytes of a UUID in RFC 9562 order.
    mutating func readUUID() throws(PayloadError) -> UUID {
        let b = try readBytes(16)
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                           b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

extension PayloadWriter {
    mutating func write(_ id: UUID) {
        withUnsafeBytes(of: id.uuid) { write(contentsOf: $0) }
    }
}
