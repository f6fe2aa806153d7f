extension SessionDescription {
    /// Parses SDP text.
    ///
    /// Lines end with CRLF (RFC 8866 section 5); a bare LF is tolerated and blank lines are skipped.
    /// Lines other than `v=` and `m=` are kept verbatim whatever their content, so unknown
    /// attributes never fail parsing. The input is bounded by ``maximumByteCount``,
    /// ``maximumLineCount`` and ``maximumMediaCount`` before any other work is done.
    ///
    /// - Throws: ``SDPError`` naming the offending line.
    public init(parsing text: String) throws(SDPError) {
        let byteCount = text.utf8.count
        guard byteCount <= Self.maximumByteCount else {
            throw .inputTooLarge(byteCount: byteCount)
        }
        var rawLines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if rawLines.last?.isEmpty == true { rawLines.removeLast() }
        guard rawLines.count <= Self.maximumLineCount else { throw .tooManyLines }

        var sessionLines: [SDPLine] = []
        var media: [MediaDescription] = []
        var sawVersion = false

        for (index, raw) in rawLines.enumerated() {
            let number = index + 1
            var bytes = raw[...]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if bytes.isEmpty { continue }

            // RFC 8866 section 5: "<type> MUST be exactly one case-significant character ...
            // Whitespace MUST NOT be used on either side of the '=' sign."
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else {
                throw .missingEquals(line: number)
            }
            let typeBytes = bytes[..<equals]
            guard typeBytes.count == 1, let typeByte = typeBytes.first,
                typeByte >= UInt8(ascii: "a"), typeByte <= UInt8(ascii: "z")
            else {
                throw .invalidLineType(line: number)
            }
            let type = Character(Unicode.Scalar(typeByte))
            let value = String(Substring(bytes[bytes.index(after: equals)...]))

            // RFC 8866 section 5: "An SDP description MUST contain ... v= ... first".
            guard sawVersion else {
                guard type == "v" else { throw .missingVersion(line: number) }
                // RFC 8866 section 5.1: "v=0 ... there is no minor version number."
                guard value == "0" else { throw .unsupportedVersion(line: number) }
                sawVersion = true
                sessionLines.append(SDPLine(type: type, value: value))
                continue
            }

            if type == "m" {
                guard media.count < Self.maximumMediaCount else {
                    throw .tooManyMediaSections(line: number)
                }
                media.append(try Self.parseMediaLine(value, line: number))
            } else if media.isEmpty {
                sessionLines.append(SDPLine(type: type, value: value))
            } else {
                media[media.count - 1].lines.append(SDPLine(type: type, value: value))
            }
        }
        guard sawVersion else { throw .emptyInput }
        self.init(sessionLines: sessionLines, media: media)
    }

    /// Parses `<media> <port>[/<number of ports>] <proto> <fmt> ...` (RFC 8866 section 5.14).
    private static func parseMediaLine(_ value: String, line: Int) throws(SDPError) -> MediaDescription {
        let fields = value.split(separator: " ")
        guard fields.count >= 4 else { throw .malformedMediaLine(line: line) }
        let portField = fields[1]
        let port: UInt16
        var portCount: UInt16?
        if let slash = portField.firstIndex(of: "/") {
            guard let base = decimalPort(portField[..<slash]),
                let count = decimalPort(portField[portField.index(after: slash)...])
            else { throw .invalidPort(line: line) }
            port = base
            portCount = count
        } else {
            guard let base = decimalPort(portField) else { throw .invalidPort(line: line) }
            port = base
        }
        return MediaDescription(
            media: String(fields[0]),
            port: port,
            portCount: portCount,
            proto: String(fields[2]),
            formats: fields[3...].map(String.init)
        )
    }

    /// A 1-to-5 digit decimal number in 0...65535, or nil.
    static func decimalPort(_ text: Substring) -> UInt16? {
        guard (1...5).contains(text.utf8.count),
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let number = Int(text), number <= 65_535
        else { return nil }
        return UInt16(number)
    }
}
