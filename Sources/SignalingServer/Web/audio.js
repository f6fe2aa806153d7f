// Audio for the app: others' PCM frames played through an AudioWorklet jitter buffer, and the microphone sent
// as 10 ms frames of 48 kHz mono PCM16 (Opus through WebCodecs comes with the engine's Opus support).

/** Plays a room's audio and, on request, sends the microphone. `stats` holds the playback counters. */
export class RoomAudio {
  constructor(room) {
    this.room = room;
    this.stats = { played: 0, underruns: 0, dropped: 0, late: 0 };
    this.sent = 0;
  }

  async start() {
    if (this.context) return;
    if (!window.AudioWorkletNode) throw new Error("this browser has no AudioWorklet");
    this.context = new AudioContext({ sampleRate: 48000, latencyHint: "interactive" });
    await this.context.audioWorklet.addModule("/audio-worklet.js");
    this.playback = new AudioWorkletNode(this.context, "collab-playback", { numberOfInputs: 0, outputChannelCount: [2] });
    this.playback.port.onmessage = (e) => { this.stats = e.data; };
    this.playback.connect(this.context.destination);
    this.onAudio = (e) => this.play(e.detail.from, e.detail.frame);
    this.room.addEventListener("audio", this.onAudio);
    await this.context.resume();
  }

  play(from, frame) {
    if (frame.codec !== "pcm16") return;
    const samples = new DataView(frame.payload.buffer, frame.payload.byteOffset, frame.payload.byteLength);
    const count = frame.payload.byteLength / (2 * frame.channels);
    const left = new Float32Array(count), right = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      left[i] = samples.getInt16(2 * i * frame.channels, true) / 32768;
      right[i] = frame.channels === 2 ? samples.getInt16(2 * (i * 2 + 1), true) / 32768 : left[i];
    }
    this.playback.port.postMessage({ from, sequence: frame.sequence, left, right }, [left.buffer, right.buffer]);
  }

  /** Asks for the microphone (a secure context and the user's permission) and sends it to the room. */
  async startMicrophone() {
    await this.start();
    if (this.microphone) return;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: false, channelCount: 1 } });
    this.microphone = stream;
    const source = this.context.createMediaStreamSource(stream);
    this.capture = new AudioWorkletNode(this.context, "collab-capture", { numberOfOutputs: 0 });
    let sequence = 0, timestamp = 0;
    this.capture.port.onmessage = (e) => {
      try {
        this.room.sendAudio({ codec: "pcm16", channels: 1, sequence, timestamp, payload: new Uint8Array(e.data) });
        this.sent += 1;
      } catch { /* muted, or a spectator: the frame is not sent */ }
      sequence = (sequence + 1) >>> 0;
      timestamp = (timestamp + 480) >>> 0;
    };
    source.connect(this.capture);
  }

  stopMicrophone() {
    if (!this.microphone) return;
    for (const track of this.microphone.getTracks()) track.stop();
    this.capture.disconnect();
    this.microphone = null;
  }

  async close() {
    this.stopMicrophone();
    this.room.removeEventListener("audio", this.onAudio);
    await this.context?.close();
    this.context = null;
  }
}
