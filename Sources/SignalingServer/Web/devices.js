// Real devices for the app: Web MIDI in/out and a Bluetooth heart-rate strap (Heart Rate service 0x180D).
// Both need a secure context and a browser that offers them (Chromium does); where missing they say so.
import { parseHeartRateMeasurement } from "/heart.js";
import { midiLength } from "/collab.js";

/** Forwards every MIDI input's messages to the room, and plays the room's MIDI on every output. */
export async function connectMIDI(room) {
  if (!navigator.requestMIDIAccess) throw new Error("this browser has no Web MIDI");
  const access = await navigator.requestMIDIAccess({ sysex: false });
  const listen = (input) => {
    input.onmidimessage = (e) => {
      const bytes = Array.from(e.data);
      // SysEx and system real-time bytes the wire refuses are left out (docs/PAYLOADS.md, "midi").
      if (midiLength(bytes[0]) === bytes.length) room.sendMIDI([{ bytes }]);
    };
  };
  access.inputs.forEach(listen);
  access.onstatechange = (e) => { if (e.port.type === "input" && e.port.state === "connected") listen(e.port); };
  room.addEventListener("midi", (e) => {
    for (const output of access.outputs.values()) for (const event of e.detail.events) output.send(event.bytes);
  });
  return { inputs: access.inputs.size, outputs: access.outputs.size };
}

/** Asks for a heart-rate strap and calls `onRR(intervalMs)` for every RR interval it measures. */
export async function connectHeartStrap(onRR) {
  if (!navigator.bluetooth) throw new Error("this browser has no Web Bluetooth");
  const device = await navigator.bluetooth.requestDevice({ filters: [{ services: ["heart_rate"] }] });
  const server = await device.gatt.connect();
  const service = await server.getPrimaryService("heart_rate");
  const measurement = await service.getCharacteristic("heart_rate_measurement");
  measurement.addEventListener("characteristicvaluechanged", (e) => {
    try {
      for (const rr of parseHeartRateMeasurement(e.target.value).rrIntervals) onRR(rr);
    } catch { /* a malformed notification is skipped */ }
  });
  await measurement.startNotifications();
  return device.name || "heart-rate strap";
}
