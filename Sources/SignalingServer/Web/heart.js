// A simulated heart for people without a sensor, and the engine's coherence estimate (docs/PAYLOADS.md,
// "Coherence"), so a browser's bio samples mean the same as a Swift engine's.

/** RR intervals (ms) of a resting heart with respiratory sinus arrhythmia at `breathing` breaths per minute. */
export class SimulatedHeart {
  constructor({ heartRate = 66, breathing = 6, amplitude = 50, noise = 8 } = {}) {
    this.base = 60000 / heartRate;
    this.breathing = breathing;
    this.amplitude = amplitude;
    this.noise = noise;
    this.time = 0; // ms of simulated time
  }

  next() {
    const phase = 2 * Math.PI * (this.breathing / 60) * (this.time / 1000);
    const gauss = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
    const rr = Math.min(3000, Math.max(200, this.base + this.amplitude * Math.sin(phase) + this.noise * gauss));
    this.time += rr;
    return rr;
  }
}

const WINDOW_S = 64;
const RATE_HZ = 2;
const POINTS = WINDOW_S * RATE_HZ;

/**
 * Heart rate, RMSSD, coherence, breathing rate and phase from RR intervals, as `CoherenceEstimator` computes
 * them: 64 s resampled at 2 Hz, detrended, Hann window, spectrum; `null` until 64 s of intervals are held.
 */
export function estimate(intervals) {
  const rr = intervals.filter((v) => v >= 200 && v <= 3000);
  let total = 0;
  const beats = rr.map((v) => (total += v) / 1000);
  if (rr.length < 3) return null;
  const end = beats[beats.length - 1];
  const start = end - (POINTS - 1) / RATE_HZ;
  if (beats[0] > start) return null;
  const samples = new Float64Array(POINTS);
  let j = 1;
  for (let i = 0; i < POINTS; i++) {
    const t = end - (POINTS - 1 - i) / RATE_HZ;
    while (j < beats.length - 1 && beats[j] < t) j++;
    const t0 = beats[j - 1], t1 = beats[j];
    const f = t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0;
    samples[i] = rr[j - 1] + f * (rr[j] - rr[j - 1]);
  }
  // Least-squares line removed, then a periodic Hann window.
  const mx = (POINTS - 1) / 2;
  const my = samples.reduce((a, b) => a + b, 0) / POINTS;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < POINTS; i++) { sxy += (i - mx) * (samples[i] - my); sxx += (i - mx) ** 2; }
  const slope = sxy / sxx;
  for (let i = 0; i < POINTS; i++) samples[i] = (samples[i] - my - slope * (i - mx)) * 0.5 * (1 - Math.cos(2 * Math.PI * i / POINTS));
  const power = new Float64Array(26), re = new Float64Array(26), im = new Float64Array(26);
  for (let k = 1; k <= 25; k++) {
    for (let i = 0; i < POINTS; i++) {
      re[k] += samples[i] * Math.cos(2 * Math.PI * k * i / POINTS);
      im[k] -= samples[i] * Math.sin(2 * Math.PI * k * i / POINTS);
    }
    power[k] = re[k] ** 2 + im[k] ** 2;
  }
  let peak = 3;
  for (let k = 4; k <= 16; k++) if (power[k] > power[peak]) peak = k;
  const all = power.reduce((a, b) => a + b, 0);
  const fraction = all > 0 ? (power[peak - 1] + power[peak] + power[peak + 1]) / all : 0;
  const [a, b, c] = [power[peak - 1], power[peak], power[peak + 1]];
  const shift = a - 2 * b + c < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / (a - 2 * b + c))) : 0;
  const frequency = (peak + shift) / WINDOW_S;
  const first = beats.findIndex((t) => t >= start);
  const inWindow = rr.slice(first < 0 ? 0 : first);
  let squares = 0;
  for (let i = 1; i < inWindow.length; i++) squares += (inWindow[i] - inWindow[i - 1]) ** 2;
  const phase0 = Math.atan2(im[peak], re[peak]) + Math.PI * peak + 2 * Math.PI * frequency * (POINTS / 2 - 1) / RATE_HZ;
  const twoPi = 2 * Math.PI;
  return {
    heartRate: 60000 / (inWindow.reduce((x, y) => x + y, 0) / inWindow.length),
    rmssd: inWindow.length > 1 ? Math.sqrt(squares / (inWindow.length - 1)) : 0,
    coherence: Math.min(1, Math.max(0, (fraction - 0.25) / 0.75)),
    breathingRate: 60 * frequency,
    breathingPhase: ((phase0 % twoPi) + twoPi) % twoPi,
  };
}

/**
 * Parses a Heart Rate Measurement value (Bluetooth GATT characteristic 0x2A37): `{heartRate, rrIntervals (ms),
 * energy?, contact?}`. Throws a RangeError on a value too short for its flags.
 */
export function parseHeartRateMeasurement(bytes) {
  const data = bytes instanceof DataView ? bytes : new DataView(bytes.buffer ?? bytes, bytes.byteOffset ?? 0, bytes.byteLength);
  if (data.byteLength < 2) throw new RangeError("heart rate measurement: too short");
  const flags = data.getUint8(0);
  let at = 1;
  const need = (n) => { if (at + n > data.byteLength) throw new RangeError("heart rate measurement: truncated"); };
  let heartRate;
  if (flags & 1) { need(2); heartRate = data.getUint16(at, true); at += 2; } else { need(1); heartRate = data.getUint8(at); at += 1; }
  const out = { heartRate, rrIntervals: [] };
  if ((flags & 0x06) === 0x06) out.contact = true;
  else if ((flags & 0x06) === 0x04) out.contact = false;
  if (flags & 0x08) { need(2); out.energy = data.getUint16(at, true); at += 2; }
  if (flags & 0x10) {
    if ((data.byteLength - at) % 2 !== 0) throw new RangeError("heart rate measurement: odd RR bytes");
    for (; at < data.byteLength; at += 2) out.rrIntervals.push(data.getUint16(at, true) * 1000 / 1024);
  }
  return out;
}
