/// A musical transport action a host or co-host sends to the room.
public enum TransportCommand: Hashable, Sendable {
    /// Start playing from the current position.
    case play
    /// Stop playing, keeping the position.
    case pause
    /// Stop playing and return to the start.
    case stop
    /// Move to a position, microseconds from the start of the piece.
    case seek(position: Int64)
    /// Change the tempo, beats per minute; receivers refuse values outside `tempoRange`.
    case tempo(bpm: Double)

    /// Tempi accepted on the wire.
    public static let tempoRange: ClosedRange<Double> = 1...999
}
