import Opus

extension AudioFrame {
    /// Decodes the payload into `scratch` as interleaved stereo (mono goes to both channels) and
    /// returns the samples per channel; an Opus packet that does not decode gives its length of
    /// silence. `scratch` holds at least `OpusPacket.maximumSamples` stereo samples; `decoder`
    /// makes or returns the stream's (stereo) Opus decoder, and is called only for Opus.
    ///
    /// Shared by playback (``ParticipantAudio``) and the recording (``RecordingWriter``), so that
    /// both hear the same samples from the same frame.
    func decodeStereo(into scratch: UnsafeMutableBufferPointer<Float>,
                      decoder: () throws(OpusError) -> OpusDecoder) -> Int {
        switch codec {
        case .opus:
            if let made = try? decoder().decode(payload, into: scratch) { return made }
            let count = min(sampleCount ?? 0, OpusPacket.maximumSamples)
            for index in 0..<(2 * count) { scratch[index] = 0 }
            return count
        case .pcm16(let channels):
            // Little-endian 16-bit to float.
            let channels = Int(channels)
            let count = min(payload.count / (2 * channels), OpusPacket.maximumSamples)
            payload.withUnsafeBufferPointer { bytes in
                for index in 0..<count {
                    for channel in 0..<2 {
                        let source = (index * channels + min(channel, channels - 1)) * 2
                        let value = Int16(bitPattern: UInt16(bytes[source]) | UInt16(bytes[source + 1]) << 8)
                        scratch[2 * index + channel] = Float(value) / 32_768
                    }
                }
            }
            return count
        }
    }
}
