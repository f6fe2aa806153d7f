/// A 6-character room code over an alphabet without look-alike characters (no 0/O, 1/I).
///
/// Codes are case-insensitive on input and always stored upper case. The server draws them from
/// a cryptographic source (``random(using:)`` with `SystemRandomNumberGenerator`, which reads
/// the kernel's CSPRNG on Linux); 32^6 ≈ 1.07e9 codes, with join attempts rate limited per address.
public struct RoomCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The characters a code may contain.
    public static let alphabet: [Character] = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    /// The length of every code.
    public static let length = 6

    /// The normalised (upper-case) code.
    public let value: String

    /// Validates and normalises user input; throws `invalid-code` when it is not 6 characters of
    /// the alphabet (surrounding whitespace is tolerated, inner characters are not).
    public init(_ input: String) throws(SignalingError) {
        let trimmed = input.trimmingWhitespace().uppercased()
        guard trimmed.count == Self.length, trimmed.allSatisfy({ Self.alphabet.contains($0) }) else {
            throw SignalingError(.invalidCode, "a room code is \(Self.length) characters of \(String(Self.alphabet))")
        }
        value = trimmed
    }

    /// Draws a code uniformly from the alphabet.
    public static func random(using generator: inout some RandomNumberGenerator) -> RoomCode {
        // 32 symbols: `randomElement` is unbiased for any count, and the alphabet is a power of two anyway.
        let characters = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        return RoomCode(validated: String(characters))
    }

    private init(validated: String) {
        value = validated
    }

    public init(from decoder: any Decoder) throws {
        self = try RoomCode(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
