// collab.js: the browser client of the collaboration engine (docs/BROWSER.md).
// A plain ES module, no build step: signaling protocol v1 (docs/PROTOCOL.md), the five pre-negotiated data
// channels, the payload layouts (docs/PAYLOADS.md) and the room-secret sealing (WebCrypto), so a browser and
// Swift engines share one room as equals.

// ---------------------------------------------------------------------------------------------------------
// Errors: everything parsed from the network is refused with one of these, never with a generic TypeError.

/** A data-channel payload that breaks docs/PAYLOADS.md; `code` is the Swift `PayloadError` case name. */
export class PayloadError extends Error {
  constructor(code, detail = "") {
    super(`payload ${code}${detail ? `: ${detail}` : ""}`);
    this.name = "PayloadError";
    this.code = code;
    this.detail = detail;
  }
}

/** A sealed message that cannot be opened: `wrongSecret`, `authenticationFailed`, `malformed`, `tooLarge`. */
export class SealError extends Error {
  constructor(code, detail = "") {
    super(`seal ${code}${detail ? `: ${detail}` : ""}`);
    this.name = "SealError";
    this.code = code;
    this.detail = detail;
  }
}

/** A signaling failure: a server `error` (its stable `code`), a bad server message, or a closed socket. */
export class SignalingError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.name = "SignalingError";
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Bytes.

const VERSION = 1;
const utf8 = new TextEncoder();
const strictUTF8 = new TextDecoder("utf-8", { fatal: true });

function decodeUTF8(bytes) {
  try {
    return strictUTF8.decode(bytes);
  } catch {
    throw new PayloadError("invalidUTF8");
  }
}

/** Big-endian writer into a growing buffer. */
class Writer {
  constructor(capacity = 64) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
  }
  reserve(n) {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
  u8(v) { this.reserve(1); this.view.setUint8(this.length, v); this.length += 1; }
  u16(v) { this.reserve(2); this.view.setUint16(this.length, v); this.length += 2; }
  u32(v) { this.reserve(4); this.view.setUint32(this.length, v >>> 0); this.length += 4; }
  i64(v) { this.reserve(8); this.view.setBigInt64(this.length, BigInt.asIntN(64, BigInt(v))); this.length += 8; }
  f32(v) { this.reserve(4); this.view.setFloat32(this.length, v); this.length += 4; }
  f64(v) { this.reserve(8); this.view.setFloat64(this.length, v); this.length += 8; }
  raw(bytes) { this.reserve(bytes.length); this.bytes.set(bytes, this.length); this.length += bytes.length; }
  uuid(text) { this.raw(uuidBytes(text)); }
  done() { return this.bytes.slice(0, this.length); }
}

/** Big-endian reader that throws `PayloadError("truncated")` instead of reading past the end. */
class Reader {
  constructor(bytes) {
    this.bytes = toBytes(bytes);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.offset = 0;
  }
  get remaining() { return this.bytes.length - this.offset; }
  need(n) { if (this.remaining < n) throw new PayloadError("truncated"); }
  u8() { this.need(1); return this.view.getUint8(this.offset++); }
  u16() { this.need(2); const v = this.view.getUint16(this.offset); this.offset += 2; return v; }
  u32() { this.need(4); const v = this.view.getUint32(this.offset); this.offset += 4; return v; }
  i64() {
    this.need(8);
    const v = this.view.getBigInt64(this.offset);
    this.offset += 8;
    return fromI64(v);
  }
  f32() {
    this.need(4);
    const v = this.view.getFloat32(this.offset);
    this.offset += 4;
    if (!Number.isFinite(v)) throw new PayloadError("nonFiniteFloat");
    return v;
  }
  f64() {
    this.need(8);
    const v = this.view.getFloat64(this.offset);
    this.offset += 8;
    if (!Number.isFinite(v)) throw new PayloadError("nonFiniteFloat");
    return v;
  }
  take(n) { this.need(n); const out = this.bytes.slice(this.offset, this.offset + n); this.offset += n; return out; }
  rest() { return this.take(this.remaining); }
  uuid() { return uuidString(this.take(16)); }
  version() {
    const v = this.u8();
    if (v !== VERSION) throw new PayloadError("unsupportedVersion", String(v));
  }
  finish() { if (this.remaining !== 0) throw new PayloadError("trailingBytes", String(this.remaining)); }
}

/** A 64-bit field as a Number when exact, else as a BigInt (µs clocks stay far below 2^53). */
function fromI64(big) {
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) return Uint8Array.from(data);
  throw new PayloadError("invalidValue", "not bytes");
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

/** Lowercase hex of bytes (for logs and the known-answer vectors). */
export function toHex(bytes) {
  return Array.from(toBytes(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Bytes of a hex string. */
export function fromHex(text) {
  if (text.length % 2 !== 0 || /[^0-9a-fA-F]/.test(text)) throw new PayloadError("invalidValue", "hex");
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The 16 bytes of a UUID string in RFC 9562 order (Swift's `UUID.uuid`). */
export function uuidBytes(text) {
  if (typeof text !== "string" || !UUID_PATTERN.test(text)) throw new PayloadError("invalidValue", "uuid");
  return fromHex(text.replace(/-/g, ""));
}

/** The canonical (uppercase, as Swift's `uuidString`) text of 16 UUID bytes. */
export function uuidString(bytes) {
  const h = toHex(bytes).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Uppercase form of a UUID string, so IDs compare (and order) exactly as the Swift engine's `uuidString`. */
export function canonicalID(text) {
  if (typeof text !== "string" || !UUID_PATTERN.test(text)) throw new SignalingError("bad-message", "not a UUID");
  return text.toUpperCase();
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Unpadded base64url (RFC 4648 §5). */
export function base64url(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i], b1 = bytes[i + 1] ?? 0, b2 = bytes[i + 2] ?? 0;
    const n = Math.min(3, bytes.length - i);
    out += B64URL[b0 >> 2] + B64URL[((b0 & 3) << 4) | (b1 >> 4)];
    if (n > 1) out += B64URL[((b1 & 15) << 2) | (b2 >> 6)];
    if (n > 2) out += B64URL[b2 & 63];
  }
  return out;
}

/** Strict unpadded base64url: `null` for another character, an impossible length or non-zero unused bits. */
export function fromBase64url(text) {
  if (text.length % 4 === 1) return null;
  const out = [];
  let buffer = 0, bits = 0;
  for (const ch of text) {
    const v = B64URL.indexOf(ch);
    if (v < 0) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return buffer === 0 ? Uint8Array.from(out) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Channels: the same five, with the same ids and options, as the Swift engine (docs/PROTOCOL.md, "Channels").

/** The five pre-negotiated channels: id = SCTP stream id. */
export const CHANNELS = Object.freeze([
  { name: "control", id: 0, label: "collab-control", reliable: true },
  { name: "chat", id: 1, label: "collab-chat", reliable: true },
  { name: "midi", id: 2, label: "collab-midi", reliable: true },
  { name: "bio", id: 3, label: "collab-bio", reliable: false },
  { name: "audio", id: 4, label: "collab-audio", reliable: false },
]);

/** RTCDataChannelInit of a channel: reliable ones ordered, bio and audio unordered with no retransmission. */
export function channelOptions(channel) {
  return channel.reliable
    ? { negotiated: true, id: channel.id, ordered: true }
    : { negotiated: true, id: channel.id, ordered: false, maxRetransmits: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Payload codecs (docs/PAYLOADS.md).

/** `hello` capability bits. */
export const CAPABILITIES = Object.freeze({ midi: 1, bio: 2, audioPCM16: 4, audioOpus: 8, sealedBio: 16 });
const ROLES = ["host", "co-host", "participant", "spectator"];
const TRANSPORTS = ["play", "pause", "stop", "seek", "tempo"];
// Index + 1 is the type byte; 0x09 is unassigned.
const CONTROL_TYPES = ["hello", "ping", "pong", "mute", "transport", "role", "ack", "audio-settings", null, "audio-loss", "recording"];
const MAX_ACKS = 8;
/** `audio-settings` codecs (index = wire value) and frame sizes (samples per channel at 48 kHz: 2.5, 5, 10, 20 ms). */
export const AUDIO_SETTINGS_CODECS = Object.freeze([null, "pcm", "opus"]);
export const OPUS_FRAME_SAMPLES = Object.freeze([120, 240, 480, 960]);
const BITRATE_RANGE = [6000, 510000];

function checkAudioSettings(m) {
  if (AUDIO_SETTINGS_CODECS.indexOf(m.codec) < 1) throw new PayloadError("invalidValue", "audio-settings.codec");
  if (m.channels !== 1 && m.channels !== 2) throw new PayloadError("invalidValue", "audio-settings.channels");
  if (!OPUS_FRAME_SAMPLES.includes(m.frame)) throw new PayloadError("invalidValue", "audio-settings.frame");
  if (!(Number.isInteger(m.bitrate) && m.bitrate >= BITRATE_RANGE[0] && m.bitrate <= BITRATE_RANGE[1])) {
    throw new PayloadError("invalidValue", "audio-settings.bitrate");
  }
}

function checkAudioLoss(percent) {
  if (!(Number.isInteger(percent) && percent >= 0 && percent <= 100)) throw new PayloadError("invalidValue", "audio-loss.percent");
}

/** Encodes a control message `{type, ...fields}` (types and fields as in docs/PAYLOADS.md, "control"). */
export function encodeControl(m) {
  const w = new Writer(40);
  w.u8(VERSION);
  const type = CONTROL_TYPES.indexOf(m.type) + 1;
  if (type === 0) throw new PayloadError("unknownType", String(m.type));
  w.u8(type);
  switch (m.type) {
    case "hello": w.u8(m.protocolVersion ?? VERSION); w.u32(m.capabilities); break;
    case "ping": w.u32(m.id); w.i64(m.t0); break;
    case "pong": w.u32(m.id); w.i64(m.t0); w.i64(m.t1); w.i64(m.t2); break;
    case "mute": w.uuid(m.participant); w.u8(m.muted ? 1 : 0); break;
    case "recording": w.u8(m.active ? 1 : 0); break;
    case "transport": {
      w.i64(m.at);
      const kind = TRANSPORTS.indexOf(m.command) + 1;
      if (kind === 0) throw new PayloadError("unknownType", String(m.command));
      w.u8(kind);
      if (m.command === "seek") w.i64(m.position);
      if (m.command === "tempo") {
        if (!(m.bpm >= 1 && m.bpm <= 999)) throw new PayloadError("invalidValue", "transport.tempo");
        w.f64(m.bpm);
      }
      break;
    }
    case "role": {
      const role = ROLES.indexOf(m.role);
      if (role < 0) throw new PayloadError("invalidValue", "role.role");
      w.uuid(m.participant);
      w.u8(role);
      break;
    }
    case "ack":
      if (m.acks.length > MAX_ACKS) throw new PayloadError("countOverLimit", "ack");
      w.u8(m.acks.length);
      for (const a of m.acks) { w.u8(a.channel); w.u32(a.stream); w.u32(a.next); }
      break;
    case "audio-settings":
      checkAudioSettings(m);
      w.u8(AUDIO_SETTINGS_CODECS.indexOf(m.codec)); w.u8(m.channels); w.u16(m.frame); w.u32(m.bitrate);
      break;
    case "audio-loss": checkAudioLoss(m.percent); w.u8(m.percent); break;
  }
  return w.done();
}

/** Decodes a control payload; throws `PayloadError` for anything malformed. */
export function decodeControl(bytes) {
  const r = new Reader(bytes);
  r.version();
  const raw = r.u8();
  const type = CONTROL_TYPES[raw - 1];
  if (!type) throw new PayloadError("unknownType", String(raw));
  let m;
  switch (type) {
    case "hello": m = { type, protocolVersion: r.u8(), capabilities: r.u32() }; break;
    case "ping": m = { type, id: r.u32(), t0: r.i64() }; break;
    case "pong": m = { type, id: r.u32(), t0: r.i64(), t1: r.i64(), t2: r.i64() }; break;
    case "mute": {
      const participant = r.uuid();
      const flag = r.u8();
      if (flag > 1) throw new PayloadError("invalidValue", "mute.muted");
      m = { type, participant, muted: flag === 1 };
      break;
    }
    case "recording": {
      const flag = r.u8();
      if (flag > 1) throw new PayloadError("invalidValue", "recording.active");
      m = { type, active: flag === 1 };
      break;
    }
    case "transport": {
      const at = r.i64();
      const kind = r.u8();
      const command = TRANSPORTS[kind - 1];
      if (!command) throw new PayloadError("unknownType", String(kind));
      m = { type, at, command };
      if (command === "seek") m.position = r.i64();
      if (command === "tempo") {
        m.bpm = r.f64();
        if (!(m.bpm >= 1 && m.bpm <= 999)) throw new PayloadError("invalidValue", "transport.tempo");
      }
      break;
    }
    case "role": {
      const participant = r.uuid();
      const role = ROLES[r.u8()];
      if (!role) throw new PayloadError("invalidValue", "role.role");
      m = { type, participant, role };
      break;
    }
    case "ack": {
      const count = r.u8();
      if (count > MAX_ACKS) throw new PayloadError("countOverLimit", "ack");
      const acks = [];
      for (let i = 0; i < count; i++) {
        const channel = r.u8();
        if (channel > 2) throw new PayloadError("invalidValue", "ack.channel");
        acks.push({ channel, stream: r.u32(), next: r.u32() });
      }
      m = { type, acks };
      break;
    }
    case "audio-settings": {
      // Field by field, as the Swift decoder: a bad codec is refused before a short message is noticed.
      const codec = AUDIO_SETTINGS_CODECS[r.u8()];
      if (!codec) throw new PayloadError("invalidValue", "audio-settings.codec");
      const channels = r.u8();
      if (channels !== 1 && channels !== 2) throw new PayloadError("invalidValue", "audio-settings.channels");
      const frame = r.u16();
      if (!OPUS_FRAME_SAMPLES.includes(frame)) throw new PayloadError("invalidValue", "audio-settings.frame");
      m = { type, codec, channels, frame, bitrate: r.u32() };
      checkAudioSettings(m);
      break;
    }
    case "audio-loss": m = { type, percent: r.u8() }; checkAudioLoss(m.percent); break;
  }
  r.finish();
  return m;
}

/** The longest chat text, in UTF-8 bytes. */
export const CHAT_MAX_BYTES = 4096;

/** Encodes a chat line. */
export function encodeChat(text) {
  const body = utf8.encode(text);
  if (body.length > CHAT_MAX_BYTES) throw new PayloadError("lengthOverLimit", "chat");
  return concat([VERSION], body);
}

/** Decodes a chat payload to its text. */
export function decodeChat(bytes) {
  const r = new Reader(bytes);
  r.version();
  if (r.remaining > CHAT_MAX_BYTES) throw new PayloadError("lengthOverLimit", "chat");
  return decodeUTF8(r.rest());
}

/** Bytes of a MIDI message with this status byte, or 0 where the wire refuses the status. */
export function midiLength(status) {
  if ((status >= 0x80 && status <= 0xbf) || (status >= 0xe0 && status <= 0xef) || status === 0xf2) return 3;
  if ((status >= 0xc0 && status <= 0xdf) || status === 0xf1 || status === 0xf3) return 2;
  if ([0xf6, 0xf8, 0xfa, 0xfb, 0xfc, 0xfe, 0xff].includes(status)) return 1;
  return 0;
}

const MIDI_MAX_EVENTS = 256;

function checkMIDIEvent(bytes) {
  const length = bytes.length ? midiLength(bytes[0]) : 0;
  if (length === 0) throw new PayloadError("invalidValue", "midi.status");
  if (bytes.length !== length) throw new PayloadError("invalidValue", "midi.length");
  for (let i = 1; i < bytes.length; i++) if (bytes[i] >= 0x80) throw new PayloadError("invalidValue", "midi.data");
}

/** Encodes a MIDI batch `{sequence, events: [{timestamp (µs), bytes}]}`. */
export function encodeMIDI(batch) {
  const events = batch.events;
  if (events.length > MIDI_MAX_EVENTS) throw new PayloadError("countOverLimit", "midi");
  const base = events.length ? events.reduce((lo, e) => (BigInt(e.timestamp) < lo ? BigInt(e.timestamp) : lo), BigInt(events[0].timestamp)) : 0n;
  const w = new Writer(15 + events.length * 7);
  w.u8(VERSION);
  w.u32(batch.sequence);
  w.u16(events.length);
  w.i64(base);
  for (const e of events) {
    const bytes = toBytes(e.bytes);
    checkMIDIEvent(bytes);
    const delta = BigInt(e.timestamp) - base;
    if (delta > 0xffffffffn) throw new PayloadError("invalidValue", "midi.timestamp");
    w.u32(Number(delta));
    w.raw(bytes);
  }
  return w.done();
}

/** Decodes a MIDI batch. */
export function decodeMIDI(bytes) {
  const r = new Reader(bytes);
  r.version();
  const sequence = r.u32();
  const count = r.u16();
  if (count > MIDI_MAX_EVENTS) throw new PayloadError("countOverLimit", "midi");
  r.need(8);
  const base = r.view.getBigInt64(r.offset);
  r.offset += 8;
  const events = [];
  for (let i = 0; i < count; i++) {
    const timestamp = base + BigInt(r.u32());
    if (timestamp > 0x7fffffffffffffffn) throw new PayloadError("invalidValue", "midi.timestamp");
    const status = r.u8();
    const length = midiLength(status);
    if (length === 0) throw new PayloadError("invalidValue", "midi.status");
    const event = concat([status], r.take(length - 1));
    checkMIDIEvent(event);
    events.push({ timestamp: fromI64(timestamp), bytes: event });
  }
  r.finish();
  return { sequence, events };
}

const BIO_RANGES = {
  heartRate: [0, 300], rmssd: [0, 2000], coherence: [0, 1], breathingRate: [0, 60], rr: [200, 3000],
};
const BIO_MAX_RR = 64;
/** The largest sealed bio payload accepted. */
export const BIO_MAX_SEALED = 1024;

function clampTo(value, [lo, hi]) {
  const v = Number.isFinite(value) ? value : 0;
  return Math.fround(Math.min(hi, Math.max(lo, v)));
}

/** A bio sample as the Swift `BioSample` initializer makes it: values clamped and rounded to binary32. */
export function bioSample({ heartRate, rmssd, coherence, breathingRate, breathingPhase, rrIntervals, timestamp = 0 }) {
  const sample = {
    timestamp,
    heartRate: clampTo(heartRate, BIO_RANGES.heartRate),
    rmssd: clampTo(rmssd, BIO_RANGES.rmssd),
    coherence: clampTo(coherence, BIO_RANGES.coherence),
    breathingRate: clampTo(breathingRate, BIO_RANGES.breathingRate),
  };
  if (breathingPhase !== undefined && breathingPhase !== null && Number.isFinite(breathingPhase)) {
    const twoPi = 2 * Math.PI;
    let phase = ((breathingPhase % twoPi) + twoPi) % twoPi;
    phase = Math.fround(phase);
    if (phase >= twoPi) phase = 0;
    sample.breathingPhase = phase;
  }
  if (rrIntervals) {
    sample.rrIntervals = rrIntervals.filter((v) => Number.isFinite(v) && v >= 200 && v <= 3000)
      .slice(-BIO_MAX_RR).map(Math.fround);
  }
  return sample;
}

function encodeBioBody(w, s) {
  let flags = 0;
  if (s.rrIntervals) flags |= 1;
  if (s.breathingPhase !== undefined) flags |= 2;
  w.u8(flags);
  w.i64(s.timestamp);
  w.f32(s.heartRate); w.f32(s.rmssd); w.f32(s.coherence); w.f32(s.breathingRate);
  if (s.breathingPhase !== undefined) w.f32(s.breathingPhase);
  if (s.rrIntervals) {
    w.u8(s.rrIntervals.length);
    for (const v of s.rrIntervals) w.f32(v);
  }
}

function readRanged(r, range, field) {
  const v = r.f32();
  if (!(v >= range[0] && v <= range[1])) throw new PayloadError("invalidValue", field);
  return v;
}

function decodeBioBody(r) {
  const flags = r.u8();
  if (flags & ~3) throw new PayloadError("invalidValue", "bio.flags");
  const s = { timestamp: r.i64() };
  s.heartRate = readRanged(r, BIO_RANGES.heartRate, "bio.heartRate");
  s.rmssd = readRanged(r, BIO_RANGES.rmssd, "bio.rmssd");
  s.coherence = readRanged(r, BIO_RANGES.coherence, "bio.coherence");
  s.breathingRate = readRanged(r, BIO_RANGES.breathingRate, "bio.breathingRate");
  if (flags & 2) {
    const phase = r.f32();
    if (!(phase >= 0 && phase < 2 * Math.PI)) throw new PayloadError("invalidValue", "bio.breathingPhase");
    s.breathingPhase = phase;
  }
  if (flags & 1) {
    const count = r.u8();
    if (count > BIO_MAX_RR) throw new PayloadError("countOverLimit", "bio.rr");
    s.rrIntervals = [];
    for (let i = 0; i < count; i++) s.rrIntervals.push(readRanged(r, BIO_RANGES.rr, "bio.rrInterval"));
  }
  return s;
}

/** Encodes a plain (kind 0x01) bio sample. */
export function encodeBio(sample) {
  const w = new Writer(64);
  w.u8(VERSION);
  w.u8(1);
  encodeBioBody(w, bioSample(sample));
  return w.done();
}

/** Decodes a bio payload: `{kind: "sample", sample}` or `{kind: "sealed", bytes}` (open it with `RoomKeys`). */
export function decodeBio(bytes) {
  const data = toBytes(bytes);
  const r = new Reader(data);
  r.version();
  const kind = r.u8();
  if (kind === 1) {
    const sample = decodeBioBody(r);
    r.finish();
    return { kind: "sample", sample };
  }
  if (kind === 2) {
    if (data.length > BIO_MAX_SEALED) throw new PayloadError("lengthOverLimit", "bio.sealed");
    return { kind: "sealed", bytes: data };
  }
  throw new PayloadError("unknownType", String(kind));
}

/** The largest audio payload (bytes after the 11-byte header). */
export const AUDIO_MAX_PAYLOAD = 8192;
const OPUS_MAX_FRAME = 1275; // bytes (RFC 6716 §3.4, R2)
const OPUS_MAX_SAMPLES = 5760; // 120 ms (R5)
const AUDIO_TAGS = [null, "pcm16", "opus", null, "opus"]; // 0x04: Opus carrying the previous packet again
const REDUNDANCY_TAG = 4;

/**
 * Samples per channel at 48 kHz of an Opus packet that passes RFC 6716 §3.4 (R1-R7) and is one frame the engine
 * sends (2.5, 5, 10 or 20 ms), else null: the Swift `OpusPacket.validateEngineFrame`, step for step.
 */
export function opusFrameSamples(bytes) {
  if (bytes.length === 0) return null;
  const toc = bytes[0];
  const config = toc >> 3;
  const perFrame = config < 12 ? [480, 960, 1920, 2880][config % 4] : config < 16 ? [480, 960][config % 2] : [120, 240, 480, 960][config % 4];
  let at = 1;
  let remaining = bytes.length - 1;
  // A frame length: one byte below 252, else two (§3.2.1); null when the packet ends first.
  const length = () => {
    if (at >= bytes.length) return null;
    const first = bytes[at++];
    remaining -= 1;
    if (first < 252) return first;
    if (at >= bytes.length) return null;
    remaining -= 1;
    return bytes[at++] * 4 + first;
  };
  let frames;
  switch (toc & 3) {
    case 0:
      if (remaining > OPUS_MAX_FRAME) return null;
      frames = 1;
      break;
    case 1:
      if (remaining % 2 !== 0 || remaining / 2 > OPUS_MAX_FRAME) return null;
      frames = 2;
      break;
    case 2: {
      const first = length();
      if (first === null || first > remaining || remaining - first > OPUS_MAX_FRAME) return null;
      frames = 2;
      break;
    }
    default: {
      if (at >= bytes.length) return null;
      const countByte = bytes[at++];
      remaining -= 1;
      frames = countByte & 0x3f;
      if (frames < 1 || frames * perFrame > OPUS_MAX_SAMPLES) return null;
      if (countByte & 0x40) {
        let padding = 0;
        for (;;) {
          if (at >= bytes.length) return null;
          const byte = bytes[at++];
          remaining -= 1;
          padding += byte === 255 ? 254 : byte;
          if (byte !== 255) break;
        }
        if (padding > remaining) return null;
        remaining -= padding;
      }
      if (countByte & 0x80) {
        for (let i = 0; i < frames - 1; i++) {
          const size = length();
          if (size === null || size > remaining) return null;
          remaining -= size;
        }
        if (remaining > OPUS_MAX_FRAME) return null;
      } else if (remaining % frames !== 0 || remaining / frames > OPUS_MAX_FRAME) {
        return null;
      }
    }
  }
  const samples = frames * perFrame;
  return OPUS_FRAME_SAMPLES.includes(samples) ? samples : null;
}

/**
 * Encodes an audio frame `{codec: "pcm16"|"opus", channels, sequence, timestamp, payload, redundancy?}`; an Opus
 * frame with `redundancy` (the previous frame's packet) goes out as codec 0x04.
 */
export function encodeAudio(f) {
  const payload = toBytes(f.payload);
  const redundancy = f.redundancy ? toBytes(f.redundancy) : new Uint8Array(0);
  checkAudio(f.codec, f.channels, payload, redundancy);
  const w = new Writer(13 + payload.length + redundancy.length);
  w.u8(VERSION);
  w.u8(redundancy.length ? REDUNDANCY_TAG : AUDIO_TAGS.indexOf(f.codec));
  w.u8(f.channels);
  w.u32(f.sequence);
  w.u32(f.timestamp);
  if (redundancy.length) w.u16(payload.length);
  w.raw(payload);
  w.raw(redundancy);
  return w.done();
}

// The checks of the Swift `AudioFrame.init`, in its order.
function checkAudio(codec, channels, payload, redundancy) {
  if (codec !== "pcm16" && codec !== "opus") throw new PayloadError("unknownType", String(codec));
  if (channels !== 1 && channels !== 2) throw new PayloadError("invalidValue", "audio.channels");
  if (payload.length + redundancy.length > AUDIO_MAX_PAYLOAD) throw new PayloadError("lengthOverLimit", "audio");
  if (codec === "pcm16") {
    if (payload.length % (2 * channels) !== 0) throw new PayloadError("invalidValue", "audio.payload");
    if (redundancy.length) throw new PayloadError("invalidValue", "audio.redundancy");
    return;
  }
  const samples = opusFrameSamples(payload);
  if (samples === null) throw new PayloadError("invalidValue", "audio.opus");
  if (redundancy.length && opusFrameSamples(redundancy) !== samples) throw new PayloadError("invalidValue", "audio.redundancy");
}

/** Decodes an audio frame: `{codec, channels, sequence, timestamp, payload}`, plus `redundancy` from codec 0x04. */
export function decodeAudio(bytes) {
  const r = new Reader(bytes);
  r.version();
  const tag = r.u8();
  const channels = r.u8();
  if (channels !== 1 && channels !== 2) throw new PayloadError("invalidValue", "audio.channels");
  const codec = AUDIO_TAGS[tag];
  if (!codec) throw new PayloadError("unknownType", String(tag));
  const sequence = r.u32();
  const timestamp = r.u32();
  if (r.remaining > AUDIO_MAX_PAYLOAD) throw new PayloadError("lengthOverLimit", "audio");
  if (tag === REDUNDANCY_TAG) {
    const payload = r.take(r.u16());
    const redundancy = r.rest();
    if (redundancy.length === 0) throw new PayloadError("invalidValue", "audio.redundancy");
    checkAudio(codec, channels, payload, redundancy);
    return { codec, channels, sequence, timestamp, payload, redundancy };
  }
  const payload = r.rest();
  checkAudio(codec, channels, payload, new Uint8Array(0));
  return { codec, channels, sequence, timestamp, payload };
}

/** Samples per channel in a decoded audio frame (PCM from its length, Opus from its TOC byte). */
export function audioFrameSamples(frame) {
  return frame.codec === "pcm16" ? frame.payload.length / (2 * frame.channels) : opusFrameSamples(frame.payload);
}

/** The first byte of a sequenced message on a reliable channel (docs/PAYLOADS.md, "Sequencing"). */
export const SEQUENCED_MARKER = 0xf0;

/** Encodes `{stream, sequence, payload}` as a sequenced envelope. */
export function encodeSequenced({ stream, sequence, payload }) {
  const w = new Writer(9 + payload.length);
  w.u8(SEQUENCED_MARKER);
  w.u32(stream);
  w.u32(sequence);
  w.raw(toBytes(payload));
  return w.done();
}

/** Decodes a sequenced envelope. */
export function decodeSequenced(bytes) {
  const r = new Reader(bytes);
  const marker = r.u8();
  if (marker !== SEQUENCED_MARKER) throw new PayloadError("unsupportedVersion", String(marker));
  const out = { stream: r.u32(), sequence: r.u32(), payload: r.rest() };
  if (out.payload.length === 0) throw new PayloadError("invalidValue", "sequenced.payload");
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Sealing (docs/PAYLOADS.md, "Sealing"): the same derivation and envelopes as the Swift RoomKeys.

/** PBKDF2 rounds of format version 1: every peer must use the same. */
export const PBKDF2_ROUNDS = 210000;
const ENVELOPE_MAX = 48 * 1024;
const ENVELOPE_OVERHEAD = 32;
/** The prefix of a sealed signal string. */
export const SEALED_PREFIX = "c1.";
/** What a peer sends instead of an answer when it cannot open an offer. */
export const REJECT_TEXT = "collab-reject:room-secret";

function subtle() {
  if (!globalThis.crypto || !globalThis.crypto.subtle) {
    throw new SealError("unavailable", "WebCrypto needs a secure context (https, or http://localhost)");
  }
  return globalThis.crypto.subtle;
}

/** One AES-256-GCM key with its key ID: the common core of the bio and signal sealers. */
class EnvelopeCipher {
  static async make(rawKey) {
    const c = new EnvelopeCipher();
    const s = subtle();
    c.key = await s.importKey("raw", rawKey, "AES-GCM", false, ["encrypt", "decrypt"]);
    const mac = await s.importKey("raw", rawKey, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    c.keyID = new Uint8Array(await s.sign("HMAC", mac, utf8.encode("collab key id v1"))).slice(0, 4);
    return c;
  }

  async seal(plaintext, aad, nonce) {
    if (plaintext.length > ENVELOPE_MAX - ENVELOPE_OVERHEAD) throw new SealError("tooLarge");
    const iv = nonce ?? crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await subtle().encrypt({ name: "AES-GCM", iv, additionalData: aad, tagLength: 128 }, this.key, plaintext));
    return concat(this.keyID, iv, sealed);
  }

  async open(envelope, aad) {
    if (envelope.length > ENVELOPE_MAX) throw new SealError("malformed", "lengthOverLimit");
    if (envelope.length < ENVELOPE_OVERHEAD) throw new SealError("malformed", "truncated");
    for (let i = 0; i < 4; i++) if (envelope[i] !== this.keyID[i]) throw new SealError("wrongSecret");
    try {
      return new Uint8Array(await subtle().decrypt(
        { name: "AES-GCM", iv: envelope.slice(4, 16), additionalData: aad, tagLength: 128 }, this.key, envelope.slice(16)));
    } catch {
      throw new SealError("authenticationFailed");
    }
  }
}

async function hkdf(master, salt, info) {
  const s = subtle();
  const key = await s.importKey("raw", master, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await s.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info: utf8.encode(info) }, key, 256));
}

/** The keys a room secret gives (Swift `RoomKeys`): derive once per room with `RoomKeys.derive`. */
export class RoomKeys {
  /** PBKDF2-HMAC-SHA256 (210 000 rounds) then HKDF-SHA256 per purpose, exactly as the engine derives them. */
  static async derive(secret, roomID, rounds = PBKDF2_ROUNDS) {
    const s = subtle();
    const room = uuidBytes(roomID);
    const password = await s.importKey("raw", utf8.encode(secret), "PBKDF2", false, ["deriveBits"]);
    const master = new Uint8Array(await s.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: concat(utf8.encode("collab room v1"), room), iterations: rounds }, password, 256));
    const keys = new RoomKeys();
    keys.bio = await EnvelopeCipher.make(await hkdf(master, room, "collab bio v1"));
    keys.signal = await EnvelopeCipher.make(await hkdf(master, room, "collab signal v1"));
    return keys;
  }

  /** Seals a signal string (SDP, candidate) from `from` to `to`: `"c1." + base64url(envelope)`. */
  async sealSignal(text, from, to, nonce) {
    const aad = concat(utf8.encode("collab signal v1"), uuidBytes(from), uuidBytes(to));
    return SEALED_PREFIX + base64url(await this.signal.seal(utf8.encode(text), aad, nonce));
  }

  /** Opens a sealed signal string; throws `SealError` (`wrongSecret`, `authenticationFailed`, `malformed`). */
  async openSignal(sealed, from, to) {
    if (typeof sealed !== "string" || !sealed.startsWith(SEALED_PREFIX)) throw new SealError("malformed", "unsupportedVersion");
    if (sealed.length > Math.floor((ENVELOPE_MAX * 4 + 2) / 3) + SEALED_PREFIX.length) throw new SealError("malformed", "lengthOverLimit");
    const bytes = fromBase64url(sealed.slice(SEALED_PREFIX.length));
    if (!bytes) throw new SealError("malformed", "sealed.base64url");
    const aad = concat(utf8.encode("collab signal v1"), uuidBytes(from), uuidBytes(to));
    const plain = await this.signal.open(bytes, aad);
    try {
      return strictUTF8.decode(plain);
    } catch {
      throw new SealError("malformed", "invalidUTF8");
    }
  }

  /** Seals a bio sample as sent by `sender`: a whole kind-0x02 bio payload. */
  async sealBio(sample, sender, nonce) {
    const w = new Writer(64);
    encodeBioBody(w, bioSample(sample));
    const aad = concat(utf8.encode("collab bio v1"), uuidBytes(sender));
    return concat([VERSION, 2], await this.bio.seal(w.done(), aad, nonce));
  }

  /** Opens a sealed bio payload claiming to come from `sender`. */
  async openBio(payload, sender) {
    const data = toBytes(payload);
    if (data.length < 2 || data[0] !== VERSION || data[1] !== 2) throw new SealError("malformed", "not a sealed bio payload");
    const aad = concat(utf8.encode("collab bio v1"), uuidBytes(sender));
    const plain = await this.bio.open(data.slice(2), aad);
    try {
      const r = new Reader(plain);
      const sample = decodeBioBody(r);
      r.finish();
      return sample;
    } catch (error) {
      throw new SealError("malformed", error.message);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Clock sync and reliable-channel receive state.

/** Microseconds on this page's clock (monotonic, as the engine's). */
export function nowMicros() {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** RTT (median of the last 8) and clock offset (of the min-RTT sample), as `ClockSynchronizer`. */
class ClockSync {
  constructor() { this.samples = []; this.nextID = 1; this.outstanding = new Map(); }
  ping(now) {
    const id = this.nextID++ >>> 0;
    this.outstanding.set(id, now);
    if (this.outstanding.size > 16) this.outstanding.delete(this.outstanding.keys().next().value);
    return { type: "ping", id, t0: now };
  }
  pong(m, now) {
    if (!this.outstanding.has(m.id) || typeof m.t0 !== "number") return false;
    this.outstanding.delete(m.id);
    const rtt = (now - m.t0) - (m.t2 - m.t1);
    const offset = ((m.t1 - m.t0) + (m.t2 - now)) / 2;
    this.samples.push({ rtt: Math.max(0, rtt), offset });
    if (this.samples.length > 8) this.samples.shift();
    return true;
  }
  get rtt() {
    if (!this.samples.length) return null;
    const sorted = this.samples.map((s) => s.rtt).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }
  get offset() {
    if (!this.samples.length) return null;
    return this.samples.reduce((best, s) => (s.rtt < best.rtt ? s : best)).offset;
  }
  local(remote) {
    const offset = this.offset;
    return offset === null || typeof remote !== "number" ? remote : Math.round(remote - offset);
  }
}

/** Receive side of one reliable channel of one peer (Swift `SequenceTracker`). */
class SequenceTracker {
  constructor() { this.stream = null; this.next = 0; this.changed = false; }
  accept(stream, sequence) {
    if (this.stream !== stream) {
      this.stream = stream;
      this.next = (sequence + 1) >>> 0;
      this.changed = true;
      return true;
    }
    const ahead = (sequence - this.next) >>> 0;
    if (ahead >= 0x80000000) return false;
    this.next = (sequence + 1) >>> 0;
    this.changed = true;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Signaling v1 over WebSocket.

const REQUEST_TIMEOUT_MS = 10000;

class Signaling {
  constructor(url, onMessage, onClose) {
    this.url = url;
    this.onMessage = onMessage;
    this.onClose = onClose;
    this.waiter = null;
  }

  open() {
    return new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new WebSocket(this.url);
      } catch (error) {
        reject(new SignalingError("connect", String(error)));
        return;
      }
      this.ws = ws;
      const timer = setTimeout(() => { reject(new SignalingError("connect", `no answer from ${this.url}`)); ws.close(); }, REQUEST_TIMEOUT_MS);
      ws.onopen = () => { clearTimeout(timer); resolve(); };
      ws.onerror = () => { clearTimeout(timer); reject(new SignalingError("connect", `cannot reach ${this.url}`)); };
      ws.onclose = (e) => { if (this.ws === ws) this.onClose(e); };
      ws.onmessage = (e) => {
        if (this.ws !== ws) return;
        let message;
        try {
          message = Signaling.parse(e.data);
        } catch (error) {
          this.onMessage({ type: "__bad__", error });
          return;
        }
        const waiter = this.waiter;
        if (waiter && (waiter.types.includes(message.type) || message.type === "error")) {
          this.waiter = null;
          clearTimeout(waiter.timer);
          if (message.type === "error") waiter.reject(new SignalingError(message.code, message.message));
          else waiter.resolve(message);
          return;
        }
        this.onMessage(message);
      };
    });
  }

  /** Checks what the client relies on: a known shape, or a typed error. */
  static parse(text) {
    if (typeof text !== "string" || text.length > 4 * 65536) throw new SignalingError("bad-message", "not a text frame");
    let m;
    try {
      m = JSON.parse(text);
    } catch {
      throw new SignalingError("bad-message", "bad JSON");
    }
    if (!m || typeof m !== "object" || typeof m.type !== "string") throw new SignalingError("bad-message", "no type");
    const str = (k) => { if (typeof m[k] !== "string") throw new SignalingError("bad-message", `${m.type}: '${k}' must be a string`); };
    const ids = (...keys) => keys.forEach((k) => { str(k); m[k] = canonicalID(m[k]); });
    const person = (p) => {
      if (!p || typeof p !== "object" || typeof p.name !== "string" || !ROLES.includes(p.role)) {
        throw new SignalingError("bad-message", `${m.type}: bad participant`);
      }
      return { id: canonicalID(p.id), name: p.name, role: p.role };
    };
    switch (m.type) {
      case "room-created": ids("roomID", "participantID"); str("roomCode"); str("resumeToken"); break;
      case "joined":
        ids("roomID", "participantID", "hostID"); str("roomCode"); str("resumeToken");
        if (!Array.isArray(m.participants) || m.participants.length > 64) throw new SignalingError("bad-message", "joined: participants");
        m.participants = m.participants.map(person);
        break;
      case "participant-joined": m.participant = person(m.participant); break;
      case "participant-left": ids("participantID"); break;
      case "host-changed": ids("hostID"); break;
      case "offer": case "answer": ids("from"); str("sdp"); break;
      case "candidate":
        ids("from");
        if (!m.candidate || typeof m.candidate.candidate !== "string") throw new SignalingError("bad-message", "candidate");
        break;
      case "error": str("code"); if (typeof m.message !== "string") m.message = m.code; break;
      case "pong": break;
      default: throw new SignalingError("unknown-type", m.type.slice(0, 64));
    }
    if (m.iceServers !== undefined && !Array.isArray(m.iceServers)) throw new SignalingError("bad-message", "iceServers");
    return m;
  }

  send(message) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  request(message, types) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.waiter = null; reject(new SignalingError("timeout", `no answer to ${message.type}`)); }, REQUEST_TIMEOUT_MS);
      this.waiter = { types, resolve, reject, timer };
      if (!this.send(message)) {
        clearTimeout(timer);
        this.waiter = null;
        reject(new SignalingError("closed", "signaling socket is not open"));
      }
    });
  }

  close() {
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The room.

const TICK_MS = 250;
const PING_MS = 1000;
const RESTART_AFTER_MS = 5000;
const MAX_PENDING_CANDIDATES = 64;
const MAX_QUEUED = 512;
const RESUME_KEY = "collab.resume";

/** Names of the events a `Room` dispatches (each a CustomEvent; `detail` as in docs/BROWSER.md). */
export const EVENTS = Object.freeze(["state", "participant-joined", "participant-left", "participant-updated",
  "host-changed", "chat", "midi", "bio", "audio", "audio-settings", "control", "error"]);

/** The room's audio until the host says otherwise: the engine's defaults (Opus, stereo, 5 ms, 96 kbit/s). */
export const DEFAULT_AUDIO_SETTINGS = Object.freeze({ codec: "opus", channels: 2, frame: 240, bitrate: 96000 });

/**
 * Whether this browser decodes and encodes 48 kHz Opus through WebCodecs (`{decode, encode}`); decoding decides
 * the hello's Opus bit. WebCodecs needs a secure context; without it both are false and the page speaks PCM.
 */
export async function opusSupport() {
  const out = { decode: false, encode: false };
  try {
    if (typeof AudioDecoder === "undefined") return out;
    out.decode = (await AudioDecoder.isConfigSupported({ codec: "opus", sampleRate: 48000, numberOfChannels: 2 })).supported === true;
    if (out.decode && typeof AudioEncoder !== "undefined") {
      const config = { codec: "opus", sampleRate: 48000, numberOfChannels: 1, bitrate: DEFAULT_AUDIO_SETTINGS.bitrate };
      out.encode = (await AudioEncoder.isConfigSupported(config)).supported === true;
    }
  } catch { /* a browser that throws here has no usable Opus: PCM */ }
  return out;
}

/** Counts one sender's audio frames over a report period for `audio-loss`, as the engine's `AudioLossMeter`. */
export class AudioLossMeter {
  constructor() {
    this.highest = null;
    this.expectedFrom = null;
    this.received = 0;
  }

  record(sequence) {
    if (this.expectedFrom === null) this.expectedFrom = sequence;
    if (this.highest === null || ((sequence - this.highest) | 0) > 0) this.highest = sequence;
    this.received += 1;
  }

  /** The loss since the last report, percent, or null when nothing arrived; starts a new period. */
  report() {
    if (this.highest === null) return null;
    const expected = ((this.highest - this.expectedFrom) >>> 0) + 1;
    const lost = Math.max(0, expected - this.received);
    this.expectedFrom = (this.highest + 1) >>> 0;
    this.highest = null;
    this.received = 0;
    return Math.min(100, Math.floor((lost * 100 + expected - 1) / expected));
  }
}

/**
 * A room joined or created by this page: an EventTarget with `send*` methods. Create one with
 * `Collab.create(...)` or `Collab.join(...)`.
 */
export class Room extends EventTarget {
  constructor(options) {
    super();
    this.options = options;
    this.server = options.server;
    this.name = options.name;
    this.secret = options.secret || null;
    this.keys = null;
    this.peers = new Map(); // id -> peer record
    this.order = [];
    this.state = "connecting";
    this.closed = false;
    this.localRole = "participant";
    this.localMuted = false;
    this.iceServers = [];
    this.signalQueue = Promise.resolve();
    this.midiSequence = 0;
    this.midiPending = [];
    this.midiTimer = null;
    this.counters = { malformed: 0, refused: 0, sent: 0, received: 0, candidates: 0, mdnsCandidates: 0, droppedAudio: 0 };
    this.audioSettings = { ...DEFAULT_AUDIO_SETTINGS };
    this.audioSettingsFrom = null; // who set `audioSettings`: null while the defaults apply
    this.opus = { decode: false, encode: false };
    this.dropAudioEvery = 0; // tests only: drop every Nth audio frame that arrives (0: none), see docs/BROWSER.md
    this.audioArrived = 0;
  }

  // ---- public surface

  /** This participant's ID (uppercase UUID). */
  get id() { return this.localID; }
  /** Whether this page is the host. */
  get isHost() { return this.hostID === this.localID; }

  /** Everyone else: `{id, name, role, state, rtt, clockOffset, muted, recording, capabilities}`. */
  get participants() {
    return this.order.map((id) => this.describe(id)).filter(Boolean);
  }

  describe(id) {
    const p = this.peers.get(id);
    if (!p) return null;
    return {
      id, name: p.name, role: p.role, state: p.refused ? "refused" : p.up ? "connected" : p.everUp ? "reconnecting" : "connecting",
      rtt: p.clock.rtt, clockOffset: p.clock.offset, muted: p.muted, recording: p.recording === true, capabilities: p.capabilities,
      linkState: p.pc ? p.pc.connectionState : "new", linkUpMs: p.linkUpMs ?? null,
    };
  }

  /** Sends a chat line to everyone. */
  sendChat(text) {
    const bytes = encodeChat(text);
    this.requireRoom();
    this.broadcast("chat", bytes);
  }

  /** Queues MIDI events (`{bytes, timestamp?}`, µs on `nowMicros()`), sent in 10 ms batches. */
  sendMIDI(events) {
    this.requireMedia();
    for (const e of events) {
      const bytes = toBytes(e.bytes);
      checkMIDIEvent(bytes);
      this.midiPending.push({ bytes, timestamp: e.timestamp || nowMicros() });
    }
    if (!this.midiTimer) this.midiTimer = setTimeout(() => this.flushMIDI(), 10);
  }

  flushMIDI() {
    this.midiTimer = null;
    while (this.midiPending.length) {
      const events = this.midiPending.splice(0, MIDI_MAX_EVENTS);
      const bytes = encodeMIDI({ sequence: this.midiSequence, events });
      this.midiSequence = (this.midiSequence + 1) >>> 0;
      this.broadcast("midi", bytes);
    }
  }

  /** Sends a bio sample (stamped now; sealed when the room has a secret). */
  async sendBio(sample) {
    this.requireRoom();
    if (this.localRole === "spectator") throw new Error("spectators send only chat");
    const stamped = bioSample({ ...sample, timestamp: nowMicros() });
    const bytes = this.keys ? await this.keys.sealBio(stamped, this.localID) : encodeBio(stamped);
    this.broadcast("bio", bytes);
    this.emit("bio", { from: this.localID, sample: stamped, local: true });
  }

  /**
   * What the next captured frame must be encoded as, decided as the engine does: `opus` when the room sends Opus,
   * this browser encodes it and a linked peer announced it; `pcm` when the room sends PCM or a linked peer takes
   * no Opus; `loss`, the worst loss an Opus peer reported (percent). `settings` are the room's.
   */
  audioPlan() {
    this.requireMedia();
    let opus = false, pcm = false, loss = 0;
    for (const id of this.order) {
      const p = this.peers.get(id);
      if (!p || !p.up) continue;
      if (this.takesOpus(p)) {
        opus = true;
        loss = Math.max(loss, p.audioLossReported);
      } else {
        pcm = true;
      }
    }
    return { settings: this.audioSettings, opus, pcm, loss };
  }

  /**
   * Sends an audio frame `{codec, channels, sequence, timestamp, payload, redundancy?}` to the peers that take its
   * codec (see `audioPlan`): Opus to peers that announced it while the room sends Opus, PCM to the others. Opus
   * `redundancy` (the previous frame's packet) goes only to peers that reported loss, at 2.5 and 5 ms.
   */
  sendAudio(frame) {
    this.requireMedia();
    const opus = frame.codec === "opus";
    const plain = encodeAudio(opus ? { ...frame, redundancy: undefined } : frame);
    const small = opus && opusFrameSamples(toBytes(frame.payload)) < 480; // in-band FEC covers 10 and 20 ms
    let redundant = null;
    for (const id of this.order) {
      const p = this.peers.get(id);
      if (!p || this.takesOpus(p) !== opus) continue;
      const useRedundancy = small && frame.redundancy && frame.redundancy.length && p.audioLossReported > 0;
      this.sendPlain(p, "audio", useRedundancy ? (redundant ??= encodeAudio(frame)) : plain);
    }
  }

  /** Host only: how the room sends audio from now on (`{codec: "opus"|"pcm", channels, frame, bitrate}`). */
  setAudioSettings(settings) {
    this.requireRoom();
    if (!this.isHost) throw new Error("only the host sets the room's audio");
    const message = { type: "audio-settings", codec: settings.codec, channels: settings.channels, frame: settings.frame, bitrate: settings.bitrate };
    const bytes = encodeControl(message);
    this.audioSettings = { codec: message.codec, channels: message.channels, frame: message.frame, bitrate: message.bitrate };
    this.audioSettingsFrom = this.localID;
    // Peers without Opus would count it malformed; they get PCM whatever the settings.
    for (const id of this.order) {
      const p = this.peers.get(id);
      if (p && p.capabilities & CAPABILITIES.audioOpus) this.sendTo(p, "control", bytes);
    }
    this.emit("audio-settings", { from: this.localID, settings: this.audioSettings });
  }

  /** Whether `p` gets Opus from us: the room sends Opus, we encode it and its hello announced it. */
  takesOpus(p) {
    return this.audioSettings.codec === "opus" && this.opus.encode && (p.capabilities & CAPABILITIES.audioOpus) !== 0;
  }

  /** Host or co-host: a transport command ("play", "pause", "stop", "seek", "tempo") at `at` µs (default now + 100 ms). */
  sendTransport(command, { position, bpm, at } = {}) {
    this.requireRoom();
    if (!this.isHost && this.localRole !== "co-host") throw new Error("only the host and co-hosts drive the transport");
    this.broadcast("control", encodeControl({ type: "transport", command, position, bpm, at: at ?? nowMicros() + 100000 }));
  }

  /** Host only: mutes or unmutes a participant for everyone. */
  mute(participant, muted = true) {
    if (!this.isHost) throw new Error("only the host mutes");
    const id = canonicalID(participant);
    if (id === this.localID) this.localMuted = muted;
    else if (this.peers.has(id)) this.peers.get(id).muted = muted;
    this.broadcast("control", encodeControl({ type: "mute", participant: id, muted }));
    this.updated(id);
  }

  /** Host only: gives a participant the co-host, participant or spectator role. */
  setRole(participant, role) {
    const id = canonicalID(participant);
    if (!this.isHost) throw new Error("only the host assigns roles");
    if (role === "host" || id === this.localID || !this.peers.has(id)) throw new Error("not allowed");
    this.peers.get(id).role = role;
    this.broadcast("control", encodeControl({ type: "role", participant: id, role }));
    this.updated(id);
  }

  /** Leaves the room for good: tells the server, closes every link, forgets the resume token. */
  async leave() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    this.signaling.send({ type: "leave" });
    try { sessionStorage.removeItem(RESUME_KEY); } catch { /* storage may be unavailable */ }
    for (const p of this.peers.values()) this.closeLink(p);
    this.signaling.close();
    this.setState("disconnected");
  }

  // ---- entering

  async enter(kind) {
    const o = this.options;
    const saved = kind === "join" ? Room.savedResume(o) : null;
    if (o.opus !== false) this.opus = await opusSupport();
    this.signaling = new Signaling(this.signalingURL(Boolean(saved)), (m) => this.onSignal(m), (e) => this.onSocketClosed(e));
    await this.signaling.open();
    let answer;
    if (saved) {
      try {
        answer = await this.signaling.request({ type: "join", roomID: saved.roomID, resumeToken: saved.resumeToken }, ["joined"]);
      } catch (error) {
        if (!(error instanceof SignalingError) || error.code !== "room-not-found") throw error;
      }
    }
    if (!answer) {
      const message = kind === "create"
        ? { type: "create-room", name: o.name, password: o.password || undefined }
        : { type: "join-code", roomCode: o.code, name: o.name, password: o.password || undefined };
      answer = await this.signaling.request(message, [kind === "create" ? "room-created" : "joined"]);
    }
    if (this.secret) this.keys = await RoomKeys.derive(this.secret, answer.roomID, o.rounds ?? PBKDF2_ROUNDS);
    this.adoptMembership(answer);
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.setState("connected");
    const others = answer.type === "joined" ? answer.participants.filter((p) => p.id !== this.localID) : [];
    for (const info of others) this.meet(info);
    for (const m of this.early || []) this.onSignal(m);
    this.early = null;
    return this;
  }

  /** The server URL with the access token (`?token=`, for a server with --auth-key) and, when
   * resuming, `resume=1`, so a token that expired meanwhile still lets us take our place back. */
  signalingURL(resuming) {
    if (!this.options.token) return this.server;
    const url = new URL(this.server);
    url.searchParams.set("token", this.options.token);
    if (resuming) url.searchParams.set("resume", "1");
    return url.toString();
  }

  static savedResume(o) {
    try {
      const saved = JSON.parse(sessionStorage.getItem(RESUME_KEY) || "null");
      if (saved && o.code && saved.roomCode === String(o.code).toUpperCase()) return saved;
    } catch { /* storage unavailable or garbled: join afresh */ }
    return null;
  }

  adoptMembership(answer) {
    this.roomID = answer.roomID;
    this.roomCode = answer.roomCode;
    this.localID = answer.participantID;
    this.resumeToken = answer.resumeToken;
    this.hostID = answer.type === "room-created" ? answer.participantID : answer.hostID;
    const me = answer.type === "joined" ? answer.participants.find((p) => p.id === this.localID) : null;
    this.localRole = this.hostID === this.localID ? "host" : me ? me.role : "participant";
    if (Array.isArray(answer.iceServers)) this.iceServers = answer.iceServers;
    try {
      sessionStorage.setItem(RESUME_KEY, JSON.stringify({ roomID: this.roomID, roomCode: this.roomCode, resumeToken: this.resumeToken, name: this.name }));
    } catch { /* no storage: no resume after a reload */ }
  }

  // ---- signaling events

  onSignal(m) {
    if (this.closed) return;
    if (m.type === "__bad__") { this.emit("error", { code: "signaling", error: m.error }); return; }
    if (!this.localID) { (this.early ||= []).push(m); return; }
    // Handled one at a time, in order, so negotiation steps of one peer never interleave.
    this.signalQueue = this.signalQueue.then(() => this.handleSignal(m)).catch((error) => this.emit("error", { code: "internal", error }));
  }

  async handleSignal(m) {
    switch (m.type) {
      case "participant-joined": if (m.participant.id !== this.localID) this.meet(m.participant); break;
      case "participant-left": this.remove(m.participantID); break;
      case "host-changed": this.hostChanged(m.hostID); break;
      case "offer": await this.onOffer(m.from, m.sdp); break;
      case "answer": await this.onAnswer(m.from, m.sdp); break;
      case "candidate": await this.onCandidate(m.from, m.candidate.candidate, m.candidate.sdpMid); break;
      case "error":
        if (m.code !== "unknown-target") this.emit("error", { code: m.code, message: m.message });
        break;
      default: break;
    }
  }

  hostChanged(id) {
    const old = this.hostID;
    this.hostID = id;
    if (id === this.localID) this.localRole = "host";
    else if (this.peers.has(id)) this.peers.get(id).role = "host";
    if (old && old !== id) {
      if (old === this.localID) this.localRole = "participant";
      else if (this.peers.has(old)) this.peers.get(old).role = "participant";
    }
    this.emit("host-changed", { hostID: id, isLocal: id === this.localID });
    for (const peer of [old, id]) if (peer) this.updated(peer);
  }

  meet(info) {
    if (this.peers.has(info.id)) return;
    this.peers.set(info.id, {
      id: info.id, name: info.name, role: info.role, muted: false, capabilities: 0,
      pc: null, channels: null, open: new Set(), up: false, everUp: false, refused: false,
      generation: 0, remoteSet: false, pending: [], since: performance.now(), restarts: 0,
      clock: new ClockSync(), lastPing: 0, inbound: new Map(), metAt: performance.now(), linkUpMs: null,
      outboxes: new Map(), // reliable channel id -> {stream, next, kept: [{sequence, bytes}]}
      audioMeter: new AudioLossMeter(), audioLossReported: 0,
    });
    this.order.push(info.id);
    this.emit("participant-joined", this.describe(info.id));
    if (this.isOfferer(info.id)) this.offer(info.id);
  }

  remove(id, reason = "left") {
    const p = this.peers.get(id);
    if (!p) return;
    this.closeLink(p);
    this.peers.delete(id);
    this.order = this.order.filter((x) => x !== id);
    this.emit("participant-left", { id, name: p.name, reason });
  }

  /** The engine's rule: the smaller ID (uppercase `uuidString` order) offers. */
  isOfferer(remote) { return this.localID < remote; }

  // ---- negotiation

  newLink(p) {
    this.closeLink(p);
    p.generation += 1;
    const generation = p.generation;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    p.pc = pc;
    p.open = new Set();
    p.remoteSet = false;
    p.pending = [];
    p.since = performance.now();
    p.channels = CHANNELS.map((c) => {
      const ch = pc.createDataChannel(c.label, channelOptions(c));
      ch.binaryType = "arraybuffer";
      ch.onopen = () => { if (p.pc === pc) this.channelOpened(p, c); };
      ch.onclose = () => { if (p.pc === pc) this.channelClosed(p, c); };
      ch.onmessage = (e) => { if (p.pc === pc) this.receive(p, c, e.data); };
      return ch;
    });
    p.described = false;
    p.mid = null;
    p.localCandidates = [];
    pc.onicecandidate = (e) => {
      if (p.pc !== pc || p.generation !== generation) return;
      // End-of-candidates (no candidate) names the connection's mid too, so a replaced
      // connection's end is not taken for the new one's.
      if (e.candidate && e.candidate.sdpMid) p.mid = e.candidate.sdpMid;
      const c = { text: e.candidate ? e.candidate.candidate : "", mid: e.candidate ? e.candidate.sdpMid : p.mid ?? null };
      // Held until our offer or answer is out: the engine drops candidates that arrive before the offer.
      if (p.described) this.relayCandidate(p.id, c);
      else if (p.localCandidates.length < MAX_PENDING_CANDIDATES) p.localCandidates.push(c);
    };
    pc.onconnectionstatechange = () => {
      if (p.pc !== pc) return;
      p.since = performance.now();
      this.updated(p.id);
    };
    return pc;
  }

  closeLink(p) {
    if (p.pc) { try { p.pc.close(); } catch { /* already closed */ } }
    p.pc = null;
    p.channels = null;
    p.open = new Set();
    if (p.up) { p.up = false; this.updated(p.id); }
  }

  async offer(id) {
    const p = this.peers.get(id);
    if (!p || p.refused) return;
    const pc = this.newLink(p);
    try {
      await pc.setLocalDescription(await pc.createOffer());
      const sealed = await this.sealSignal(pc.localDescription.sdp, id);
      if (p.pc === pc) {
        this.signaling.send({ type: "offer", to: id, sdp: sealed });
        await this.described(p);
      }
    } catch (error) {
      this.emit("error", { code: "negotiation", peer: id, error });
    }
  }

  async onOffer(from, sdp) {
    const p = this.peers.get(from);
    if (!p) return;
    const opened = await this.openSignal(sdp, from);
    if (opened.kind === "rejected") { this.refuse(p); return; }
    if (opened.kind === "wrongSecret") {
      this.refuse(p);
      this.signaling.send({ type: "answer", to: from, sdp: await this.sealSignal(REJECT_TEXT, from) });
      return;
    }
    if (opened.kind === "tampered") { this.emit("error", { code: "tampered", peer: from }); return; }
    p.refused = false;
    const pc = this.newLink(p);
    try {
      await pc.setRemoteDescription({ type: "offer", sdp: opened.text });
      await this.remoteApplied(p, pc);
      await pc.setLocalDescription(await pc.createAnswer());
      const sealed = await this.sealSignal(pc.localDescription.sdp, from);
      if (p.pc === pc) {
        this.signaling.send({ type: "answer", to: from, sdp: sealed });
        await this.described(p);
      }
    } catch (error) {
      this.emit("error", { code: "negotiation", peer: from, error });
    }
  }

  async onAnswer(from, sdp) {
    const p = this.peers.get(from);
    if (!p) return;
    const opened = await this.openSignal(sdp, from);
    if (opened.kind === "rejected" || opened.kind === "wrongSecret") { this.refuse(p); return; }
    if (opened.kind === "tampered") { this.emit("error", { code: "tampered", peer: from }); return; }
    const pc = p.pc;
    if (!pc || p.remoteSet || pc.signalingState !== "have-local-offer") return;
    try {
      await pc.setRemoteDescription({ type: "answer", sdp: opened.text });
      await this.remoteApplied(p, pc);
    } catch (error) {
      this.emit("error", { code: "negotiation", peer: from, error });
    }
  }

  /** `mid`: the sdpMid it came with, naming the negotiation it is for (docs/PROTOCOL.md, "Peer links"). */
  async onCandidate(from, text, mid) {
    const p = this.peers.get(from);
    if (!p) return;
    const opened = await this.openSignal(text, from);
    if (opened.kind !== "text") return;
    const c = { text: opened.text, mid: typeof mid === "string" ? mid : null };
    if (!p.remoteSet || !p.pc) {
      if (p.pending.length < MAX_PENDING_CANDIDATES) p.pending.push(c);
      return;
    }
    await this.addCandidate(p.pc, c);
  }

  async described(p) {
    p.described = true;
    const held = p.localCandidates;
    p.localCandidates = [];
    for (const c of held) await this.relayCandidate(p.id, c);
  }

  async remoteApplied(p, pc) {
    p.remoteSet = true;
    const pending = p.pending;
    p.pending = [];
    for (const c of pending) await this.addCandidate(pc, c);
  }

  async addCandidate(pc, c) {
    try {
      // An empty string is end-of-candidates. The sender's sdpMid names the negotiation: one for a
      // connection replaced since names a mid this one lacks, and the browser refuses it.
      if (c.text) await pc.addIceCandidate({ candidate: c.text, sdpMid: c.mid ?? undefined, sdpMLineIndex: 0 });
      else await pc.addIceCandidate(c.mid ? { candidate: "", sdpMid: c.mid } : null);
    } catch { /* a candidate the browser cannot use (e.g. another family, an earlier link) is not fatal */ }
  }

  async relayCandidate(to, c) {
    const text = c.text;
    // Chromium also offers `tcp ... tcptype active` candidates; the engine speaks UDP only.
    if (text && / tcp /i.test(text)) return;
    if (text) this.counters.candidates += 1;
    if (/\.local /.test(text)) this.counters.mdnsCandidates += 1;
    const sealed = await this.sealSignal(text, to);
    this.signaling.send({ type: "candidate", to, candidate: { candidate: sealed, sdpMid: c.mid ?? "0", sdpMLineIndex: 0 } });
  }

  refuse(p) {
    if (p.refused) return;
    p.refused = true;
    this.closeLink(p);
    this.emit("error", {
      code: "wrong-room-secret", peer: p.id,
      message: `The room secret does not match ${p.name}'s: ask for the invite link again.`,
    });
    this.updated(p.id);
  }

  async sealSignal(text, to) {
    return this.keys ? this.keys.sealSignal(text, this.localID, to) : text;
  }

  /** Same verdicts as the engine's `SignalOpening`. */
  async openSignal(text, from) {
    const sealed = text.startsWith(SEALED_PREFIX);
    if (!this.keys) {
      if (sealed) return { kind: "wrongSecret" };
      return text === REJECT_TEXT ? { kind: "rejected" } : { kind: "text", text };
    }
    if (!sealed) return text === REJECT_TEXT ? { kind: "rejected" } : { kind: "wrongSecret" };
    try {
      const opened = await this.keys.openSignal(text, from, this.localID);
      return opened === REJECT_TEXT ? { kind: "rejected" } : { kind: "text", text: opened };
    } catch (error) {
      return error.code === "wrongSecret" ? { kind: "wrongSecret" } : { kind: "tampered" };
    }
  }

  // ---- channels

  channelOpened(p, c) {
    p.open.add(c.name);
    if (c.name === "control") this.greet(p);
    // Everything the peer has not acknowledged goes out again on the new link, oldest first (it drops duplicates).
    const outbox = p.outboxes.get(c.id);
    if (outbox) for (const kept of outbox.kept) this.transmit(p, c, kept.bytes);
    if (!p.up && p.open.size === CHANNELS.length) {
      p.up = true;
      p.everUp = true;
      p.restarts = 0;
      p.linkUpMs ??= Math.round(performance.now() - p.metAt);
      this.updated(p.id);
    }
  }

  channelClosed(p, c) {
    p.open.delete(c.name);
    if (p.up) { p.up = false; this.updated(p.id); }
  }

  greet(p) {
    let caps = CAPABILITIES.midi | CAPABILITIES.bio | CAPABILITIES.audioPCM16;
    if (this.keys) caps |= CAPABILITIES.sealedBio;
    if (this.opus.decode) caps |= CAPABILITIES.audioOpus;
    this.sendPlain(p, "control", encodeControl({ type: "hello", protocolVersion: VERSION, capabilities: caps }));
    if (!this.isHost) return;
    for (const id of this.order) {
      const other = this.peers.get(id);
      if (!other || id === p.id) continue;
      if (other.role === "co-host" || other.role === "spectator") this.sendTo(p, "control", encodeControl({ type: "role", participant: id, role: other.role }));
      if (other.muted) this.sendTo(p, "control", encodeControl({ type: "mute", participant: id, muted: true }));
    }
  }

  /**
   * Control (session messages), chat and MIDI: numbered in a sequenced envelope and kept until the peer
   * acknowledges them (at most 512 per channel), so a link restart loses nothing (docs/PAYLOADS.md, "Sequencing").
   * Bio and audio: sent now or not at all.
   */
  sendTo(p, name, bytes) {
    if (p.refused) return false;
    const channel = CHANNELS.find((c) => c.name === name);
    if (!channel.reliable) return this.sendPlain(p, name, bytes);
    let outbox = p.outboxes.get(channel.id);
    if (!outbox) {
      outbox = { stream: crypto.getRandomValues(new Uint32Array(1))[0], next: 0, kept: [] };
      p.outboxes.set(channel.id, outbox);
    }
    const sequence = outbox.next;
    outbox.next = (outbox.next + 1) >>> 0;
    const envelope = encodeSequenced({ stream: outbox.stream, sequence, payload: bytes });
    outbox.kept.push({ sequence, bytes: envelope });
    if (outbox.kept.length > MAX_QUEUED) outbox.kept.shift();
    return this.transmit(p, channel, envelope);
  }

  /** Link-local control (hello, ping, pong, ack), bio and audio: unnumbered, dropped when the channel is not open. */
  sendPlain(p, name, bytes) {
    if (p.refused) return false;
    const channel = CHANNELS.find((c) => c.name === name);
    // Bio and audio go only under a modest buffered amount: late media is worthless.
    const ch = p.channels && p.channels[channel.id];
    if (ch && (name === "audio" || name === "bio") && ch.bufferedAmount > 256 * 1024) return false;
    return this.transmit(p, channel, bytes);
  }

  transmit(p, channel, bytes) {
    const ch = p.channels && p.channels[channel.id];
    if (!ch || ch.readyState !== "open") return false;
    try {
      ch.send(bytes);
      this.counters.sent += 1;
      return true;
    } catch {
      return false;
    }
  }

  broadcast(name, bytes) {
    for (const id of this.order) this.sendTo(this.peers.get(id), name, bytes);
  }

  requireRoom() { if (!this.localID || this.closed) throw new Error("not in a room"); }

  requireMedia() {
    this.requireRoom();
    if (this.localRole === "spectator") throw new Error("spectators send only chat");
    if (this.localMuted) throw new Error("muted by the host");
  }

  receive(p, c, data) {
    let bytes = new Uint8Array(data instanceof ArrayBuffer ? data : utf8.encode(String(data)));
    try {
      if (c.reliable && bytes[0] === SEQUENCED_MARKER) {
        const env = decodeSequenced(bytes);
        let tracker = p.inbound.get(c.id);
        if (!tracker) { tracker = new SequenceTracker(); p.inbound.set(c.id, tracker); }
        if (!tracker.accept(env.stream, env.sequence)) return;
        bytes = env.payload;
      }
      switch (c.name) {
        case "control": this.receiveControl(p, decodeControl(bytes)); break;
        case "chat": this.emit("chat", { from: p.id, name: p.name, text: decodeChat(bytes) }); break;
        case "midi": {
          const batch = decodeMIDI(bytes);
          if (p.role === "spectator" || p.muted) { this.counters.refused += 1; return; }
          for (const e of batch.events) e.timestamp = p.clock.local(e.timestamp);
          this.emit("midi", { from: p.id, sequence: batch.sequence, events: batch.events });
          break;
        }
        case "bio": {
          // Checked here, not in the async receiveBio, so that the refusal is counted as malformed below.
          // A room with a secret seals bio end to end: a sample in the clear is refused (docs/PAYLOADS.md).
          const payload = decodeBio(bytes);
          if (payload.kind === "sealed" && !this.keys) throw new PayloadError("invalidValue", "bio.sealed without a room secret");
          if (payload.kind !== "sealed" && this.keys) throw new PayloadError("invalidValue", "bio.plainInSealedRoom");
          this.receiveBio(p, payload);
          break;
        }
        case "audio": {
          if (p.role === "spectator" || p.muted) { this.counters.refused += 1; return; }
          const frame = decodeAudio(bytes);
          // Tests only (Interop/browser/room.py): every Nth frame is dropped here, as the network would lose it.
          if (this.dropAudioEvery > 0 && ++this.audioArrived % this.dropAudioEvery === 0) { this.counters.droppedAudio += 1; break; }
          p.audioMeter.record(frame.sequence);
          this.emit("audio", { from: p.id, frame });
          break;
        }
      }
      this.counters.received += 1;
    } catch (error) {
      this.counters.malformed += 1;
      this.emit("error", { code: "malformed", peer: p.id, channel: c.name, error });
    }
  }

  async receiveBio(p, payload) {
    if (p.role === "spectator") { this.counters.refused += 1; return; }
    let sample = payload.sample;
    let sealed = false;
    if (payload.kind === "sealed") {
      try {
        sample = await this.keys.openBio(payload.bytes, p.id);
        sealed = true;
      } catch (error) {
        this.counters.malformed += 1;
        this.emit("error", { code: "malformed", peer: p.id, channel: "bio", error });
        return;
      }
    }
    sample.timestamp = p.clock.local(sample.timestamp);
    this.emit("bio", { from: p.id, sample, sealed });
  }

  receiveControl(p, m) {
    switch (m.type) {
      case "hello":
        p.capabilities = m.capabilities;
        // The host tells a peer that decodes Opus how the room sends; the others get PCM.
        if ((m.capabilities & CAPABILITIES.audioOpus) && this.isHost) {
          this.sendTo(p, "control", encodeControl({ type: "audio-settings", ...this.audioSettings }));
        }
        break;
      case "audio-settings":
        if (this.hostID !== p.id) { this.counters.refused += 1; return; }
        this.audioSettings = { codec: m.codec, channels: m.channels, frame: m.frame, bitrate: m.bitrate };
        this.audioSettingsFrom = p.id;
        this.emit("audio-settings", { from: p.id, settings: this.audioSettings });
        this.emit("control", { from: p.id, message: m });
        break;
      case "audio-loss": p.audioLossReported = m.percent; break;
      case "ping": {
        const t1 = nowMicros();
        this.sendPlain(p, "control", encodeControl({ type: "pong", id: m.id, t0: m.t0, t1, t2: nowMicros() }));
        break;
      }
      case "pong": if (p.clock.pong(m, nowMicros())) this.updated(p.id); break;
      case "ack":
        for (const a of m.acks) {
          const outbox = p.outboxes.get(a.channel);
          // Acks for another stream, or beyond what was sent, are ignored (as the engine does).
          if (!outbox || outbox.stream !== a.stream || ((outbox.next - a.next) >>> 0) >= 0x80000000) continue;
          while (outbox.kept.length && ((a.next - outbox.kept[0].sequence - 1) >>> 0) < 0x80000000) outbox.kept.shift();
        }
        break;
      case "recording":
        // The peer records the session (bio leaves its seal there): show it (docs/RECORDING.md).
        if (p.recording === m.active) break;
        p.recording = m.active;
        this.emit("control", { from: p.id, message: m });
        this.updated(p.id);
        break;
      case "mute":
        if (this.hostID !== p.id) { this.counters.refused += 1; return; }
        if (m.participant === this.localID) this.localMuted = m.muted;
        else if (this.peers.has(m.participant)) this.peers.get(m.participant).muted = m.muted;
        this.emit("control", { from: p.id, message: m });
        this.updated(m.participant);
        break;
      case "role":
        if (this.hostID !== p.id || m.role === "host") { this.counters.refused += 1; return; }
        if (m.participant === this.localID) this.localRole = m.role;
        else if (this.peers.has(m.participant)) this.peers.get(m.participant).role = m.role;
        this.emit("control", { from: p.id, message: m });
        this.updated(m.participant);
        break;
      case "transport":
        if (!(p.role === "host" || p.role === "co-host" || this.hostID === p.id)) { this.counters.refused += 1; return; }
        this.emit("control", { from: p.id, message: { ...m, at: p.clock.local(m.at) } });
        break;
    }
  }

  // ---- housekeeping

  tick() {
    if (this.closed) return;
    const now = performance.now();
    for (const id of this.order) {
      const p = this.peers.get(id);
      if (!p || p.refused) continue;
      if (p.up) {
        if (now - p.lastPing >= PING_MS) {
          p.lastPing = now;
          this.sendPlain(p, "control", encodeControl(p.clock.ping(nowMicros())));
        }
        const acks = [];
        for (const [channel, t] of p.inbound) {
          if (t.changed) { t.changed = false; acks.push({ channel, stream: t.stream, next: t.next }); }
        }
        if (acks.length) this.sendPlain(p, "control", encodeControl({ type: "ack", acks }));
        // Only to peers that speak Opus (an older peer would count it malformed), as the engine does.
        const loss = p.capabilities & CAPABILITIES.audioOpus ? p.audioMeter.report() : null;
        if (loss !== null) this.sendPlain(p, "control", encodeControl({ type: "audio-loss", percent: loss }));
        continue;
      }
      // Restarts are the offerer's job, with backoff, as in the engine.
      if (!this.isOfferer(id) || this.state !== "connected") continue;
      const state = p.pc ? p.pc.connectionState : "closed";
      const waited = now - p.since;
      const backoff = Math.min(500 * 2 ** Math.min(p.restarts, 4), 8000);
      if ((state === "failed" || state === "closed" || waited > RESTART_AFTER_MS) && waited > backoff) {
        p.restarts += 1;
        this.offer(id);
      }
    }
  }

  async onSocketClosed() {
    if (this.closed) return;
    this.setState("reconnecting");
    // Resume with the token: bounded attempts with backoff and jitter, as the Swift SignalingSession.
    for (let attempt = 0; attempt < 8 && !this.closed; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 4000) * (0.75 + Math.random() / 2)));
      try {
        const s = new Signaling(this.signalingURL(true), (m) => this.onSignal(m), (e) => this.onSocketClosed(e));
        await s.open();
        const answer = await s.request({ type: "join", roomID: this.roomID, resumeToken: this.resumeToken }, ["joined"]);
        this.signaling = s;
        this.adoptMembership(answer);
        this.setState("connected");
        this.reconcile(answer);
        return;
      } catch (error) {
        if (error instanceof SignalingError && error.code === "room-not-found") break;
      }
    }
    this.emit("error", { code: "resume-failed", message: "lost the room: the server no longer knows us" });
    this.closed = true;
    clearInterval(this.ticker);
    for (const p of this.peers.values()) this.closeLink(p);
    this.setState("failed");
  }

  reconcile(answer) {
    const present = new Set(answer.participants.map((p) => p.id));
    for (const id of [...this.order]) if (!present.has(id)) this.remove(id);
    for (const info of answer.participants) if (info.id !== this.localID && !this.peers.has(info.id)) this.meet(info);
    if (this.hostID !== answer.hostID) this.hostChanged(answer.hostID);
    for (const id of this.order) {
      const p = this.peers.get(id);
      if (p && !p.up && !p.refused && this.isOfferer(id)) this.offer(id);
    }
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit("state", { state });
  }

  updated(id) {
    if (id === this.localID) { this.emit("participant-updated", { id, local: true, role: this.localRole, muted: this.localMuted }); return; }
    const d = this.describe(id);
    if (d) this.emit("participant-updated", d);
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** Entry points: `await Collab.create({server, name, secret})`, `await Collab.join({server, code, name, secret})`. */
export const Collab = Object.freeze({
  /** Creates a room; the page becomes its host. */
  async create(options) {
    const room = new Room(checkOptions(options, false));
    return room.enter("create");
  },
  /** Joins a room by code (resuming with the token kept in sessionStorage when it is the same room). */
  async join(options) {
    const room = new Room(checkOptions(options, true));
    return room.enter("join");
  },
});

function checkOptions(o, needsCode) {
  if (!o || typeof o.server !== "string" || !/^wss?:\/\//.test(o.server)) throw new TypeError("server must be a ws:// or wss:// URL");
  if (typeof o.name !== "string" || !o.name.trim()) throw new TypeError("name is required");
  if (needsCode && (typeof o.code !== "string" || !/^[A-Za-z0-9]{6}$/.test(o.code))) throw new TypeError("code must be 6 characters");
  return { ...o, code: needsCode ? o.code.toUpperCase() : undefined, name: o.name.trim() };
}

export default Collab;
