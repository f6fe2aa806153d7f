/// One peer's held notes (16 channels × 128 bits) and sustain pedals.
struct PeerNotes: Sendable {
    private var words = [UInt64](repeating: 0, count: 32)
    private var sustain: UInt16 = 0

    var isSilent: Bool { sustain == 0 && words.allSatisfy { $0 == 0 } }

    mutating func apply(_ event: MIDIEvent) {
        if event.status == 0xFF {
            words = [UInt64](repeating: 0, count: 32)
            sustain = 0
            return
        }
        guard let channel = event.channel else { return }
        switch event.status & 0xF0 {
        case 0x90 where event.data2 > 0: set(channel, event.data1, on: true)
        case 0x80, 0x90: set(channel, event.data1, on: false)
        case 0xB0:
            switch event.data1 {
            case 64:
                if event.data2 >= 64 { sustain |= 1 << channel } else { sustain &= ~(1 << channel) }
            case 121:
                sustain &= ~(1 << channel)
            case 120, 123...127:
                words[Int(channel) * 2] = 0
                words[Int(channel) * 2 + 1] = 0
            default: break
            }
        default: break
        }
    }

    private mutating func set(_ channel: UInt8, _ note: UInt8, on: Bool) {
        let index = Int(channel) * 2 + Int(note >> 6)
        let bit = UInt64(1) << UInt64(note & 63)
        if on { words[index] |= bit } else { words[index] &= ~bit }
    }

    var sounding: [(channel: UInt8, note: UInt8)] {
        var result: [(channel: UInt8, note: UInt8)] = []
        for channel in 0..<16 {
            for note in 0..<128 {
                let word = words[channel * 2 + note / 64]
                if word & (UInt64(1) << UInt64(note % 64)) != 0 {
                    result.append((UInt8(channel), UInt8(note)))
                }
            }
        }
        return result
    }

    func releaseEvents(at timestamp: Int64) -> [MIDIEvent] {
        var events = sounding.map { MIDIEvent.noteOff(channel: $0.channel, note: $0.note, timestamp: timestamp) }
        for channel in UInt8(0)..<16 where sustain & (1 << channel) != 0 {
            events.append(.controlChange(channel: channel, controller: 64, value: 0, timestamp: timestamp))
        }
        return events
    }
}
