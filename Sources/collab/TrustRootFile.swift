import ArgumentParser
import Foundation

/// `--ca PATH` of `collab host`, `join` and `doctor`: a PEM certificate authority trusted for a
/// `wss://` server besides the system trust store.
enum TrustRootFile {
    /// The file's PEM text, read at validation so a bad path stops the command before it connects.
    static func read(_ path: String?) throws -> String? {
        guard let path else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read --ca \(path)")
        }
        guard text.contains("-----BEGIN CERTIFICATE-----") else {
            throw ValidationError("--ca \(path) holds no PEM certificate")
        }
        return text
    }
}
