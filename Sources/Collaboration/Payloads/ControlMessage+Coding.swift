import Foundation
import Opus
import SignalingProtocol

extension ControlMessage {
    /// 0x09 stays unassigned: the vectors shared with the browser use it as the unknown type.
    private enum Kind: UInt8 {
        case hello = 0x01, ping, pong, mute, transport, role, ack, audioSettings
        case audioLoss = 0x0A, recording
    }

    private enum TransportKind: UInt8 {
        case play = 0x01, pause, stop, seek, tempo
    }

    private static let roles: [ParticipantRole] = [.host, .coHost, .participant, .spectator]

    /// The binary form sent on the `control` channel.
    public func encoded() -> [UInt8] {
        var writer = PayloadWriter(capacity: 34)
        writer.write(PayloadFormat.version)
        switch self {
        case .hello(let version, let capabilities):
            writer.write(Kind.hello.rawValue)
            writer.write(version)
            writer.write(capabilities.rawValue)
        case .ping(let id, let t0):
            writer.write(Kind.ping.rawValue)
            writer.write(id)
            writer.write(t0)
        case .pong(let id, let t0, let t1, let t2):
            writer.write(Kind.pong.rawValue)
            writer.write(id)
            writer.write(t0)
            writer.write(t1)
            writer.write(t2)
        case .mute(let participant, let muted):
            writer.write(Kind.mute.rawValue)
            writer.write(participant)
            writer.write(UInt8(muted ? 1 : 0))
        case .transport(let command, let at):
            writer.write(Kind.transport.rawValue)
            writer.write(at)
            switch command {
            case .play: writer.write(TransportKind.play.rawValue)
            case .pause: writer.write(TransportKind.pause.rawValue)
            case .stop: writer.write(TransportKind.stop.rawValue)
            case .seek(let position):
                writer.write(TransportKind.seek.rawValue)
                writer.write(position)
            case .tempo(let bpm):
                writer.write(TransportKind.tempo.rawValue)
                writer.write(bpm)
            }
        case .role(let participant, let role):
            writer.write(Kind.role.rawValue)
            writer.write(participant)
            writer.write(UInt8(Self.roles.firstIndex(of: role) ?? 2))
        case .ack(let acks):
            writer.write(Kind.ack.rawValue)
            writer.write(UInt8(clamping: acks.count))
            for ack in acks.prefix(Int(UInt8.max)) {
                writer.write(UInt8(ack.channel.rawValue))
                writer.write(ack.stream)
                writer.write(ack.next)
            }
        case .audioSettings(let settings):
            writer.write(Kind.audioSettings.rawValue)
            writer.write(settings.codec.rawValue)
            writer.write(UInt8(settings.channels))
            writer.write(UInt16(settings.frameDuration.samples))
            writer.write(UInt32(settings.bitrate))
        case .audioLoss(let percent):
            writer.write(Kind.audioLoss.rawValue)
            writer.write(percent)
        case .recording(let active):
            writer.write(Kind.recording.rawValue)
            writer.write(UInt8(active ? 1 : 0))
        }
        return writer.bytes
    }

    /// Decodes a `control` channel payload.
    ///
    /// - Throws: `PayloadError` for any malformed input; never traps.
    public init(decoding bytes: [UInt8]) throws(PayloadError) {
        var reader = PayloadReader(bytes)
        try reader.readVersion(PayloadFormat.version)
        let rawKind = try reader.readUInt8()
        guard let kind = Kind(rawValue: rawKind) else { throw .unknownType(rawKind) }
        switch kind {
        case .hello:
            self = .hello(protocolVersion: try reader.readUInt8(),
                          capabilities: PeerCapabilities(rawValue: try reader.readUInt32()))
        case .ping:
            self = .ping(id: try reader.readUInt32(), t0: try reader.readInt64())
        case .pong:
            self = .pong(id: try reader.readUInt32(), t0: try reader.readInt64(),
                         t1: try reader.readInt64(), t2: try reader.readInt64())
        case .mute:
            let participant = try reader.readUUID()
            let flag = try reader.readUInt8()
            guard flag <= 1 else { throw .invalidValue("mute.muted") }
            self = .mute(participant: participant, muted: flag == 1)
        case .transport:
            let at = try reader.readInt64()
            let rawCommand = try reader.readUInt8()
            guard let command = TransportKind(rawValue: rawCommand) else { throw .unknownType(rawCommand) }
            switch command {
            case .play: self = .transport(.play, at: at)
            case .pause: self = .transport(.pause, at: at)
            case .stop: self = .transport(.stop, at: at)
            case .seek: self = .transport(.seek(position: try reader.readInt64()), at: at)
            case .tempo:
                let bpm = try reader.readFiniteFloat64()
                guard TransportCommand.tempoRange.contains(bpm) else { throw .invalidValue("transport.tempo") }
                self = .transport(.tempo(bpm: bpm), at: at)
            }
        case .role:
            let participant = try reader.readUUID()
            let rawRole = Int(try reader.readUInt8())
            guard rawRole < Self.roles.count else { throw .invalidValue("role.role") }
            self = .role(participant: participant, role: Self.roles[rawRole])
        case .ack:
            let count = Int(try reader.readUInt8())
            guard count <= Self.maximumAcks else { throw .countOverLimit(count: count, limit: Self.maximumAcks) }
            var acks: [SequenceAck] = []
            for _ in 0..<count {
                let rawChannel = try reader.readUInt8()
                guard let channel = EngineChannel(rawValue: UInt16(rawChannel)), channel.isReliable else {
                    throw .invalidValue("ack.channel")
                }
                acks.append(SequenceAck(channel: channel, stream: try reader.readUInt32(), next: try reader.readUInt32()))
            }
            self = .ack(acks)
        case .audioSettings:
            guard let codec = AudioSettings.Codec(rawValue: try reader.readUInt8()) else { throw .invalidValue("audio-settings.codec") }
            let channels = Int(try reader.readUInt8())
            guard channels == 1 || channels == 2 else { throw .invalidValue("audio-settings.channels") }
            guard let duration = OpusFrameDuration(rawValue: Int(try reader.readUInt16())) else {
                throw .invalidValue("audio-settings.frame")
            }
            let bitrate = Int(try reader.readUInt32())
            guard AudioSettings.bitrateRange.contains(bitrate) else { throw .invalidValue("audio-settings.bitrate") }
            self = .audioSettings(AudioSettings(codec: codec, channels: channels, frameDuration: duration, bitrate: bitrate))
        case .audioLoss:
            let percent = try reader.readUInt8()
            guard percent <= 100 else { throw .invalidValue("audio-loss.percent") }
            self = .audioLoss(percent: percent)
        case .recording:
            let flag = try reader.readUInt8()
            guard flag <= 1 else { throw .invalidValue("recording.active") }
            self = .recording(active: flag == 1)
        }
        try reader.finish()
    }
}
