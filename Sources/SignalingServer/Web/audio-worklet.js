// AudioWorklet processors (loaded by audio.js): playback of others' decoded frames through a jitter buffer, and
// capture of the microphone into frames of the room's size. Real-time thread: bounded queues, and allocation only
// when a frame is concealed.

const TARGET_SAMPLES = 1920; // start playing once 40 ms are buffered: covers the jitter of a LAN or a good line
const MAX_SAMPLES = 9600; // past 200 ms queued the oldest frames go: late audio is lost audio
const MAX_FRAMES = 96; // and past 96 frames (200 ms of the smallest, 2.5 ms), whatever their size
const MAX_FRAME_SAMPLES = 5760; // 120 ms, Opus's longest frame: a longer one is not audio from a peer
const MAX_CONCEALED = 2; // a gap of up to two frames is filled by repeating the last one, quieter; longer gaps are skipped
const CONCEAL_GAIN = 0.5;
const RESTART_BEHIND = 256; // frames

/** Mixes every participant's frames, each through its own small jitter buffer ordered by sequence. */
class CollabPlayback extends AudioWorkletProcessor {
  constructor() {
    super();
    this.peers = new Map(); // id -> {frames: [{sequence, left, right}], queued, playing, current, offset, next, last}
    this.stats = { played: 0, underruns: 0, dropped: 0, late: 0, concealed: 0, missing: 0 };
    this.port.onmessage = (e) => {
      if (e.data.forget !== undefined) this.peers.delete(e.data.forget); // the participant left
      else this.accept(e.data);
    };
    this.reportAt = 0;
  }

  accept({ from, sequence, left, right }) {
    // An empty frame (valid on the wire) would slip past the sample cap and play nothing: never queued; nor a
    // frame whose channels differ in length (nothing to mix past the shorter).
    const count = left ? left.length : 0;
    if (count === 0 || count > MAX_FRAME_SAMPLES || !right || right.length !== count) { this.stats.dropped += 1; return; }
    let peer = this.peers.get(from);
    if (!peer) {
      peer = { frames: [], queued: 0, playing: false, current: null, offset: 0, next: null, last: null };
      this.peers.set(from, peer);
    }
    const behind = peer.next === null ? 0 : (peer.next - sequence) >>> 0;
    if (behind > 0 && behind < 0x80000000) {
      // Far behind is a sender that started counting again (a new stream), not a late frame.
      if (behind <= RESTART_BEHIND) { this.stats.late += 1; return; }
      Object.assign(peer, { frames: [], queued: 0, playing: false, current: null, next: null, last: null });
    }
    const frames = peer.frames;
    let at = frames.length;
    while (at > 0 && ((frames[at - 1].sequence - sequence) >>> 0) < 0x80000000 && frames[at - 1].sequence !== sequence) at--;
    if (at > 0 && frames[at - 1].sequence === sequence) return; // a copy already queued
    frames.splice(at, 0, { sequence, left, right, gain: 1 });
    peer.queued += left.length;
    while (peer.queued > MAX_SAMPLES || frames.length > MAX_FRAMES) { peer.queued -= frames.shift().left.length; this.stats.dropped += 1; }
  }

  /** The next frame to play: the queued one, or the last one again (quieter) when a short gap precedes it. */
  take(peer) {
    const head = peer.frames[0];
    if (!head) return null;
    const gap = peer.next === null ? 0 : (head.sequence - peer.next) >>> 0;
    if (gap > 0 && gap <= MAX_CONCEALED && peer.last) {
      this.stats.concealed += 1;
      return { sequence: peer.next, left: peer.last.left, right: peer.last.right, gain: peer.last.gain * CONCEAL_GAIN };
    }
    this.stats.missing += gap;
    peer.queued -= head.left.length;
    return peer.frames.shift();
  }

  process(inputs, outputs) {
    const [outL, outR] = outputs[0];
    outL.fill(0);
    if (outR) outR.fill(0);
    for (const peer of this.peers.values()) {
      if (!peer.playing) {
        if (peer.queued < TARGET_SAMPLES) continue;
        peer.playing = true;
      }
      for (let i = 0; i < outL.length; i++) {
        if (!peer.current) {
          peer.current = this.take(peer);
          peer.offset = 0;
          if (!peer.current) { peer.playing = false; this.stats.underruns += 1; break; }
          peer.next = (peer.current.sequence + 1) >>> 0;
          this.stats.played += 1;
        }
        const { left, right, gain } = peer.current;
        // Every queued frame has samples in both channels (accept), so nothing undefined is mixed.
        outL[i] += left[peer.offset] * gain;
        if (outR) outR[i] += right[peer.offset] * gain;
        if (++peer.offset >= left.length) { peer.last = peer.current; peer.current = null; }
      }
    }
    if (currentFrame >= this.reportAt) {
      this.reportAt = currentFrame + sampleRate;
      this.port.postMessage(this.stats);
    }
    return true;
  }
}

/** Cuts the microphone into mono float frames of `frame` samples (10 ms until audio.js says the room's size). */
class CollabCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.size = 480;
    this.buffer = new Float32Array(this.size);
    this.filled = 0;
    // A new size starts with the next frame, so no frame mixes two sizes.
    this.port.onmessage = (e) => { this.nextSize = e.data.frame; };
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      if (this.filled === 0 && this.nextSize && this.nextSize !== this.size) {
        this.size = this.nextSize;
        this.buffer = new Float32Array(this.size);
      }
      this.buffer[this.filled++] = Math.max(-1, Math.min(1, input[i]));
      if (this.filled === this.size) {
        this.port.postMessage(this.buffer.buffer, [this.buffer.buffer]);
        this.buffer = new Float32Array(this.size);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor("collab-playback", CollabPlayback);
registerProcessor("collab-capture", CollabCapture);
