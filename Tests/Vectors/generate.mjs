// Writes collab-vectors.json: payloads and sealed messages with their bytes, checked by both the Swift tests
// (Tests/CollaborationTests/SharedVectorTests.swift) and the browser tests (Tests/Browser/vectors-test.js).
// Run: node --experimental-detect-module Tests/Vectors/generate.mjs > Tests/Vectors/collab-vectors.json
// The file is committed; regenerate only when a format changes, and then both test suites must agree again.
import * as C from "../../Sources/SignalingServer/Web/collab.js";
import * as H from "../../Sources/SignalingServer/Web/heart.js";

const ROOM = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
const ANA = "00000000-0000-0000-0000-0000000000A1";
const BEN = "00000000-0000-0000-0000-0000000000B2";
const hex = C.toHex;
// 64-bit fields are written as decimal strings: JSON numbers lose precision past 2^53.
const i64 = (v) => String(v);

const control = [
  { type: "hello", protocolVersion: 1, capabilities: 0x13 },
  { type: "hello", protocolVersion: 1, capabilities: 0x80000017 },
  { type: "ping", id: 0x01020304, t0: i64(0x1122334455667788n) },
  { type: "pong", id: 7, t0: i64(1000), t1: i64(2000), t2: i64(2500) },
  { type: "mute", participant: ANA, muted: true },
  { type: "transport", command: "play", at: i64(5000000) },
  { type: "transport", command: "stop", at: i64(-1) },
  { type: "transport", command: "seek", at: i64(1), position: i64(12345678) },
  { type: "transport", command: "tempo", at: i64(99), bpm: 120.5 },
  { type: "role", participant: BEN, role: "co-host" },
  { type: "role", participant: ANA, role: "spectator" },
  { type: "ack", acks: [{ channel: 1, stream: 0x0a0b0c0d, next: 5 }, { channel: 2, stream: 1, next: 0xffffffff }] },
  { type: "recording", active: true },
  { type: "recording", active: false },
  { type: "audio-settings", codec: "opus", channels: 2, frame: 240, bitrate: 96000 },
  { type: "audio-settings", codec: "pcm", channels: 1, frame: 960, bitrate: 510000 },
  { type: "audio-loss", percent: 7 },
];
const chat = ["hi", "", "ready? \u2669 \u00e9 \ud83c\udfb5"];
const midi = [
  { sequence: 7, events: [
    { timestamp: i64(1000000), bytes: "903c64" }, { timestamp: i64(1000000), bytes: "904064" },
    { timestamp: i64(1000250), bytes: "904364" }, { timestamp: i64(1000250), bytes: "904864" }] },
  { sequence: 0xffffffff, events: [] },
  { sequence: 1, events: [
    { timestamp: i64(5000), bytes: "c005" }, { timestamp: i64(4000), bytes: "f8" }, { timestamp: i64(6000), bytes: "e00040" }] },
];
const bio = [
  { timestamp: i64(123), heartRate: 64, rmssd: 55, coherence: 0.8, breathingRate: 6, breathingPhase: 2, rrIntervals: [930, 950.5] },
  { timestamp: i64(-42), heartRate: 72.25, rmssd: 48, coherence: 0.61, breathingRate: 6.5 },
];
const audio = [
  { codec: "pcm16", channels: 2, sequence: 9, timestamp: 480, payload: "0100ff7f0080feff" },
  { codec: "opus", channels: 1, sequence: 0xfffffffe, timestamp: 0xffffffff, payload: "fcff00" },
  { codec: "pcm16", channels: 1, sequence: 0, timestamp: 0, payload: "" },
  // Codec 0x04: a 5 ms CELT packet and the previous one again.
  { codec: "opus", channels: 1, sequence: 5, timestamp: 1200, payload: "e8a1b2", redundancy: "e8c3" },
];
const sequenced = [{ stream: 0x0a0b0c0d, sequence: 4, payload: "016869" }];

// Malformed payloads: every decoder must refuse each with this PayloadError case (Swift name).
const invalid = [
  { channel: "control", hex: "0102010203", error: "truncated" },
  { channel: "control", hex: "0209", error: "unsupportedVersion" },
  { channel: "control", hex: "0109", error: "unknownType" },
  { channel: "control", hex: "0104" + "00".repeat(16) + "02", error: "invalidValue" },
  { channel: "control", hex: "010b02", error: "invalidValue" },
  { channel: "control", hex: "01050000000000000000" + "05" + "0000000000000000", error: "invalidValue" },
  { channel: "control", hex: "01050000000000000000" + "05" + "7ff8000000000000", error: "nonFiniteFloat" },
  { channel: "control", hex: "0102010203041122334455667788" + "00", error: "trailingBytes" },
  { channel: "control", hex: "010709", error: "countOverLimit" },
  { channel: "control", hex: "01070103" + "00000001" + "00000002", error: "invalidValue" },
  { channel: "control", hex: "010604", error: "truncated" },
  { channel: "chat", hex: "01c328", error: "invalidUTF8" },
  { channel: "chat", hex: "", error: "truncated" },
  { channel: "midi", hex: "01" + "00000001" + "0001" + "0000000000000000" + "00000000" + "f0", error: "invalidValue" },
  { channel: "midi", hex: "01" + "00000001" + "0001" + "0000000000000000" + "00000000" + "90" + "8040", error: "invalidValue" },
  { channel: "midi", hex: "01" + "00000001" + "0101" + "0000000000000000", error: "countOverLimit" },
  { channel: "bio", hex: "010104" + "00".repeat(24), error: "invalidValue" },
  { channel: "bio", hex: "010100" + "0000000000000000" + "43968000" + "00".repeat(12), error: "invalidValue" },
  { channel: "bio", hex: "010100" + "0000000000000000" + "00000000" + "00000000" + "7fc00000" + "00000000", error: "nonFiniteFloat" },
  { channel: "bio", hex: "0103", error: "unknownType" },
  { channel: "audio", hex: "010103" + "00000000" + "00000000", error: "invalidValue" },
  { channel: "audio", hex: "010102" + "00000000" + "00000000" + "010203", error: "invalidValue" },
  { channel: "audio", hex: "010301" + "00000000" + "00000000", error: "unknownType" },
  // Opus packets the engine refuses (RFC 6716 §3.4, one frame of 2.5-20 ms): empty, 40 ms, frame count 0, a
  // code-2 length past the end; codec 0x04 without a copy, with a copy of another size, with a length past the end.
  { channel: "audio", hex: "010201" + "00000001" + "00000000", error: "invalidValue" },
  { channel: "audio", hex: "010201" + "00000001" + "00000000" + "10ff", error: "invalidValue" },
  { channel: "audio", hex: "010201" + "00000001" + "00000000" + "e300", error: "invalidValue" },
  { channel: "audio", hex: "010201" + "00000001" + "00000000" + "ea05aa", error: "invalidValue" },
  { channel: "audio", hex: "010401" + "00000001" + "00000000" + "0002" + "e8a1", error: "invalidValue" },
  { channel: "audio", hex: "010401" + "00000001" + "00000000" + "0001" + "e8" + "e0aa", error: "invalidValue" },
  { channel: "audio", hex: "010401" + "00000001" + "00000000" + "0009" + "e8a1", error: "truncated" },
  { channel: "control", hex: "0108" + "02" + "02" + "0064" + "00017700", error: "invalidValue" },
  { channel: "control", hex: "010803", error: "invalidValue" },
  { channel: "control", hex: "0108" + "01" + "01" + "00f0" + "00001388", error: "invalidValue" },
  { channel: "control", hex: "010a65", error: "invalidValue" },
  { channel: "sequenced", hex: "f0" + "00000001" + "00000002", error: "invalidValue" },
  { channel: "sequenced", hex: "f00000", error: "truncated" },
];

function asMessage(m) {
  const out = { ...m };
  for (const k of ["t0", "t1", "t2", "at", "position"]) if (k in out) out[k] = BigInt(out[k]);
  return out;
}

const out = {
  about: "Known-answer vectors of docs/PAYLOADS.md, shared by the Swift and browser tests. 64-bit fields are decimal strings; bytes are lowercase hex.",
  ids: { room: ROOM, ana: ANA, ben: BEN },
  control: control.map((m) => ({ message: m, hex: hex(C.encodeControl(asMessage(m))) })),
  chat: chat.map((text) => ({ text, hex: hex(C.encodeChat(text)) })),
  midi: midi.map((b) => ({ batch: b, hex: hex(C.encodeMIDI({ sequence: b.sequence, events: b.events.map((e) => ({ timestamp: BigInt(e.timestamp), bytes: C.fromHex(e.bytes) })) })) })),
  bio: bio.map((s) => ({ sample: s, hex: hex(C.encodeBio({ ...s, timestamp: BigInt(s.timestamp) })) })),
  audio: audio.map((f) => ({ frame: f, hex: hex(C.encodeAudio({ ...f, payload: C.fromHex(f.payload), redundancy: f.redundancy && C.fromHex(f.redundancy) })) })),
  sequenced: sequenced.map((e) => ({ envelope: e, hex: hex(C.encodeSequenced({ ...e, payload: C.fromHex(e.payload) })) })),
  invalid,
};

// Sealing with the real PBKDF2 round count, fixed nonces so the bytes are known.
const secret = "blue heron \u266b";
const keys = await C.RoomKeys.derive(secret, ROOM);
const other = await C.RoomKeys.derive("grey heron", ROOM);
const nonce = (n) => Uint8Array.from({ length: 12 }, (_, i) => (n * 16 + i) & 0xff);
const signalText = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=fingerprint:sha-256 AB:CD\r\n";
const candidate = "candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host";
const sealedSignal = await keys.sealSignal(signalText, ANA, BEN, nonce(1));
const sealedBio = await keys.sealBio({ ...bio[0], timestamp: 123n }, ANA, nonce(2));
const tampered = sealedSignal.slice(0, -2) + (sealedSignal.at(-2) === "A" ? "B" : "A") + sealedSignal.at(-1);
out.sealing = {
  secret, roomID: ROOM, rounds: C.PBKDF2_ROUNDS,
  bioKeyID: hex(keys.bio.keyID), signalKeyID: hex(keys.signal.keyID),
  signal: [
    { from: ANA, to: BEN, text: signalText, nonce: hex(nonce(1)), sealed: sealedSignal },
    { from: BEN, to: ANA, text: candidate, nonce: hex(nonce(3)), sealed: await keys.sealSignal(candidate, BEN, ANA, nonce(3)) },
    { from: BEN, to: ANA, text: C.REJECT_TEXT, nonce: hex(nonce(4)), sealed: await keys.sealSignal(C.REJECT_TEXT, BEN, ANA, nonce(4)) },
  ],
  bio: [{ sender: ANA, sample: bio[0], nonce: hex(nonce(2)), hex: hex(sealedBio) }],
  otherSecret: {
    secret: "grey heron", bioKeyID: hex(other.bio.keyID), signalKeyID: hex(other.signal.keyID),
    signal: { from: ANA, to: BEN, sealed: await other.sealSignal(candidate, ANA, BEN, nonce(5)) },
  },
  // What must fail and how: opened with the room keys of `secret`.
  refusals: [
    { kind: "signal", from: ANA, to: BEN, sealed: tampered, error: "authenticationFailed" },
    { kind: "signal", from: BEN, to: ANA, sealed: sealedSignal, error: "authenticationFailed" },
    { kind: "signal", from: ANA, to: BEN, sealed: "c2." + sealedSignal.slice(3), error: "malformed" },
    { kind: "signal", from: ANA, to: BEN, sealed: sealedSignal + "=", error: "malformed" },
    { kind: "signal", from: ANA, to: BEN, sealed: "c1.AAAA", error: "malformed" },
    { kind: "bio", sender: BEN, hex: hex(sealedBio), error: "authenticationFailed" },
  ],
};
for (const r of out.sealing.refusals) {
  try {
    if (r.kind === "signal") await keys.openSignal(r.sealed, r.from, r.to);
    else await keys.openBio(C.fromHex(r.hex), r.sender);
    throw new Error(`refusal vector opened: ${JSON.stringify(r)}`);
  } catch (error) {
    if (error.code !== r.error) throw new Error(`refusal ${JSON.stringify(r)} gave ${error.code}`);
  }
}
// A heart breathing at 6/min with a deterministic wobble: both estimators must give the same figures.
const rr = [];
for (let i = 0, t = 0; t < 80000; i++) {
  const v = Math.round((920 + 55 * Math.sin(2 * Math.PI * 0.1 * t / 1000) + 9 * Math.sin(i * 1.7)) * 1000) / 1000;
  rr.push(v);
  t += v;
}
out.coherence = [{ rrIntervals: rr, estimate: H.estimate(rr) }];
// AudioLossMeter (collab.js and the engine's): the sequences that arrive in each report period, and each report.
const lossPeriods = [
  [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 12, 13, 15, 16, 17, 18, 19, 20, 21], [], [22, 24, 23, 22]],
  [[4294967294, 4294967295, 1, 2], [3, 5, 4, 4, 9], [10]],
  [[100, 50], [101, 103, 200], [150, 201]],
];
out.lossMeter = lossPeriods.map((periods) => {
  const meter = new C.AudioLossMeter();
  return { periods, percents: periods.map((arrived) => { for (const s of arrived) meter.record(s); return meter.report(); }) };
});
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
