import Foundation

/// Shared decoding rules: version check, and mapping every decoding failure to `bad-message`.
enum MessageDecoding {
    /// The only protocol version this library speaks.
    static let version = 1

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(SignalingError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as SignalingError {
            throw error
        } catch let error as DecodingError {
            throw SignalingError(.badMessage, describe(error))
        } catch {
            throw SignalingError(.badMessage, "not a JSON object")
        }
    }

    /// Decodes `bytes` through `scan` (the byte scanner of the relay kinds) and, when it is not
    /// certain, through `full` (`JSONDecoder`). Bytes without contiguous storage are copied once,
    /// and that copy serves both.
    static func decode<Message>(
        utf8 bytes: some Collection<UInt8>, scan: (UnsafeRawBufferPointer) -> Message?,
        full: (Data) throws(SignalingError) -> Message
    ) throws(SignalingError) -> Message {
        let data: Data
        if let scanned = bytes.withContiguousStorageIfAvailable({ scan(UnsafeRawBufferPointer($0)) }) {
            if let message = scanned { return message }
            data = Data(bytes)
        } else {
            let copy = Array(bytes)
            if let message = copy.withUnsafeBytes(scan) { return message }
            data = Data(copy)
        }
        return try full(data)
    }

    static func checkVersion<K: CodingKey>(_ container: KeyedDecodingContainer<K>, key: K) throws {
        guard container.contains(key) else { return }
        let v: Int
        do {
            v = try container.decode(Int.self, forKey: key)
        } catch {
            throw SignalingError(.badMessage, "'v' must be an integer")
        }
        guard v == version else {
            throw SignalingError(.unsupportedVersion, "this server speaks protocol version \(version), not \(v)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context):
            return context.codingPath.isEmpty ? "not a JSON object" : "field '\(path(context))' has the wrong type"
        case .valueNotFound(_, let context):
            return "field '\(path(context))' is null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "malformed JSON" : "field '\(path(context))' is malformed"
        @unknown default:
            return "malformed message"
        }
    }
}

/// Shared encoding: compact JSON, stable key order (helps tests and logs).
enum MessageEncoding {
    static func text(of value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Our message types only hold strings, numbers and UUIDs: encoding cannot fail.
        let data = try! encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }
}
