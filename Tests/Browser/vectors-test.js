// The browser half of the shared known-answer vectors (Tests/Vectors/collab-vectors.json), run in Chromium by
// Interop/browser/room.py: collab.js must produce and accept exactly the bytes the Swift engine does
// (Tests/CollaborationTests/SharedVectorTests.swift checks the same file). Also the Heart Rate Measurement parser
// on recorded sensor bytes. Returns {passed, failures}.
async function runVectorTests(C, H, vectors) {
  const failures = [];
  let passed = 0;
  const check = (ok, what) => { if (ok) passed += 1; else failures.push(what); };
  // Key order does not matter; 64-bit values compare as decimal text.
  const canonical = (v) => (typeof v === "bigint" ? String(v) : Array.isArray(v) ? v.map(canonical)
    : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);
  const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
  const big = (m) => {
    const out = { ...m };
    for (const k of ["t0", "t1", "t2", "at", "position"]) if (k in out) out[k] = BigInt(out[k]);
    return out;
  };
  const asStrings = (m) => {
    const out = { ...m };
    for (const k of ["t0", "t1", "t2", "at", "position"]) if (k in out) out[k] = String(out[k]);
    return out;
  };

  for (const v of vectors.control) {
    check(C.toHex(C.encodeControl(big(v.message))) === v.hex, `control encode ${v.hex}`);
    check(same(asStrings(C.decodeControl(C.fromHex(v.hex))), v.message), `control decode ${v.hex}`);
  }
  for (const v of vectors.chat) {
    check(C.toHex(C.encodeChat(v.text)) === v.hex, `chat encode ${v.hex}`);
    check(C.decodeChat(C.fromHex(v.hex)) === v.text, `chat decode ${v.hex}`);
  }
  for (const v of vectors.midi) {
    const batch = { sequence: v.batch.sequence, events: v.batch.events.map((e) => ({ timestamp: BigInt(e.timestamp), bytes: C.fromHex(e.bytes) })) };
    check(C.toHex(C.encodeMIDI(batch)) === v.hex, `midi encode ${v.hex}`);
    const back = C.decodeMIDI(C.fromHex(v.hex));
    check(back.sequence === v.batch.sequence && same(back.events.map((e) => ({ timestamp: String(e.timestamp), bytes: C.toHex(e.bytes) })), v.batch.events), `midi decode ${v.hex}`);
  }
  for (const v of vectors.bio) {
    check(C.toHex(C.encodeBio({ ...v.sample, timestamp: BigInt(v.sample.timestamp) })) === v.hex, `bio encode ${v.hex}`);
    const back = C.decodeBio(C.fromHex(v.hex));
    check(back.kind === "sample" && same({ ...back.sample, timestamp: String(back.sample.timestamp) }, C.bioSample(v.sample)), `bio decode ${v.hex}`);
  }
  for (const v of vectors.audio) {
    const redundancy = v.frame.redundancy && C.fromHex(v.frame.redundancy);
    check(C.toHex(C.encodeAudio({ ...v.frame, payload: C.fromHex(v.frame.payload), redundancy })) === v.hex, `audio encode ${v.hex}`);
    const back = C.decodeAudio(C.fromHex(v.hex));
    if (back.redundancy) back.redundancy = C.toHex(back.redundancy);
    check(same({ ...back, payload: C.toHex(back.payload) }, v.frame), `audio decode ${v.hex}`);
  }
  for (const v of vectors.sequenced) {
    check(C.toHex(C.encodeSequenced({ ...v.envelope, payload: C.fromHex(v.envelope.payload) })) === v.hex, `sequenced encode ${v.hex}`);
    const back = C.decodeSequenced(C.fromHex(v.hex));
    check(same({ ...back, payload: C.toHex(back.payload) }, v.envelope), `sequenced decode ${v.hex}`);
  }
  const decoders = { control: C.decodeControl, chat: C.decodeChat, midi: C.decodeMIDI, bio: C.decodeBio, audio: C.decodeAudio, sequenced: C.decodeSequenced };
  for (const v of vectors.invalid) {
    try {
      decoders[v.channel](C.fromHex(v.hex));
      failures.push(`accepted malformed ${v.channel} ${v.hex}`);
    } catch (error) {
      check(error instanceof C.PayloadError && error.code === v.error, `${v.channel} ${v.hex}: ${error.code ?? error} != ${v.error}`);
    }
  }

  const s = vectors.sealing;
  const keys = await C.RoomKeys.derive(s.secret, s.roomID, s.rounds);
  check(C.toHex(keys.bio.keyID) === s.bioKeyID, "bio key ID");
  check(C.toHex(keys.signal.keyID) === s.signalKeyID, "signal key ID");
  for (const v of s.signal) {
    check(await keys.sealSignal(v.text, v.from, v.to, C.fromHex(v.nonce)) === v.sealed, `seal signal ${v.nonce}`);
    check(await keys.openSignal(v.sealed, v.from, v.to) === v.text, `open signal ${v.nonce}`);
  }
  for (const v of s.bio) {
    const sample = { ...v.sample, timestamp: BigInt(v.sample.timestamp) };
    check(C.toHex(await keys.sealBio(sample, v.sender, C.fromHex(v.nonce))) === v.hex, "seal bio");
    const opened = await keys.openBio(C.fromHex(v.hex), v.sender);
    check(same({ ...opened, timestamp: String(opened.timestamp) }, C.bioSample(v.sample)), "open bio");
  }
  const other = await C.RoomKeys.derive(s.otherSecret.secret, s.roomID, s.rounds);
  check(C.toHex(other.bio.keyID) === s.otherSecret.bioKeyID && C.toHex(other.signal.keyID) === s.otherSecret.signalKeyID, "other secret key IDs");
  try {
    await keys.openSignal(s.otherSecret.signal.sealed, s.otherSecret.signal.from, s.otherSecret.signal.to);
    failures.push("opened a signal sealed under another secret");
  } catch (error) {
    check(error instanceof C.SealError && error.code === "wrongSecret", `other secret: ${error.code}`);
  }
  for (const r of s.refusals) {
    try {
      if (r.kind === "signal") await keys.openSignal(r.sealed, r.from, r.to);
      else await keys.openBio(C.fromHex(r.hex), r.sender);
      failures.push(`opened refusal ${JSON.stringify(r)}`);
    } catch (error) {
      check(error instanceof C.SealError && error.code === r.error, `refusal ${r.kind}: ${error.code} != ${r.error}`);
    }
  }

  // Heart Rate Measurement (0x2A37) values as a Polar H10 and a Garmin strap send them (recorded bytes).
  const hrm = (hex) => H.parseHeartRateMeasurement(C.fromHex(hex));
  const polar = hrm("104a5803"); // flags 0x10: uint8 HR 74, one RR 0x0358 = 856/1024 s
  check(polar.heartRate === 74 && polar.rrIntervals.length === 1 && Math.abs(polar.rrIntervals[0] - 835.9375) < 1e-9, "hrm polar");
  const garmin = hrm("16403403f302"); // contact detected, HR 64, RR 820 and 755 (1/1024 s)
  check(garmin.heartRate === 64 && garmin.contact === true && garmin.rrIntervals.length === 2, "hrm garmin");
  const wide = hrm("19c800e803b004"); // uint16 HR 200, energy 1000, RR 1200/1024 s
  check(wide.heartRate === 200 && wide.energy === 1000 && wide.rrIntervals.length === 1, "hrm uint16 + energy");
  for (const bad of ["", "01", "1148", "08", "104858"]) {
    try {
      hrm(bad);
      failures.push(`hrm accepted ${bad}`);
    } catch (error) {
      check(error instanceof RangeError, `hrm ${bad}: ${error}`);
    }
  }
  // The estimate of the shared beats equals the vector's (the Swift test checks CoherenceEstimator against it too).
  for (const v of vectors.coherence) {
    const e = H.estimate(v.rrIntervals);
    check(e && Object.keys(v.estimate).every((k) => Math.abs(e[k] - v.estimate[k]) < 1e-9), `coherence estimate ${JSON.stringify(e)}`);
  }
  // The loss meter reports what the engine's AudioLossMeter reports on the same arrivals (SharedVectorTests too).
  for (const v of vectors.lossMeter) {
    const meter = new C.AudioLossMeter();
    const reports = v.periods.map((arrived) => { for (const s of arrived) meter.record(s); return meter.report(); });
    check(same(reports, v.percents), `loss meter ${JSON.stringify(v.periods)} gave ${JSON.stringify(reports)}`);
  }
  // The simulated heart breathing at 6/min gives a coherent estimate near 0.1 Hz.
  const heart = new H.SimulatedHeart({ heartRate: 66, breathing: 6, amplitude: 60, noise: 5 });
  const intervals = [];
  while (intervals.reduce((a, b) => a + b, 0) < 70000) intervals.push(heart.next());
  const e = H.estimate(intervals);
  check(e && e.coherence > 0.6 && Math.abs(e.breathingRate - 6) < 1, `simulated heart estimate ${JSON.stringify(e)}`);
  return { passed, failures };
}
