/// ICE username fragment and password (RFC 8445 §5.3, RFC 8839 §5.4).
public struct ICECredentials: Hashable, Sendable, CustomStringConvertible {
    /// `ice-ufrag`: at least 4 `ice-char`s.
    public var ufrag: String
    /// `ice-pwd`: at least 22 `ice-char`s.
    public var pwd: String

    /// Creates credentials from signaled values.
    public init(ufrag: String, pwd: String) {
        self.ufrag = ufrag
        self.pwd = pwd
    }

    /// RFC 8839 §5.4: `ice-char = ALPHA / DIGIT / "+" / "/"`.
    static let iceChars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// Fresh random credentials: an 8-character ufrag and a 24-character password (144 bits).
    public static func random(using generator: inout some RandomNumberGenerator) -> ICECredentials {
        func token(_ count: Int) -> String {
            String((0..<count).map { _ in iceChars.randomElement(using: &generator)! })
        }
        return ICECredentials(ufrag: token(8), pwd: token(24))
    }

    /// The ufrag only: passwords stay out of logs.
    public var description: String { "ufrag \(ufrag)" }
}
