import Foundation
import Synchronization

/// Named figures in the order they were measured, printed as text or JSON.
final class BenchReport: Sendable {
    private let figures = Mutex<[(String, Double)]>([])

    func set(_ name: String, _ value: Double) {
        figures.withLock { $0.append((name, value)) }
    }

    func text() -> String {
        figures.withLock { figures in
            figures.map { name, value in
                let shown = value.rounded() == value && abs(value) < 1e12 ? String(Int(value)) : String(format: "%.3f", value)
                return "\(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(shown)"
            }.joined(separator: "\n")
        }
    }

    func json() -> String {
        let object = figures.withLock { Dictionary($0.map { ($0.0, $0.1.isFinite ? $0.1 : 0) }, uniquingKeysWith: { $1 }) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
