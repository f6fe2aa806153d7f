import Collaboration
import Foundation
import Synchronization

/// What one engine of the demo received, counted from its events.
final class DemoTally: Sendable {
    struct Counts: Sendable {
        var chat = 0
        var midiEvents = 0
        var midiBatches = 0
        var bio = 0
        var audio = 0
        var errors: [String] = []
        var chatLines: [String] = []
    }

    let name: String
    let counts = Mutex(Counts())

    init(name: String) { self.name = name }

    /// Counts `engine`'s media as it arrives (``CollaborationEngine/setMediaHandler(_:)``, as an
    /// audio application would) and reads its other events until they finish; `names` maps
    /// participant IDs to names.
    func consume(_ engine: CollaborationEngine, names: @escaping @Sendable (UUID) -> String) async {
        engine.setMediaHandler { [self] event in count(event, names: names) }
        for await event in engine.events { count(event, names: names) }
    }

    private func count(_ event: EngineEvent, names: @Sendable (UUID) -> String) {
        switch event {
        case .chat(let from, let text):
            counts.withLock { counts in
                counts.chat += 1
                counts.chatLines.append("[\(names(from)) → \(name)] \(text)")
                if counts.chatLines.count > 3 { counts.chatLines.removeFirst() }
            }
        case .midi(_, let events):
            counts.withLock { $0.midiEvents += events.count; $0.midiBatches += 1 }
        case .bio:
            counts.withLock { $0.bio += 1 }
        case .audio:
            counts.withLock { $0.audio += 1 }
        case .error(let error):
            counts.withLock { $0.errors.append("\(error)") }
        default:
            break
        }
    }
}
