// Audio for the app: others' frames (PCM, or Opus decoded by WebCodecs) played through an AudioWorklet jitter
// buffer, and the microphone sent as 48 kHz mono frames of the room's size: Opus (WebCodecs AudioEncoder) to peers
// that take it, 16-bit PCM to the others, as the engine decides per link (collab.js `audioPlan`).
import { opusFrameSamples } from "/collab.js";

const SAMPLE_RATE = 48000;
const FALLBACK_FRAME = 480; // 10 ms: every Opus encoder takes it, for a browser that refuses the room's size
const MATCH_US = 625;
// Audio waiting in an AudioEncoder/AudioDecoder: past 200 ms (the jitter buffer's own limit; at least 4 frames) a
// frame is dropped, not queued. Chromium's codec queues empty in bursts: on a busy 2-core machine a 100 ms cap
// dropped a third of the incoming frames, 4 frames of 5 ms half of them.
const MAX_CODEC_QUEUE_US = 200000;
const MIN_CODEC_QUEUE = 4;
const ENCODER_ATTEMPTS = 3; // AudioEncoder errors before the microphone goes out as PCM to everyone
const RESTART_BEHIND = 256; // frames: a sender this far behind started a new stream (as the playback worklet)
const MAX_MATCHES = 64; // timestamps waiting for their encoder/decoder output, at most

/** Plays a room's audio and, on request, sends the microphone. `stats` holds the playback counters. */
export class RoomAudio {
  constructor(room) {
    this.room = room;
    this.stats = { played: 0, underruns: 0, dropped: 0, late: 0, concealed: 0, missing: 0 };
    this.sent = 0;
    // decoded: Opus frames decoded (rebuilt: of them from a redundant copy); encoded: Opus frames from the microphone.
    // late: Opus frames behind a newer one (skipped: decoder state runs forward only); decodeDropped/encodeDropped:
    // frames dropped while a codec held MAX_CODEC_QUEUE_US of audio or was backing off after an error; opusOff: the encoder
    // failed ENCODER_ATTEMPTS times and the microphone goes out as PCM.
    this.codec = { decoded: 0, rebuilt: 0, decodeErrors: 0, decodeDropped: 0, late: 0, pcmPlayed: 0, encoded: 0, encodeErrors: 0,
      encodeDropped: 0, unmatched: 0, sentOpus: 0, sentPCM: 0, opusOff: false };
    this.decodedFrom = {}; // participant id -> Opus frames decoded
    this.decoders = new Map(); // participant id -> {decoder, channels, times: Map(µs -> sequence), highest, failures, retryAt}
    this.encoderFailures = 0;
    this.encoderRetryAt = 0;
    this.encoderSequences = new Map(); // AudioData timestamp (µs) -> {sequence, timestamp}
    this.configuring = 0; // the latest configure() call: an older one that finishes later does not apply
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
    const count = Math.floor(frame.payload.byteLength / (2 * frame.channels));
    if (count === 0) return; // valid on the wire, nothing to play: the worklet never queues an empty frame
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
    if (d && d.highest !== null) {
      const behind = (d.highest - frame.sequence) >>> 0;
      // A packet behind a newer one (or its copy) is skipped: decoding it late would corrupt the decoder's state.
      // Far behind is a sender that started counting again: a new stream, a new decoder.
      if (behind < 0x80000000 && behind <= RESTART_BEHIND) { this.codec.late += 1; return; }
      if (behind < 0x80000000) {
        d = this.newDecoder(from, frame.channels, d);
        if (!d) { this.codec.decodeDropped += 1; return; }
      }
    }
    if (!d || d.channels !== frame.channels || d.decoder.state === "closed") {
      // After an error the decoder is closed: a new one only once its backoff has passed.
      if (d && d.decoder.state === "closed" && performance.now() < d.retryAt) { this.codec.decodeDropped += 1; return; }
      d = this.newDecoder(from, frame.channels, d);
      if (!d) { this.codec.decodeDropped += 1; return; }
    }
    if (d.decoder.decodeQueueSize > queueLimit(opusFrameSamples(frame.payload))) { this.codec.decodeDropped += 1; return; }
    // One missing frame comes back from the copy this one carries (decoded first, it is older); longer gaps are
    // the worklet's to conceal.
    if (frame.redundancy && d.highest !== null && ((frame.sequence - d.highest) >>> 0) === 2) {
      this.codec.rebuilt += 1;
      this.submit(d, (frame.sequence - 1) >>> 0, frame.redundancy);
    }
    this.submit(d, frame.sequence, frame.payload);
  }

  /** A decoder for `from`; `previous` (its last one) passes on the error count that sets the backoff. */
  newDecoder(from, channels, previous) {
    this.closeDecoder(from);
    const d = { channels, times: new Map(), highest: null, time: 0, decoder: null, failures: previous ? previous.failures : 0, retryAt: 0 };
    d.decoder = new AudioDecoder({
      output: (data) => this.decoded(from, d, data),
      error: () => {
        this.codec.decodeErrors += 1;
        d.times.clear();
        d.failures += 1;
        // 250 ms, doubling up to 8 s: a stream that keeps failing costs a decoder every few seconds, not per frame.
        d.retryAt = performance.now() + Math.min(8000, 250 * 2 ** (d.failures - 1));
      },
    });
    try {
      d.decoder.configure({ codec: "opus", sampleRate: SAMPLE_RATE, numberOfChannels: channels });
    } catch {
      d.failures += 1;
      d.retryAt = performance.now() + Math.min(8000, 250 * 2 ** (d.failures - 1));
      d.decoder.close();
    }
    this.decoders.set(from, d);
    return d.decoder.state === "configured" ? d : null;
  }

  submit(d, sequence, packet) {
    if (d.decoder.state !== "configured") return;
    if (d.highest === null || ((sequence - d.highest) | 0) > 0) d.highest = sequence;
    // Each chunk's time is where its output starts: the output's timestamp finds its sequence again. (Chromium
    // times outputs from the first chunk on by the samples put out, so a chunk without output would shift the
    // later ones; every Opus packet gives one output there, or an error that closes the decoder and this map.)
    d.times.set(d.time, sequence);
    if (d.times.size > MAX_MATCHES) d.times.delete(d.times.keys().next().value);
    d.decoder.decode(new EncodedAudioChunk({ type: "key", timestamp: d.time, data: packet }));
    d.time += (opusFrameSamples(packet) * 1e6) / SAMPLE_RATE;
  }

  decoded(from, d, data) {
    try {
      // The entry at the output's time is its sequence; older entries are chunks that gave no output.
      let sequence;
      for (const [at, entry] of d.times) {
        if (at > data.timestamp + MATCH_US) break;
        d.times.delete(at);
        if (at >= data.timestamp - MATCH_US) { sequence = entry; break; }
      }
      if (sequence === undefined || !this.playback) { this.codec.unmatched += 1; return; }
      const count = data.numberOfFrames;
      if (count === 0) return;
      const left = new Float32Array(count);
      data.copyTo(left, { planeIndex: 0, format: "f32-planar" });
      let right = left;
      if (data.numberOfChannels > 1) {
        right = new Float32Array(count);
        data.copyTo(right, { planeIndex: 1, format: "f32-planar" });
      }
      this.codec.decoded += 1;
      d.failures = 0; // it works again: the next error starts the backoff from 250 ms
      if (this.decoders.get(from) === d) this.decodedFrom[from] = (this.decodedFrom[from] || 0) + 1;
      const transfer = right === left ? [left.buffer] : [left.buffer, right.buffer];
      this.playback.port.postMessage({ from, sequence, left, right }, transfer);
    } finally {
      data.close();
    }
  }

  closeDecoder(from) {
    const d = this.decoders.get(from);
    if (d && d.decoder.state !== "closed") d.decoder.close();
    this.decoders.delete(from);
  }

  /** A participant left: its decoder, counters and jitter buffer go. */
  forget(from) {
    this.closeDecoder(from);
    delete this.decodedFrom[from];
    this.playback?.port.postMessage({ forget: from });
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
    // Samples given to the encoder, for its µs timestamps: Chromium times its outputs from the first input on by the
    // samples put out, so a frame dropped before the encoder must leave no gap in the inputs' times either.
    this.encodedSamples = 0;
    this.encoderSequences.clear();
    this.previousOpus = null;
    this.onSettings = () => this.configure();
    this.room.addEventListener("audio-settings", this.onSettings);
    await this.configure();
    this.capture.port.onmessage = (e) => { if (this.microphone) this.send(new Float32Array(e.data)); };
    source.connect(this.capture);
  }

  /** Follows the room's settings: the capture frame is the room's size, or 10 ms when the encoder refuses it. */
  async configure() {
    const call = ++this.configuring;
    const { frame } = this.room.audioSettings;
    let size = frame;
    if (this.room.opus.encode && !(await encoderSupports(frame, monoBitrate(this.room.audioSettings)))) size = FALLBACK_FRAME;
    if (call !== this.configuring) return; // settings changed again meanwhile: the newer call applies
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
    if (plan.pcm) {
      const pcm = new Int16Array(samples.length);
      for (let i = 0; i < samples.length; i++) pcm[i] = samples[i] < 0 ? samples[i] * 0x8000 : samples[i] * 0x7fff;
      this.room.sendAudio({ codec: "pcm16", channels: 1, sequence, timestamp, payload: new Uint8Array(pcm.buffer) });
      this.codec.sentPCM += 1;
    }
    if (plan.opus) this.encode(samples, { sequence, timestamp }, plan);
    this.sent += 1;
  }

  encode(samples, stamp, plan) {
    const config = encoderConfig(samples.length, monoBitrate(plan.settings), plan.loss);
    const key = JSON.stringify(config);
    if (this.encoder && this.encoder.state === "closed") {
      // Closed by an error whose callback has not run yet: that callback counts it; nothing to encode with meanwhile.
      this.codec.encodeDropped += 1;
      return;
    }
    if (!this.encoder) {
      if (performance.now() < this.encoderRetryAt) { this.codec.encodeDropped += 1; return; }
      const encoder = new AudioEncoder({ output: (chunk) => this.encoded(chunk), error: () => this.encoderFailed(encoder) });
      this.encoder = encoder;
      this.encoderKey = null;
    }
    if (this.encoder.encodeQueueSize > queueLimit(samples.length)) { this.codec.encodeDropped += 1; return; }
    try {
      // A new size or bitrate, or FEC tuned to a new loss: configured again, the frames already queued finish first.
      if (this.encoderKey !== key) {
        this.encoder.configure(config);
        this.encoderKey = key;
      }
      const at = (this.encodedSamples * 1e6) / SAMPLE_RATE;
      this.encoderSequences.set(at, stamp);
      if (this.encoderSequences.size > MAX_MATCHES) this.encoderSequences.delete(this.encoderSequences.keys().next().value);
      this.encoder.encode(new AudioData({ format: "f32", sampleRate: SAMPLE_RATE, numberOfFrames: samples.length, numberOfChannels: 1, timestamp: at, data: samples }));
      this.encodedSamples += samples.length;
    } catch {
      this.encoderFailed(this.encoder);
    }
  }

  /**
   * The encoder failed (WebCodecs closed it): a new one after a short backoff; after ENCODER_ATTEMPTS failures the
   * microphone goes out as PCM to everyone (`room.opus.encode` false: `audioPlan` says PCM for every peer, the
   * hello, which announces decoding only, stays as it is).
   */
  encoderFailed(encoder) {
    if (encoder !== this.encoder) return; // an encoder already replaced or stopped
    this.codec.encodeErrors += 1;
    if (encoder.state !== "closed") encoder.close();
    this.encoder = null;
    this.encoderSequences.clear();
    this.previousOpus = null;
    this.encoderFailures += 1;
    this.encoderRetryAt = performance.now() + 250 * this.encoderFailures;
    if (this.encoderFailures >= ENCODER_ATTEMPTS && this.room.opus.encode) {
      this.room.opus.encode = false;
      this.codec.opusOff = true;
      console.warn("collab: the Opus encoder keeps failing; the microphone goes out as PCM");
      this.configure(); // the room's own frame size again, if Opus had made it 10 ms
    }
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
    // A frame already posted by the capture worklet finds no handler: no encoder is made after this.
    this.capture.port.onmessage = null;
    this.capture.disconnect();
    this.capture = null;
    this.room.removeEventListener("audio-settings", this.onSettings);
    this.configuring += 1; // a configure() still waiting applies to nothing
    const encoder = this.encoder;
    this.encoder = null;
    if (encoder && encoder.state !== "closed") encoder.close();
    this.encoderSequences.clear();
    this.previousOpus = null;
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

/** How many frames of `samples` a codec may hold before the next is dropped. */
function queueLimit(samples) {
  return Math.max(MIN_CODEC_QUEUE, Math.ceil((MAX_CODEC_QUEUE_US * SAMPLE_RATE) / 1e6 / (samples || 1)));
}

/**
 * The microphone's bitrate: it is mono, so a stereo room's bitrate is halved (what the room spends per channel),
 * and kept within Opus's 6–510 kbit/s.
 */
function monoBitrate(settings) {
  const bitrate = settings.channels === 2 ? Math.round(settings.bitrate / 2) : settings.bitrate;
  return Math.max(6000, Math.min(510000, bitrate));
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
