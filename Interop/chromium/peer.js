// Chromium echo peer: the Interop stdin/stdout convention (Interop/README.md) inside a page.
// driver.py relays: stdin lines -> interopInput(line); interopOut(JSON) -> stdout lines, stderr logs,
// the selftest report and the exit. The page never talks to anything but its RTCPeerConnection.
"use strict";

const NEGOTIATED_ID = 7;
const NEGOTIATED_LABEL = "neg";
const SELFTEST_SIZES = [0, 1, 1024, 16384, 65535];
const BIG_SIZE = 262144;
const DISCARD_CHUNK = 16384;
const DISCARD_COUNT = 64;

const started = performance.now();
let config = null;
let pc = null;
const channels = new Map(); // label -> RTCDataChannel (own and remote)
const opened = new Set();
const closed = new Set();
const discardCounts = {};
const inbox = new Map(); // label -> {queue, waiters}
const openWaiters = new Map(); // label -> [resolve]
let changeWaiters = [];
let finished = false;
let t0 = 0;
let remoteSdp = "";
let inputResolve = null;
const inputQueue = [];

function send(kind, payload) {
  window.interopOut(JSON.stringify(Object.assign({ kind }, payload)));
}
function log(...parts) {
  send("log", { text: `[chromium ${((performance.now() - started) / 1000).toFixed(3).padStart(8)}] ${parts.join(" ")}` });
}
function emitLine(obj) {
  send("line", { line: JSON.stringify(obj) });
}
function poke() {
  const waiters = changeWaiters;
  changeWaiters = [];
  waiters.forEach((w) => w());
}
function waitChange(ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    changeWaiters.push(() => { clearTimeout(timer); resolve(); });
  });
}
async function waitFor(cond, ms) {
  const deadline = performance.now() + ms;
  while (!cond()) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    await waitChange(left);
  }
  return true;
}
function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms))]);
}

function finish(code, reason, report) {
  if (finished) return;
  finished = true;
  log(`finishing: ${reason} (exit ${code})`);
  if (report) send("report", { report });
  try { pc && pc.close(); } catch (e) { /* closing anyway */ }
  send("exit", { code, reason, opened: [...opened].sort(), closed: [...closed].sort(), discard: discardCounts });
}

function allClosed() {
  for (const label of channels.keys()) if (!closed.has(label)) return false;
  return true;
}

function byteLength(data) {
  return typeof data === "string" ? new TextEncoder().encode(data).length : data.byteLength;
}

function adopt(channel) {
  const label = channel.label;
  channel.binaryType = "arraybuffer";
  channels.set(label, channel);
  if (!inbox.has(label)) inbox.set(label, { queue: [], waiters: [] });
  const markOpen = () => {
    if (opened.has(label)) return;
    opened.add(label);
    log(`channel '${label}' open (id=${channel.id})`);
    (openWaiters.get(label) || []).forEach((w) => w(channel));
    openWaiters.delete(label);
    poke();
  };
  channel.onopen = markOpen;
  if (channel.readyState === "open") markOpen();
  channel.onclose = () => {
    log(`channel '${label}' closed`);
    closed.add(label);
    poke();
    if (!config.selftest && opened.size > 0 && allClosed()) finish(0, "all channels closed");
  };
  channel.onmessage = (event) => {
    const data = event.data;
    if (config.selftest) {
      const box = inbox.get(label);
      if (box.waiters.length) box.waiters.shift()(data); else box.queue.push(data);
      return;
    }
    if (label.startsWith("discard")) {
      if (data === "count?") channel.send(String(discardCounts[label] || 0));
      else discardCounts[label] = (discardCounts[label] || 0) + byteLength(data);
      return;
    }
    channel.send(data); // string stays text, ArrayBuffer stays binary, empty stays empty
  };
}

function nextMessage(label, ms) {
  const box = inbox.get(label);
  if (box.queue.length) return Promise.resolve(box.queue.shift());
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      const i = box.waiters.indexOf(deliver);
      if (i >= 0) box.waiters.splice(i, 1);
      resolve(undefined);
    }, ms);
    const deliver = (data) => { clearTimeout(timer); resolve(data); };
    box.waiters.push(deliver);
  });
}

function stripCandidates(sdp) {
  return sdp.split("\r\n").filter((l) => !l.startsWith("a=candidate:") && l !== "a=end-of-candidates").join("\r\n");
}
function remoteMaxMessageSize(sdp) {
  const m = /^a=max-message-size:(\d+)\s*$/m.exec(sdp);
  return m ? Number(m[1]) : null;
}

function nextInput(ms) {
  if (inputQueue.length) return Promise.resolve(inputQueue.shift());
  return withTimeout(new Promise((resolve) => { inputResolve = resolve; }), ms, "remote description line");
}

// Called by the driver with each stdin line.
window.interopInput = (line) => {
  if (inputResolve) { const r = inputResolve; inputResolve = null; r(line); } else inputQueue.push(line);
};

async function applyCandidateLines() {
  for (;;) {
    const line = await new Promise((resolve) => {
      if (inputQueue.length) resolve(inputQueue.shift()); else inputResolve = resolve;
    });
    let msg;
    try { msg = JSON.parse(line); } catch (e) { log(`ignoring stdin line ${line.slice(0, 80)}`); continue; }
    if (msg.type !== "candidate") { log(`ignoring stdin message of type ${msg.type}`); continue; }
    try {
      await pc.addIceCandidate({ candidate: msg.candidate || "", sdpMid: msg.sdpMid ?? "0", sdpMLineIndex: msg.sdpMLineIndex ?? 0 });
      log(msg.candidate ? `added remote candidate ${msg.candidate}` : "remote end-of-candidates");
    } catch (e) { log(`addIceCandidate failed: ${e}`); }
  }
}

async function localDescriptionLine(type) {
  const gatherStart = performance.now();
  if (!config.trickle) {
    if (pc.iceGatheringState !== "complete") {
      const done = new Promise((resolve) => pc.addEventListener("icegatheringstatechange", () => {
        if (pc.iceGatheringState === "complete") resolve();
      }));
      try { await withTimeout(done, config.gatherTimeout * 1000, "gathering"); } catch (e) { log("gathering not complete: sending what we have"); }
    }
    log(`gathering complete after ${(performance.now() - gatherStart).toFixed(1)} ms`);
  }
  let sdp = pc.localDescription.sdp;
  if (config.noCandidates) sdp = stripCandidates(sdp);
  emitLine({ type, sdp });
}

async function signal() {
  const pending = [];
  let described = false;
  pc.onicecandidate = (event) => {
    if (!config.trickle || config.noCandidates) return;
    const line = event.candidate
      ? { type: "candidate", candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid, sdpMLineIndex: event.candidate.sdpMLineIndex }
      : { type: "candidate", candidate: "", sdpMid: "0", sdpMLineIndex: 0 }; // end-of-candidates
    if (described) emitLine(line); else pending.push(line);
  };
  adopt(pc.createDataChannel(NEGOTIATED_LABEL, { negotiated: true, id: NEGOTIATED_ID }));
  if (config.offer) {
    adopt(pc.createDataChannel("echo"));
    adopt(pc.createDataChannel("unreliable", { ordered: false, maxRetransmits: 0 }));
    adopt(pc.createDataChannel("discard"));
    t0 = performance.now();
    await pc.setLocalDescription(await pc.createOffer());
    await localDescriptionLine("offer");
    described = true;
    pending.splice(0).forEach(emitLine);
    const msg = JSON.parse(await nextInput(config.signalTimeout * 1000));
    if (msg.type !== "answer") throw new Error(`expected an answer, got ${msg.type}`);
    remoteSdp = msg.sdp;
    await pc.setRemoteDescription({ type: "answer", sdp: msg.sdp });
  } else {
    const msg = JSON.parse(await nextInput(config.signalTimeout * 1000));
    t0 = performance.now();
    if (msg.type !== "offer") throw new Error(`expected an offer, got ${msg.type}`);
    remoteSdp = msg.sdp;
    await pc.setRemoteDescription({ type: "offer", sdp: msg.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await localDescriptionLine("answer");
    described = true;
    pending.splice(0).forEach(emitLine);
  }
  log("signaling done");
}

// ---- selftest ----
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
function textPayload(size) {
  let s = "";
  for (let i = 0; i < size; i++) s += ALPHABET[(i + size) % ALPHABET.length];
  return s;
}
function binaryPayload(size) {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + size) & 0xff;
  return b.buffer;
}
async function digest(data) {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `${typeof data === "string" ? "text" : "binary"} ${bytes.length} ${[...hash].map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}
function waitOpen(label, ms) {
  const channel = channels.get(label);
  if (channel && channel.readyState === "open") return Promise.resolve(channel);
  return withTimeout(new Promise((resolve) => {
    if (!openWaiters.has(label)) openWaiters.set(label, []);
    openWaiters.get(label).push(resolve);
  }), ms, `channel ${label} to open`);
}

async function selftest() {
  const report = { tool: "chromium", version: navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1], role: config.offer ? "offerer" : "answerer", cases: [], ok: false };
  const add = (name, ok, detail = "") => {
    report.cases.push({ name, ok: !!ok, detail });
    log(`selftest ${ok ? "PASS" : "FAIL"} ${name} ${detail}`);
  };
  try {
    const echo = await waitOpen("echo", config.connectTimeout * 1000);
    const neg = await waitOpen(NEGOTIATED_LABEL, config.connectTimeout * 1000);
    report.connect_ms = Math.round((performance.now() - t0) * 10) / 10;
    const unreliable = await waitOpen("unreliable", 5000);
    const discard = await waitOpen("discard", 5000);
    const sizes = SELFTEST_SIZES.slice();
    const remoteMax = remoteMaxMessageSize(remoteSdp);
    if (remoteMax !== null && remoteMax >= BIG_SIZE) sizes.push(BIG_SIZE);
    report.sizes = sizes;
    for (const channel of [echo, neg]) {
      const sent = [];
      for (const size of sizes) {
        for (const message of [textPayload(size), binaryPayload(size)]) {
          sent.push(await digest(message));
          channel.send(message);
        }
      }
      const got = [];
      for (let i = 0; i < sent.length; i++) {
        const data = await nextMessage(channel.label, 10000);
        if (data === undefined) break;
        got.push(await digest(data));
      }
      sent.forEach((want, i) => {
        const [kind, size] = want.split(" ");
        add(`${channel.label} ${kind} ${size} B`, got[i] === want, got[i] === want ? "" : `got ${got[i] ? got[i].split(" ").slice(0, 2).join(" ") : "nothing"}`);
      });
    }
    const sentU = new Set();
    for (let i = 0; i < 20; i++) sentU.add(`u-${i}-${textPayload(1000)}`);
    [...sentU].sort().forEach((m) => unreliable.send(m));
    const gotU = [];
    const deadline = performance.now() + 3000;
    while (gotU.length < sentU.size) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      const data = await nextMessage("unreliable", left);
      if (data === undefined) break;
      gotU.push(data);
    }
    add("unreliable carries data", gotU.length > 0 && gotU.every((m) => sentU.has(m)), `${gotU.length}/${sentU.size} echoed`);
    const chunk = binaryPayload(DISCARD_CHUNK);
    for (let i = 0; i < DISCARD_COUNT; i++) discard.send(chunk);
    discard.send("count?");
    const answer = await nextMessage("discard", 10000);
    add("discard count", answer === String(DISCARD_CHUNK * DISCARD_COUNT), `answer ${answer}`);
    for (const channel of channels.values()) channel.close();
    const ok = await waitFor(allClosed, 5000);
    add("close reaches closed", ok, `closed ${[...closed].sort()} of ${[...channels.keys()].sort()}`);
  } catch (e) {
    report.error = String(e);
    log(`selftest error: ${report.error}`);
  }
  report.passed = report.cases.filter((c) => c.ok).length;
  report.failed = report.cases.length - report.passed;
  report.ok = report.cases.length > 0 && report.failed === 0 && !report.error;
  return report;
}

// Called by the driver once: config = {offer, selftest, trickle, noCandidates, lifetime, gatherTimeout, signalTimeout, connectTimeout}.
window.interopStart = async (cfg) => {
  config = cfg;
  setTimeout(() => finish(opened.size > 0 ? 2 : 1, "lifetime reached"), config.lifetime * 1000);
  pc = new RTCPeerConnection({ iceServers: [] });
  pc.ondatachannel = (event) => {
    const c = event.channel;
    log(`remote opened channel '${c.label}' id=${c.id} ordered=${c.ordered} maxRetransmits=${c.maxRetransmits} maxPacketLifeTime=${c.maxPacketLifeTime}`);
    adopt(c);
  };
  pc.onconnectionstatechange = () => {
    log(`connectionState ${pc.connectionState}`);
    if (pc.connectionState === "failed") finish(1, "connection failed");
    if (pc.connectionState === "closed") finish(opened.size > 0 && allClosed() ? 0 : 1, "connection closed");
  };
  pc.oniceconnectionstatechange = () => log(`iceConnectionState ${pc.iceConnectionState}`);
  try {
    await signal();
  } catch (e) {
    log(`signaling failed: ${e}`);
    finish(1, `signaling failed: ${e}`);
    return;
  }
  applyCandidateLines();
  if (config.selftest) {
    const report = await selftest();
    finish(report.ok ? 0 : 1, report.ok ? "selftest passed" : "selftest failed", report);
  }
};
