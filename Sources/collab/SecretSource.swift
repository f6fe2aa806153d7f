import ArgumentParser
import Foundation

/// A secret given as a flag (visible in `ps`), a file, or an environment variable: at most one of
/// them, never empty. Files and the environment keep it out of every other user's process list.
struct SecretSource {
    /// The flag's name without dashes, e.g. `secret` (its file flag is `--secret-file`).
    let flag: String
    /// The environment variable, e.g. `COLLAB_SECRET`.
    let environment: String

    /// The secret from `value` (the flag), `file` or the environment; nil when none is given.
    func resolve(value: String?, file: String?) throws -> String? {
        let fromEnvironment = ProcessInfo.processInfo.environment[environment]
        let given = [value != nil, file != nil, fromEnvironment != nil].filter { $0 }.count
        guard given <= 1 else {
            throw ValidationError("give the \(flag) once: --\(flag), --\(flag)-file or \(environment)")
        }
        var secret = value ?? fromEnvironment
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read --\(flag)-file \(file)")
            }
            secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let secret, secret.isEmpty { throw ValidationError("the \(flag) is empty") }
        return secret
    }
}
