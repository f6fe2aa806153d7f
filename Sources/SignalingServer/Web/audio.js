// Audio for the app: others' frames (PCM, or Opus decoded by WebCodecs) played through an AudioWorklet jitter
// buffer, and the microphone sent as 48 kHz mono frames of the room's size: Opus (WebCodecs AudioEncoder) to peers
// that take it, 16-bit PCM to the others, as the engine decides per link (collab.js `audioPlan`).
import { opusFrameSamples } from "/collab.js";

const SAMPLE_RATE = 48000;
const FALLBACK_FRAME = 480; // 10 ms: every Opus encoder takes it, for a browser that refuses the room's size
const MATCH_US = 625;

/** Plays a room's audio and, on request, sends the microphone. `stats` holds the playback counters. */
export class RoomAudio {
  constructor(room) {
    this.room = room;
    this.stats = { played: 0, underruns: 0, dropped: 0, late: 0, concealed: 0, missing: 0 };
    this.sent = 0;
    // decoded: Opus frames decoded (rebuilt: of them from a redundant copy); encoded: Opus frames from the microphone.
    this.codec = { decoded: 0, rebuilt: 0, decodeErrors: 0, pcmPlayed: 0, encoded: 0, encodeErrors: 0, unmatched: 0, sentOpus: 0, sentPCM: 0 };
    this.decodedFrom = {}; // participant id -> Opus frames decoded
    this.decoders = new Map(); // participant id -> {decoder, channels, pending: [sequence], highest, rebuilt}
  }

  async start() {
    if (this.context) return;
    if (!window.AudioWorkletNode) throw new Error("this browser has no AudioWorklet");
    this.context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: "interactive" });
    await this.context.audioWorklet.addModule("/audio-worklet.js");
    this.playback = new AudioWorkletNode(this.context, "collab-playback", { numberOfInputs: 0, outputChannelCount: [2] });
    this.playback.port.onmessage = (e) => { this.stats = e.data; };
    this.playback.connect(this.context.destination);
    this.onAudio = (e) => this.play(e.detail.from, e.detail.frame);
    this.room.addEventListener("audio", this.onAudio);
    this.onLeft = (e) => this.forget(e.detail.id);
    this.room.addEventListener("participant-left", this.onLeft);
    await this.context.resume();
  }

  play(from, frame) {
    if (frame.codec === "opus") { this.decode(from, frame); return; }
    const samples = new DataView(frame.payload.buffer, frame.payload.byteOffset, frame.payload.byteLength);
    const count = frame.payload.byteLength / (2 * frame.channels);
    const left = new Float32Array(count), right = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      left[i] = samples.getInt16(2 * i * frame.channels, true) / 32768;
      right[i] = frame.channels === 2 ? samples.getInt16(2 * (i * 2 + 1), true) / 32768 : left[i];
    }
    this.codec.pcmPlayed += 1;
    this.playback.port.postMessage({ from, sequence: frame.sequence, left, right }, [left.buffer, right.buffer]);
  }

  // ---- Opus in: one WebCodecs AudioDecoder per remote participant

  decode(from, frame) {
    if (typeof AudioDecoder === "undefined") return;
    let d = this.decoders.get(from);
    if (!d || d.channels !== frame.channels || d.decoder.state === "closed") d = this.newDecoder(from, frame.channels);
    if (frame.sequence === d.rebuilt) return; // its redundant copy was decoded already
    // One missing frame comes back from the copy this one carries; longer gaps are the worklet's to conceal.
    if (frame.redundancy && d.highest !== null && ((frame.sequence - d.highest) >>> 0) === 2) {
      d.rebuilt = (frame.sequence - 1) >>> 0;
      this.codec.rebuilt += 1;
      this.submit(d, d.rebuilt, frame.redundancy);
    }
    this.submit(d, frame.sequence, frame.payload);
  }

  newDecoder(from, channels) {
    this.forget(from);
    const d = { channels, pending: [], highest: null, rebuilt: null, time: 0, decoder: null };
    d.decoder = new AudioDecoder({
      // Opus gives one output per packet, in order: the oldest pending sequence is this output's.
      output: (data) => this.decoded(from, d.pending.shift(), data),
      error: () => { this.codec.decodeErrors += 1; d.pending = []; },
    });
    d.decoder.configure({ codec: "opus", sampleRate: SAMPLE_RATE, numberOfChannels: channels });
    this.decoders.set(from, d);
    return d;
  }

  submit(d, sequence, packet) {
    if (d.decoder.state !== "configured") return;
    if (d.highest === null || ((sequence - d.highest) | 0) > 0) d.highest = sequence;
    d.pending.push(sequence);
    d.decoder.decode(new EncodedAudioChunk({ type: "key", timestamp: d.time, data: packet }));
    d.time += (opusFrameSamples(packet) * 1e6) / SAMPLE_RATE;
  }

  decoded(from, sequence, data) {
    try {
      if (sequence === undefined) return;
      const count = data.numberOfFrames;
      const left = new Float32Array(count);
      data.copyTo(left, { planeIndex: 0, format: "f32-planar" });
      let right = left;
      if (data.numberOfChannels > 1) {
        right = new Float32Array(count);
        data.copyTo(right, { planeIndex: 1, format: "f32-planar" });
      }
      this.codec.decoded += 1;
      this.decodedFrom[from] = (this.decodedFrom[from] || 0) + 1;
      const transfer = right === left ? [left.buffer] : [left.buffer, right.buffer];
      this.playback.port.postMessage({ from, sequence, left, right }, transfer);
    } finally {
      data.close();
    }
  }

  forget(from) {
    const d = this.decoders.get(from);
    if (d && d.decoder.state !== "closed") d.decoder.close();
    this.decoders.delete(from);
  }

  // ---- the microphone out

  /** Asks for the microphone (a secure context and the user's permission) and sends it to the room. */
  async startMicrophone() {
    await this.start();
    if (this.microphone) return;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: false, channelCount: 1 } });
    this.microphone = stream;
    const source = this.context.createMediaStreamSource(stream);
    this.capture = new AudioWorkletNode(this.context, "collab-capture", { numberOfOutputs: 0 });
    // One sequence and media time for both forms, so a peer that moves between PCM and Opus sees one stream.
    this.sequence = 0;
    this.timestamp = 0;
    this.captured = 0; // samples since the start, for the encoder's µs timestamps
    this.encoderSequences = new Map(); // AudioData timestamp (µs) -> {sequence, timestamp}
    this.onSettings = () => this.configure();
    this.room.addEventListener("audio-settings", this.onSettings);
    await this.configure();
    this.capture.port.onmessage = (e) => this.send(new Float32Array(e.data));
    source.connect(this.capture);
  }

  /** Follows the room's settings: the capture frame is the room's size, or 10 ms when the encoder refuses it. */
  async configure() {
    const { frame, bitrate } = this.room.audioSettings;
    let size = frame;
    if (this.room.opus.encode && !(await encoderSupports(frame, bitrate))) size = FALLBACK_FRAME;
    this.frameSize = size;
    this.capture?.port.postMessage({ frame: size });
  }

  send(samples) {
    let plan;
    try {
      plan = this.room.audioPlan();
    } catch {
      return; // muted, or a spectator: nothing is sent
    }
    const sequence = this.sequence, timestamp = this.timestamp;
    this.sequence = (this.sequence + 1) >>> 0;
    this.timestamp = (this.timestamp + samples.length) >>> 0;
    const at = (this.captured * 1e6) / SAMPLE_RATE;
    this.captured += samples.length;
    if (plan.pcm) {
      const pcm = new Int16Array(samples.length);
      for (let i = 0; i < samples.length; i++) pcm[i] = samples[i] < 0 ? samples[i] * 0x8000 : samples[i] * 0x7fff;
      this.room.sendAudio({ codec: "pcm16", channels: 1, sequence, timestamp, payload: new Uint8Array(pcm.buffer) });
      this.codec.sentPCM += 1;
    }
    if (plan.opus) this.encode(samples, { sequence, timestamp }, at, plan);
    this.sent += 1;
  }

  encode(samples, stamp, at, plan) {
    const config = encoderConfig(samples.length, plan.settings.bitrate, plan.loss);
    const key = JSON.stringify(config);
    if (!this.encoder || this.encoder.state === "closed") {
      this.encoder = new AudioEncoder({ output: (chunk) => this.encoded(chunk), error: () => { this.codec.encodeErrors += 1; } });
      this.encoderKey = null;
    }
    // A new size or bitrate, or FEC tuned to a new loss: configured again, the frames already queued finish first.
    if (this.encoderKey !== key) {
      this.encoder.configure(config);
      this.encoderKey = key;
    }
    this.encoderSequences.set(at, stamp);
    this.encoder.encode(new AudioData({ format: "f32", sampleRate: SAMPLE_RATE, numberOfFrames: samples.length, numberOfChannels: 1, timestamp: at, data: samples }));
  }

  encoded(chunk) {
    // Chromium's output times may be a microsecond off the input's: the nearest input within a quarter of the
    // shortest frame is this chunk's; older inputs were dropped when the encoder was configured again.
    let stamp = null;
    for (const [at, entry] of this.encoderSequences) {
      if (at > chunk.timestamp + MATCH_US) break;
      this.encoderSequences.delete(at);
      if (at >= chunk.timestamp - MATCH_US) { stamp = entry; break; }
    }
    if (!stamp) { this.codec.unmatched += 1; return; }
    const payload = new Uint8Array(chunk.byteLength);
    chunk.copyTo(payload);
    this.codec.encoded += 1;
    const previous = this.previousOpus;
    this.previousOpus = { sequence: stamp.sequence, payload };
    // The previous packet rides along only when it is the frame just before and of the same size (codec 0x04).
    const redundancy = previous && previous.sequence === ((stamp.sequence - 1) >>> 0)
      && opusFrameSamples(previous.payload) === opusFrameSamples(payload) ? previous.payload : undefined;
    try {
      this.room.sendAudio({ codec: "opus", channels: 1, ...stamp, payload, redundancy });
      this.codec.sentOpus += 1;
    } catch { /* muted meanwhile: the frame is not sent */ }
  }

  stopMicrophone() {
    if (!this.microphone) return;
    for (const track of this.microphone.getTracks()) track.stop();
    this.capture.disconnect();
    this.room.removeEventListener("audio-settings", this.onSettings);
    if (this.encoder && this.encoder.state !== "closed") this.encoder.close();
    this.encoder = null;
    this.microphone = null;
  }

  async close() {
    this.stopMicrophone();
    this.room.removeEventListener("audio", this.onAudio);
    this.room.removeEventListener("participant-left", this.onLeft);
    for (const id of [...this.decoders.keys()]) this.forget(id);
    await this.context?.close();
    this.context = null;
  }
}

/** The AudioEncoder settings of a mono microphone frame: in-band FEC at 10 and 20 ms, tuned to the worst loss. */
function encoderConfig(samples, bitrate, loss) {
  const fec = samples >= 480;
  // Loss in steps, so that a report moving by a percent or two does not replace the encoder every tick.
  const expected = !fec || loss === 0 ? 0 : loss <= 5 ? 5 : loss <= 10 ? 10 : loss <= 20 ? 20 : 40;
  return {
    codec: "opus", sampleRate: SAMPLE_RATE, numberOfChannels: 1, bitrate,
    opus: { frameDuration: (samples * 1e6) / SAMPLE_RATE, useinbandfec: fec, packetlossperc: expected },
  };
}

async function encoderSupports(frame, bitrate) {
  try {
    return (await AudioEncoder.isConfigSupported(encoderConfig(frame, bitrate, 0))).supported === true;
  } catch {
    return false;
  }
}
