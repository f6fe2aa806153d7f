import Foundation

/// A change of a room homed here, for the database (applied in order by one writer).
enum RoomWrite: Sendable, Equatable {
    case save(RoomRecord)
    case delete(UUID)
}
