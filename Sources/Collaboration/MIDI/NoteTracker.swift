public import Foundation

/// Tracks which notes each remote peer holds down, so none is left sounding when a peer is lost.
///
/// Feed it every MIDI event as it is played (`record(_:from:)`). A note-on with velocity > 0
/// starts a note; a note-off, or a note-on with velocity 0, ends it (per channel). Control
/// changes 120 (all sound off), 123 (all notes off) and 124-127 (mode changes, which imply all
/// notes off) end every note of their channel; system reset (`0xFF`) ends all. The sustain pedal
/// (CC 64 ≥ 64) is tracked too. `release(peer:at:)` returns the note-offs, then a sustain-off per
/// channel with the pedal down, that silence everything the peer left sounding.
public struct NoteTracker: Sendable {
    private var peers: [UUID: PeerNotes] = [:]

    /// Creates an empty tracker.
    public init() {}

    /// Updates the state with an event `peer` played.
    public mutating func record(_ event: MIDIEvent, from peer: UUID) {
        var notes = peers[peer] ?? PeerNotes()
        notes.apply(event)
        peers[peer] = notes.isSilent ? nil : notes
    }

    /// The notes `peer` holds, as (channel, note) pairs in channel then note order.
    public func soundingNotes(of peer: UUID) -> [(channel: UInt8, note: UInt8)] {
        peers[peer]?.sounding ?? []
    }

    /// Peers that hold at least one note or the sustain pedal.
    public var activePeers: [UUID] { Array(peers.keys) }

    /// Forgets `peer` and returns the events that silence what it left sounding, stamped `at`:
    /// a note-off (velocity 0) per held note, then CC 64 = 0 on each channel with the pedal down.
    public mutating func release(peer: UUID, at timestamp: Int64) -> [MIDIEvent] {
        guard let notes = peers.removeValue(forKey: peer) else { return [] }
        return notes.releaseEvents(at: timestamp)
    }

    /// `release(peer:at:)` for every peer (the session ends).
    public mutating func releaseAll(at timestamp: Int64) -> [MIDIEvent] {
        let all = peers.keys.sorted { $0.uuidString < $1.uuidString }
        return all.flatMap { release(peer: $0, at: timestamp) }
    }
}
