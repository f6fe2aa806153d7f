#!/usr/bin/env python3
"""A recorded demo opens with standard readers and its durations agree with the session.

    Interop/recording.py COLLAB_BINARY

Runs `collab demo --guests 2 --seconds 6 --record DIR` (an embedded server and three engines on
loopback; the host records), then reads what it wrote: every WAV with Python's `wave` module
(48 kHz, 16-bit stereo, as long as the recording, the guests' tones audible), the MIDI file with
the parser below (format 1, a track per participant, note events within the recording), the bio
CSV with `csv`, the chat log, and index.json. The demo process is waited for with a timeout and
killed by PID if it overruns; the directory is removed on the way out.
"""

import csv
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import wave

SECONDS = 6


def fail(message):
    print(f"recording: FAIL: {message}")
    sys.exit(1)


def read_variable(data, offset):
    value = 0
    for _ in range(4):
        byte = data[offset]
        offset += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, offset
    raise ValueError("variable-length quantity longer than 4 bytes")


def parse_midi(path):
    """Returns (format, division, [track]) with each track a list of (tick, bytes) and its name."""
    data = open(path, "rb").read()
    if data[:4] != b"MThd":
        raise ValueError("no MThd")
    length, fmt, count, division = struct.unpack(">IHHH", data[4:14])
    offset = 8 + length
    tracks = []
    for _ in range(count):
        if data[offset:offset + 4] != b"MTrk":
            raise ValueError("no MTrk")
        (size,) = struct.unpack(">I", data[offset + 4:offset + 8])
        body, offset = data[offset + 8:offset + 8 + size], offset + 8 + size
        position, tick, events, name, ended, status = 0, 0, [], None, False, None
        while position < len(body):
            delta, position = read_variable(body, position)
            tick += delta
            kind = body[position]
            if kind == 0xFF:
                meta = body[position + 1]
                length, position = read_variable(body, position + 2)
                if meta == 0x03:
                    name = body[position:position + length].decode("utf-8")
                if meta == 0x2F:
                    ended = True
                position += length
                continue
            if kind >= 0x80:
                status, position = kind, position + 1
            size = 1 if (status & 0xF0) in (0xC0, 0xD0) else 2
            events.append((tick, bytes([status]) + body[position:position + size]))
            position += size
        if not ended:
            raise ValueError("track without End of Track")
        tracks.append({"name": name, "events": events})
    return fmt, division, tracks


def main():
    collab = sys.argv[1]
    scratch = tempfile.mkdtemp(prefix="collab-recording-")
    directory = os.path.join(scratch, "take")
    try:
        process = subprocess.Popen([collab, "demo", "--guests", "2", "--seconds", str(SECONDS), "--midi-rate", "20",
                                    "--record", directory], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            output, _ = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            fail("the demo did not finish within 120 s")
        if process.returncode != 0:
            print(output[-3000:])
            fail(f"the demo exited with {process.returncode}")
        if "recording:" not in output:
            fail("the demo did not report its recording")

        index = json.load(open(os.path.join(directory, "index.json")))
        duration = index["durationSeconds"]
        if not SECONDS * 0.9 <= duration <= SECONDS + 15:
            fail(f"recording lasted {duration} s for a {SECONDS} s session")
        if index.get("complete") is not True:
            fail("index.json does not say the recording is complete")
        if index["errors"]:
            fail(f"write errors: {index['errors']}")
        participants = index["participants"]
        if len(participants) != 3 or sum(1 for p in participants if p["local"]) != 1:
            fail(f"expected the host and two guests: {participants}")

        for participant in participants:
            if not participant["audioFile"]:
                fail(f"no audio from {participant['name']}")
            with wave.open(os.path.join(directory, participant["audioFile"]), "rb") as audio:
                if (audio.getnchannels(), audio.getsampwidth(), audio.getframerate()) != (2, 2, 48000):
                    fail(f"{participant['audioFile']}: not 48 kHz 16-bit stereo")
                seconds = audio.getnframes() / 48000
                if abs(seconds - duration) > 0.01:
                    fail(f"{participant['audioFile']} lasts {seconds:.3f} s, the recording {duration:.3f} s")
                # The middle second holds the participant's synthetic tone.
                audio.setpos(int(audio.getnframes() / 2))
                frames = audio.readframes(48000)
                samples = struct.unpack(f"<{len(frames) // 2}h", frames)
                rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768
                if rms < 0.01:
                    fail(f"{participant['audioFile']}: silent in the middle (RMS {rms:.4f})")

        fmt, division, tracks = parse_midi(os.path.join(directory, index["midiFile"]))
        if fmt != 1 or division != 500 or len(tracks) != 4:
            fail(f"MIDI file: format {fmt}, division {division}, {len(tracks)} tracks")
        names = {p["name"] for p in participants}
        for track in tracks[1:]:
            if track["name"] not in names:
                fail(f"MIDI track named {track['name']!r}")
            notes = [e for e in track["events"] if e[1][0] & 0xF0 in (0x80, 0x90)]
            if not notes:
                fail(f"no notes from {track['name']}")
            if notes[-1][0] > duration * 1000 + 1000:
                fail(f"{track['name']}: a note at {notes[-1][0]} ms, after the recording's end")
            count = next(p["midiEvents"] for p in participants if p["name"] == track["name"])
            if count != len(track["events"]):
                fail(f"{track['name']}: index says {count} MIDI events, the file holds {len(track['events'])}")

        rows = list(csv.DictReader(open(os.path.join(directory, index["bioFile"]))))
        senders = {row["name"] for row in rows}
        if senders != names:
            fail(f"bio samples from {senders}, expected {names}")
        if any(not 0 <= float(row["seconds"]) <= duration + 1 for row in rows):
            fail("a bio sample outside the recording")

        chat = open(os.path.join(directory, index["chatFile"]), encoding="utf-8").read().splitlines()
        if not chat or not all(line.startswith("[") and "] " in line for line in chat):
            fail(f"chat log: {chat[:3]}")

        print(f"recording: ok ({duration:.1f} s; 3 WAVs, {sum(len(t['events']) for t in tracks)} MIDI events, "
              f"{len(rows)} bio samples, {len(chat)} chat lines)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
