import Foundation

extension EngineCore {
    /// One line per peer on where its link stands, for a report on a link that does not come up:
    /// the phase and how long it has been in it, the negotiation, the transport, the open
    /// channels and the restart rule's state. Times are seconds before `now`.
    func linkReport(now: Int64) -> [String] {
        guard let room else { return ["not in a room (\(connection))"] }
        func seconds(_ microseconds: Int64) -> String { String(format: "%.1f s", Double(microseconds) / 1_000_000) }
        func ago(_ instant: Int64) -> String { seconds(now.subtractingSaturating(instant)) }
        return room.order.compactMap { id -> String? in
            guard let record = room.peers[id] else { return nil }
            var line = "\(record.name) [\(id.uuidString.prefix(8))] "
            line += Self.isOfferer(room.localID, toward: id) ? "offerer, " : "answerer, "
            switch record.link {
            case .idle(let since):
                line += "no link for \(ago(since))"
            case .refused:
                line += "refused (room secrets differ)"
            case .making(let generation, let answering, let pending, let since):
                line += "making link \(generation) for \(ago(since))"
                line += answering == nil ? " to offer" : " to answer (\(pending.count) candidates held)"
            case .linked(let session):
                line += "link \(session.generation): \(session.negotiation) for \(ago(session.negotiationSince)), "
                line += "transport \(session.transport.rawValue), channels \(session.openChannels.count)/\(EngineChannel.allCases.count), "
                line += session.isUp ? "up" : "down for \(ago(session.downSince))"
            }
            line += "; restarts \(record.restarts)"
            if let next = record.nextRestartAt, next > now { line += ", backing off for \(seconds(next - now))" }
            return line
        }
    }
}
