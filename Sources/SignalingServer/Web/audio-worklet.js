// AudioWorklet processors (loaded by audio.js): playback of others' PCM frames through a jitter buffer, and
// capture of the microphone into 10 ms frames. Real-time thread: no allocation per sample, bounded queues.

const FRAME = 480; // 10 ms at 48 kHz
const TARGET_FRAMES = 4; // start playing once 40 ms are buffered: covers the jitter of a LAN or a good line
const MAX_FRAMES = 20; // past 200 ms queued the oldest frames go: late audio is lost audio

/** Mixes every participant's frames, each through its own small jitter buffer ordered by sequence. */
class CollabPlayback extends AudioWorkletProcessor {
  constructor() {
    super();
    this.peers = new Map(); // id -> {frames: [{sequence, left, right}], playing, current, offset}
    this.stats = { played: 0, underruns: 0, dropped: 0, late: 0 };
    this.port.onmessage = (e) => this.accept(e.data);
    this.reportAt = 0;
  }

  accept({ from, sequence, left, right }) {
    let peer = this.peers.get(from);
    if (!peer) { peer = { frames: [], playing: false, current: null, offset: 0, next: null }; this.peers.set(from, peer); }
    if (peer.next !== null && ((sequence - peer.next) >>> 0) >= 0x80000000) { this.stats.late += 1; return; }
    const frames = peer.frames;
    let at = frames.length;
    while (at > 0 && ((frames[at - 1].sequence - sequence) >>> 0) < 0x80000000 && frames[at - 1].sequence !== sequence) at--;
    frames.splice(at, 0, { sequence, left, right });
    while (frames.length > MAX_FRAMES) { frames.shift(); this.stats.dropped += 1; }
  }

  process(inputs, outputs) {
    const [outL, outR] = outputs[0];
    outL.fill(0);
    if (outR) outR.fill(0);
    for (const peer of this.peers.values()) {
      if (!peer.playing) {
        if (peer.frames.length < TARGET_FRAMES) continue;
        peer.playing = true;
      }
      for (let i = 0; i < outL.length; i++) {
        if (!peer.current) {
          peer.current = peer.frames.shift();
          peer.offset = 0;
          if (!peer.current) { peer.playing = false; this.stats.underruns += 1; break; }
          peer.next = (peer.current.sequence + 1) >>> 0;
          this.stats.played += 1;
        }
        outL[i] += peer.current.left[peer.offset];
        if (outR) outR[i] += peer.current.right[peer.offset];
        if (++peer.offset >= peer.current.left.length) peer.current = null;
      }
    }
    if (currentFrame >= this.reportAt) {
      this.reportAt = currentFrame + sampleRate;
      this.port.postMessage(this.stats);
    }
    return true;
  }
}

/** Cuts the microphone into 10 ms mono frames of 16-bit PCM for `sendAudio`. */
class CollabCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.buffer = new Int16Array(FRAME);
    this.filled = 0;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      const v = Math.max(-1, Math.min(1, input[i]));
      this.buffer[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff;
      if (this.filled === FRAME) {
        this.port.postMessage(this.buffer.buffer, [this.buffer.buffer]);
        this.buffer = new Int16Array(FRAME);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor("collab-playback", CollabPlayback);
registerProcessor("collab-capture", CollabCapture);
