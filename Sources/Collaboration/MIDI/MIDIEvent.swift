/// One MIDI message (1 to 3 bytes) stamped on the shared session clock.
///
/// Only complete, fixed-length messages are accepted: channel voice messages, system common
/// messages with a defined length and real-time messages. System exclusive (`0xF0`/`0xF7`) and the
/// undefined status bytes (`0xF4`, `0xF5`, `0xF9`, `0xFD`) are refused, as is running status.
public struct MIDIEvent: Hashable, Sendable {
    /// When the event happens, in microseconds on the shared session clock.
    public let timestamp: Int64
    /// The status byte (high bit set).
    public let status: UInt8
    /// The first data byte, or 0 when the message has none.
    public let data1: UInt8
    /// The second data byte, or 0 when the message has none.
    public let data2: UInt8

    /// Validates `bytes` as one complete MIDI message.
    ///
    /// - Throws: `PayloadError.invalidValue` for a bad status byte, a data byte with its high bit
    ///   set, or a length that does not match the status.
    public init(timestamp: Int64, bytes: [UInt8]) throws(PayloadError) {
        guard let status = bytes.first else { throw .invalidValue("midi.status") }
        guard let length = Self.messageLength(status: status) else { throw .invalidValue("midi.status") }
        guard bytes.count == length else { throw .invalidValue("midi.length") }
        guard bytes.dropFirst().allSatisfy({ $0 < 0x80 }) else { throw .invalidValue("midi.data") }
        self.timestamp = timestamp
        self.status = status
        self.data1 = bytes.count > 1 ? bytes[1] : 0
        self.data2 = bytes.count > 2 ? bytes[2] : 0
    }

    /// The raw message bytes (1 to 3).
    public var bytes: [UInt8] {
        switch length {
        case 1: [status]
        case 2: [status, data1]
        default: [status, data1, data2]
        }
    }

    /// The number of bytes of this message.
    public var length: Int { Self.messageLength(status: status) ?? 1 }

    /// The channel (0...15) of a channel voice message, `nil` for system messages.
    public var channel: UInt8? { status < 0xF0 ? status & 0x0F : nil }

    /// The message with the same bytes at another instant.
    public func at(_ timestamp: Int64) -> MIDIEvent {
        MIDIEvent(unchecked: timestamp, status: status, data1: data1, data2: data2)
    }

    init(unchecked timestamp: Int64, status: UInt8, data1: UInt8, data2: UInt8) {
        self.timestamp = timestamp
        self.status = status
        self.data1 = data1
        self.data2 = data2
    }

    /// A note-on; `channel` 0...15, `note` and `velocity` 0...127 (values are masked into range).
    public static func noteOn(channel: UInt8, note: UInt8, velocity: UInt8, timestamp: Int64) -> MIDIEvent {
        MIDIEvent(unchecked: timestamp, status: 0x90 | (channel & 0x0F), data1: note & 0x7F, data2: velocity & 0x7F)
    }

    /// A note-off with release velocity; `channel` 0...15, `note` 0...127 (values are masked).
    public static func noteOff(channel: UInt8, note: UInt8, velocity: UInt8 = 0, timestamp: Int64) -> MIDIEvent {
        MIDIEvent(unchecked: timestamp, status: 0x80 | (channel & 0x0F), data1: note & 0x7F, data2: velocity & 0x7F)
    }

    /// A control change; `channel` 0...15, `controller` and `value` 0...127 (values are masked).
    public static func controlChange(channel: UInt8, controller: UInt8, value: UInt8, timestamp: Int64) -> MIDIEvent {
        MIDIEvent(unchecked: timestamp, status: 0xB0 | (channel & 0x0F), data1: controller & 0x7F, data2: value & 0x7F)
    }

    /// The length of the message a status byte starts, or `nil` when it cannot start one here.
    static func messageLength(status: UInt8) -> Int? {
        switch status {
        case 0x80...0xBF, 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        case 0xF1, 0xF3: 2
        case 0xF2: 3
        case 0xF6, 0xF8, 0xFA...0xFC, 0xFE, 0xFF: 1
        default: nil  // data bytes, SysEx (0xF0, 0xF7), undefined (0xF4, 0xF5, 0xF9, 0xFD)
        }
    }
}
