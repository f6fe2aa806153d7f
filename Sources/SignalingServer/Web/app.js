// The browser app served at / by `collab serve`: join or create a room, see who is there, chat, bio and MIDI.
// `window.collab` holds the room object (for tests and DevTools).
import { Collab, nowMicros } from "/collab.js";
import { SimulatedHeart, estimate } from "/heart.js";
import { RoomAudio } from "/audio.js";
import { connectHeartStrap, connectMIDI } from "/devices.js";

const $ = (id) => document.getElementById(id);
const names = new Map(); // participant id -> name
const bioHistory = new Map(); // id -> [{t, heartRate, coherence}]
const latestBio = new Map();
let room = null;
let heartTimer = null;

function notice(text) {
  $("notice").textContent = text;
  $("notice").hidden = !text;
}

function say(text) { $("status").textContent = text; }

function item(list, text, limit = 200) {
  const li = document.createElement("li");
  li.textContent = text;
  list.append(li);
  while (list.children.length > limit) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
  return li;
}

function nameOf(id) { return id === room?.id ? `${room.name} (you)` : names.get(id) ?? id.slice(0, 8); }

function renderParticipants() {
  const list = $("participants");
  list.replaceChildren();
  const me = document.createElement("li");
  me.dataset.id = room.id;
  me.textContent = `${room.name} (you) · ${room.localRole}${room.localMuted ? " · muted" : ""}`;
  list.append(me);
  for (const p of room.participants) {
    const li = document.createElement("li");
    li.dataset.id = p.id;
    li.dataset.state = p.state;
    li.className = `state-${p.state}`;
    const rtt = p.rtt == null ? "" : ` · RTT ${(p.rtt / 1000).toFixed(1)} ms`;
    const offset = p.clockOffset == null ? "" : ` · offset ${(p.clockOffset / 1000).toFixed(1)} ms`;
    const quality = p.rtt == null ? "" : p.rtt < 30000 ? " · good" : p.rtt < 100000 ? " · fair" : " · poor";
    li.textContent = `${p.name} · ${p.role} · ${p.state}${rtt}${offset}${quality}${p.recording ? " · ● recording" : ""}`;
    list.append(li);
  }
  const known = [...latestBio.entries()].filter(([, s]) => performance.now() - s.at < 5000);
  if (known.length) {
    const mean = known.reduce((a, [, s]) => a + s.coherence, 0) / known.length;
    const rates = known.map(([, s]) => s.heartRate);
    const avg = rates.reduce((a, b) => a + b, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((a, r) => a + (r - avg) ** 2, 0) / rates.length);
    const leader = known.reduce((best, cur) => (cur[1].coherence > best[1].coherence ? cur : best));
    // Synchrony as GroupBioSync: 0.5 heart-rate agreement + 0.5 phase alignment (Kuramoto), each breathing
    // phase carried from its sample's time to now at its own rate.
    const agreement = 1 - Math.min(sd / 15, 1);
    const now = nowMicros();
    const phases = known.filter(([, s]) => s.breathingPhase !== undefined)
      .map(([, s]) => s.breathingPhase + 2 * Math.PI * (s.breathingRate / 60) * ((now - Number(s.timestamp)) / 1e6));
    let synchrony = agreement;
    if (phases.length >= 2) {
      const re = phases.reduce((a, p) => a + Math.cos(p), 0) / phases.length;
      const im = phases.reduce((a, p) => a + Math.sin(p), 0) / phases.length;
      synchrony = 0.5 * agreement + 0.5 * Math.hypot(re, im);
    }
    $("group").textContent = known.length < 2
      ? `Group: coherence ${mean.toFixed(2)}`
      : `Group: coherence ${mean.toFixed(2)}, synchrony ${synchrony.toFixed(2)}, flow leader ${nameOf(leader[0])}`;
  }
}

function renderBio() {
  const canvas = $("bio-graph");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const now = performance.now();
  const colors = ["#1a73e8", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#37474f"];
  let index = 0;
  const rows = [];
  for (const [id, points] of bioHistory) {
    const color = colors[index++ % colors.length];
    g.strokeStyle = color;
    g.beginPath();
    points.forEach((p, i) => {
      const x = canvas.width - (now - p.t) / 60000 * canvas.width;
      const y = canvas.height - (p.heartRate - 40) / 100 * canvas.height;
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
    const last = points[points.length - 1];
    if (last) rows.push(`${nameOf(id)}: ${last.heartRate.toFixed(0)} bpm, coherence ${last.coherence.toFixed(2)}`);
  }
  $("bio").replaceChildren(...rows.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
}

function recordBio(id, sample) {
  const points = bioHistory.get(id) ?? [];
  points.push({ t: performance.now(), heartRate: sample.heartRate, coherence: sample.coherence });
  while (points.length && performance.now() - points[0].t > 60000) points.shift();
  bioHistory.set(id, points);
  latestBio.set(id, { ...sample, at: performance.now() });
}

function attach(r) {
  room = r;
  window.collab = r;
  names.set(r.id, r.name);
  $("entry").hidden = true;
  $("room").hidden = false;
  $("room-code").textContent = r.roomCode;
  const invite = new URL(location.origin + location.pathname);
  invite.searchParams.set("room", r.roomCode);
  if (r.secret) invite.hash = `secret=${encodeURIComponent(r.secret)}`;
  $("invite").textContent = invite.href;
  say(`in room ${r.roomCode} as ${r.name}`);
  r.addEventListener("participant-joined", (e) => { names.set(e.detail.id, e.detail.name); item($("chat"), `* ${e.detail.name} joined`); renderParticipants(); });
  r.addEventListener("participant-left", (e) => { item($("chat"), `* ${e.detail.name} left`); bioHistory.delete(e.detail.id); latestBio.delete(e.detail.id); renderParticipants(); });
  r.addEventListener("participant-updated", renderParticipants);
  r.addEventListener("host-changed", (e) => { item($("chat"), `* ${nameOf(e.detail.hostID)} is now host`); renderParticipants(); });
  r.addEventListener("chat", (e) => { item($("chat"), `${e.detail.name}: ${e.detail.text}`).dataset.from = e.detail.from; });
  r.addEventListener("midi", (e) => {
    for (const ev of e.detail.events) item($("midi"), `${nameOf(e.detail.from)} ${Array.from(ev.bytes, (b) => b.toString(16).padStart(2, "0")).join(" ")}`, 100);
  });
  r.addEventListener("bio", (e) => recordBio(e.detail.from, e.detail.sample));
  r.addEventListener("control", (e) => {
    const m = e.detail.message;
    if (m.type === "transport") item($("chat"), `* ${nameOf(e.detail.from)}: ${m.command}${m.bpm ? ` ${m.bpm} bpm` : ""}`);
  });
  r.addEventListener("state", (e) => say(`room ${r.roomCode}: ${e.detail.state}`));
  r.addEventListener("error", (e) => {
    if (e.detail.code === "wrong-room-secret") notice(e.detail.message);
    else if (e.detail.code === "resume-failed") notice(e.detail.message);
  });
  window.collabAudio = new RoomAudio(r);
  setInterval(() => { renderParticipants(); renderBio(); }, 1000);
  renderParticipants();
}

async function enter(action) {
  notice("");
  const name = $("name").value.trim();
  const code = $("code").value.trim().toUpperCase();
  const secret = $("secret").value;
  if (!name) { notice("Please enter your name."); return; }
  if (action === "join" && !/^[A-Z0-9]{6}$/.test(code)) { notice("A room code is 6 letters and digits."); return; }
  const server = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
  say(action === "join" ? `joining ${code}…` : "creating a room…");
  try {
    // The access token of a server started with --auth-key (`collab token`), from the link.
    const token = accessToken ?? undefined;
    const options = { server, name, secret, token, opus: !pcmOnly };
    attach(action === "join" ? await Collab.join({ ...options, code }) : await Collab.create(options));
  } catch (error) {
    const reasons = {
      "room-not-found": "No room has that code (it may have ended).",
      "invalid-code": "That is not a room code.",
      "room-full": "The room is full.",
      "wrong-password": "Wrong room password.",
      "rate-limited": "Too many attempts: wait a minute.",
    };
    // A refused upgrade (401 without or with a bad token) reaches the page as a failed connection only.
    const hint = accessToken ? "" : " If this server needs an access token, open the link that carries it (#token=…).";
    notice(reasons[error.code] ?? `Could not enter the room: ${error.message}.${hint}`);
    say("not in a room");
  }
}

/** Sends bio from RR intervals (a strap's or the simulated heart's), estimated as the engine does, 10 times a second. */
function startBio(intervals, more) {
  clearInterval(heartTimer);
  heartTimer = setInterval(() => {
    more();
    while (intervals.length > 200) intervals.shift();
    const e = estimate(intervals);
    if (e && room) room.sendBio({ ...e, rrIntervals: intervals.slice(-4) }).catch((error) => notice(error.message));
  }, 100);
}

function toggleHeart() {
  if (heartTimer) {
    clearInterval(heartTimer);
    heartTimer = null;
    $("heart").setAttribute("aria-pressed", "false");
    $("heart").textContent = "Start simulated heart";
    return;
  }
  const heart = new SimulatedHeart({ heartRate: 60 + Math.random() * 15 });
  const intervals = [];
  while (intervals.reduce((a, b) => a + b, 0) < 70000) intervals.push(heart.next());
  let due = performance.now();
  startBio(intervals, () => { while (performance.now() >= due) { const rr = heart.next(); intervals.push(rr); due += rr; } });
  $("heart").setAttribute("aria-pressed", "true");
  $("heart").textContent = "Stop simulated heart";
}

/** An access token from the page's link (`#token=` or `?token=`), for a server with --auth-key. */
let accessToken = null;
/** `?codec=pcm`: speak 16-bit PCM only, as a browser without WebCodecs Opus does. */
let pcmOnly = false;

function init() {
  const params = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (params.get("room")) $("code").value = params.get("room");
  if (params.get("name")) $("name").value = params.get("name");
  if (fragment.get("secret")) $("secret").value = fragment.get("secret");
  // In the fragment, the token never reaches a server log or a Referer; ?token= works too.
  accessToken = fragment.get("token") || params.get("token") || null;
  pcmOnly = params.get("codec") === "pcm";
  if (!window.isSecureContext || !globalThis.crypto?.subtle) {
    notice("This page is not a secure context (use https, or http://localhost): room secrets (WebCrypto), the microphone, Web MIDI and Web Bluetooth are unavailable. Rooms without a secret still work.");
    $("secret").disabled = true;
  }
  $("entry-form").addEventListener("submit", (e) => { e.preventDefault(); enter(e.submitter?.value ?? "join"); });
  $("chat-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("chat-text").value.trim();
    if (!text || !room) return;
    try {
      room.sendChat(text);
      item($("chat"), `${room.name}: ${text}`);
      $("chat-text").value = "";
    } catch (error) { notice(error.message); }
  });
  $("copy-invite").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText($("invite").textContent); say("invite link copied"); } catch { say("select the link below to copy it"); }
  });
  $("heart").addEventListener("click", toggleHeart);
  $("midi-devices").addEventListener("click", async () => {
    try {
      const { inputs, outputs } = await connectMIDI(room);
      say(`MIDI: ${inputs} inputs, ${outputs} outputs`);
    } catch (error) { notice(`MIDI devices unavailable: ${error.message}`); }
  });
  $("strap").addEventListener("click", async () => {
    try {
      // The estimate needs 64 s of intervals: until then the strap's beats accumulate and nothing is sent.
      const intervals = [];
      const name = await connectHeartStrap((rr) => intervals.push(rr));
      startBio(intervals, () => {});
      say(`heart from ${name}`);
    } catch (error) { notice(`Heart-rate strap unavailable: ${error.message}`); }
  });
  $("audio").addEventListener("click", async () => {
    try {
      await window.collabAudio.start();
      $("audio").setAttribute("aria-pressed", "true");
    } catch (error) { notice(`Audio unavailable: ${error.message}`); }
  });
  $("microphone").addEventListener("click", async () => {
    const audio = window.collabAudio;
    try {
      if (audio.microphone) { audio.stopMicrophone(); $("microphone").setAttribute("aria-pressed", "false"); return; }
      await audio.startMicrophone();
      $("microphone").setAttribute("aria-pressed", "true");
    } catch (error) { notice(`Microphone unavailable: ${error.message}`); }
  });
  $("note").addEventListener("click", () => {
    if (!room) return;
    room.sendMIDI([{ bytes: [0x90, 60, 100], timestamp: nowMicros() }]);
    setTimeout(() => room.sendMIDI([{ bytes: [0x80, 60, 0], timestamp: nowMicros() }]), 250);
  });
  $("leave").addEventListener("click", async () => { await room?.leave(); location.replace(location.pathname); });
  // After a reload in the same tab, rejoin at once: collab.js resumes with the token it kept.
  try {
    const saved = JSON.parse(sessionStorage.getItem("collab.resume") || "null");
    if (saved && saved.roomCode === $("code").value.toUpperCase() && saved.name) {
      $("name").value ||= saved.name;
      enter("join");
    }
  } catch { /* no storage: the form stays */ }
}

init();
