#!/usr/bin/env python3
"""Browser guests in a room with Swift engines (issue 13), in headless Debian Chromium over the DevTools protocol.

    Interop/.venv/bin/python Interop/browser/room.py .build/debug/collab

Makes a loopback-only network namespace (Interop/chromium/netns) and runs everything inside it: `collab serve`
(which serves /collab.js and the app at /), Chromium, and two Swift engines (`collab host` / `collab join`).
Checks, each with a bounded deadline (polling, never sleeping for synchronisation):
  1. collab.js against the shared known-answer vectors (Tests/Vectors/collab-vectors.json) in the page;
  2. Swift host, then the browser (the app at /, joined through its form), then a Swift guest: everyone links
     to everyone; chat, MIDI, bio (sealed) and audio cross every browser<->Swift link both ways; control too
     (pings answered both ways, hello capabilities, a transport command from the browser once it is host); the
     engines' tone plays through the page's AudioWorklet jitter buffer, its (fake) microphone reaches both engines;
     where this Chromium has WebCodecs Opus, that audio is Opus both ways (the page decodes each engine's frames,
     the engines decode the page's; with every 10th frame dropped in the page, the lost frames are rebuilt from the
     engines' redundant copies), else the test checks the PCM fallback and says why;
  3. the page reloads and resumes as the same participant (token in sessionStorage), links and chat come back;
     a second page with a wrong secret is refused with a clear message in its page;
  4. the Swift host leaves: the browser becomes host, the Swift guest accepts its transport command;
  5. the page's DOM lists the participants and shows the chat that arrived;
  6. two browsers and one engine, where a browser created the room: all linked, chat crosses every way; the
     second browser's origin has no media permission (mDNS candidates: the engine learns it as peer-reflexive);
     the creator (host) sends the engine the room's audio-settings; the engine sends the creator Opus and the
     second page, which speaks PCM only (?codec=pcm), PCM;
  7. the app opened over plain http from another address says room secrets, microphone, MIDI and Bluetooth
     are unavailable (not a secure context);
  8. a server with --auth-key: the app opened with #token= (from `collab token`) creates a room, without one
     it is refused and says so.
Prints the link-up time browser<->Swift and exits 0 when every check passed.
"""

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "chromium"))
SECRET = "blue heron in the reeds"
LAN_ADDRESS = "10.215.0.1"  # inside the test's namespace only
LAN_GATEWAY = "10.215.0.2"
started = time.monotonic()
PAGES = []  # every page made, for the diagnostics printed on a failure
# INTEROP_BROWSER_PCM=1: the pages speak PCM only, to run the checks of a Chromium without WebCodecs Opus.
PCM_ONLY = "&codec=pcm" if os.environ.get("INTEROP_BROWSER_PCM") else ""


def log(text):
    print(f"[browser-room {time.monotonic() - started:7.3f}] {text}", file=sys.stderr, flush=True)


class Failure(Exception):
    pass


def outside(collab):
    """Makes the namespace, runs this script inside it, deletes the namespace (whatever happens)."""
    name = f"collab-browser-{os.getpid()}"
    netns = os.path.join(HERE, "..", "chromium", "netns")
    subprocess.run([netns, "up", name, "--lo-only"], check=True, stdout=subprocess.DEVNULL)
    try:
        # A veth pair with both ends inside, and a default route over it: a page without media permission then
        # has an interface to gather (hidden behind an mDNS name) instead of nothing at all. Only this
        # namespace has these addresses; nothing leaves it.
        for command in (["link", "add", "cb0", "type", "veth", "peer", "name", "cb1"],
                        ["addr", "add", f"{LAN_ADDRESS}/30", "dev", "cb0"], ["link", "set", "cb0", "up"],
                        ["link", "set", "cb1", "up"], ["route", "add", "default", "via", LAN_GATEWAY, "dev", "cb0"]):
            subprocess.run(["ip", "-n", name, *command], check=True)
        return subprocess.run(["ip", "netns", "exec", name, sys.executable, os.path.abspath(__file__), "--inside", collab]).returncode
    finally:
        subprocess.run([netns, "down", name], check=False)


class Child:
    """A process of ours with its stdout lines collected (and waited for) by a reader thread."""

    def __init__(self, label, args, stdin=False):
        self.label = label
        self.lines = []
        self.cond = threading.Condition()
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, bufsize=1)
        threading.Thread(target=self._read, args=(self.process.stdout, True), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, False), daemon=True).start()

    def _read(self, stream, keep):
        for line in stream:
            line = line.rstrip("\n")
            if os.environ.get("INTEROP_DEBUG"):
                log(f"{self.label}{'' if keep else ' (stderr)'}: {line}")
            if keep:
                with self.cond:
                    self.lines.append(line)
                    self.cond.notify_all()

    def wait_line(self, pattern, timeout, what):
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines:
                    found = regex.search(line)
                    if found:
                        return found
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None and not any(regex.search(x) for x in self.lines):
                    if left > 0:
                        self.cond.wait(0.2)  # the last lines of an exited process may still be in the pipe
                        if any(regex.search(x) for x in self.lines):
                            continue
                    raise Failure(f"{self.label}: no line /{pattern}/ within {timeout} s ({what}); last lines: {self.lines[-8:]}")
                self.cond.wait(min(left, 0.5))

    def type(self, text):
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


class Page:
    """One browser tab, driven over its DevTools session."""

    def __init__(self, devtools, origin, label):
        self.devtools = devtools
        self.label = label
        target = devtools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.target = target
        self.session = devtools.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        devtools.call("Runtime.enable", session=self.session)
        self.origin = origin
        PAGES.append(self)

    def open(self, path):
        self.eval("window.__previous = true")
        self.devtools.call("Page.navigate", {"url": self.origin + path}, session=self.session)
        self.poll("!window.__previous && document.readyState === 'complete' && !!document.getElementById('entry-form')", 15, "page load")

    def eval(self, expression, timeout=20):
        reply = self.devtools.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True},
                                   session=self.session, timeout=timeout)
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise Failure(f"{self.label}: page exception: {details.get('exception', {}).get('description') or details.get('text')}")
        return reply.get("result", {}).get("value")

    def poll(self, expression, timeout, what):
        deadline = time.monotonic() + timeout
        value = None
        while time.monotonic() < deadline:
            try:
                value = self.eval(f"(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()")
                if value:
                    return value
                self.eval("new Promise((r) => setTimeout(r, 100))")  # the page's own timer: no sleep in the harness
            except RuntimeError as error:
                # A poll that meets a navigation (a reload under test) asks the new document next time.
                if "navigated or closed" not in str(error):
                    raise
                time.sleep(0.1)
        raise Failure(f"{self.label}: not true within {timeout} s: {what} ({expression})")

    def show(self, expression):
        """Diagnostics: the value of an expression, or the error it raised."""
        try:
            return self.eval(f"(() => {{ try {{ return JSON.stringify({expression}); }} catch (e) {{ return String(e); }} }})()", timeout=5)
        except Exception as error:  # noqa: BLE001 - diagnostics only
            return str(error)


def chromium_cpu_seconds(root):
    """User + system CPU seconds of Chromium's processes (the group it leads: ours only), from /proc."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == root:  # process group id
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def inside(collab):
    from driver import DevTools, start_chromium, stop_chromium  # Interop/chromium/driver.py

    children = []
    chromium = None
    profile = tempfile.mkdtemp(prefix="collab-browser-")
    results = {}
    try:
        # The web files come from the resource bundle next to the binary, as they ship (StaticFiles.swift).
        # All addresses of the namespace: 127.0.0.1 for the pages and engines, LAN_ADDRESS for the insecure-origin check.
        # No STUN from the server: the page without media permission must offer nothing but mDNS
        # names, so that the engine can only reach it as a peer-reflexive candidate.
        server = Child("serve", [collab, "serve", "--host", "0.0.0.0", "--port", "0", "--stun-port", "off",
                                 "--log-level", "warning"])
        children.append(server)
        port = int(server.wait_line(r"listening ws://0\.0\.0\.0:(\d+)/ws", 30, "server up").group(1))
        origin = f"http://127.0.0.1:{port}"
        ws = f"ws://127.0.0.1:{port}/ws"

        # A fake microphone (a tone) and audio that may start without a click, for the audio checks.
        chromium, url = start_chromium(profile, True, bool(os.environ.get("INTEROP_DEBUG")),
                                       ["--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"])
        devtools = DevTools(url, queue.Queue())
        devtools.call("Browser.grantPermissions", {"origin": origin, "permissions": ["audioCapture", "videoCapture"]})
        log(f"server {origin}, {devtools.call('Browser.getVersion').get('product')}")

        # 1. The shared vectors, in the page's own realm (collab.js and heart.js as served by collab serve).
        page = Page(devtools, origin, "browser")
        page.open("/")
        with open(os.path.join(ROOT, "Tests", "Vectors", "collab-vectors.json")) as f:
            vectors = f.read()
        with open(os.path.join(ROOT, "Tests", "Browser", "vectors-test.js")) as f:
            test_source = f.read()
        outcome = page.eval(f"(async () => {{ {test_source}\n const C = await import('/collab.js'); const H = await import('/heart.js');"
                            f" return runVectorTests(C, H, {vectors}); }})()", timeout=60)
        if outcome["failures"]:
            raise Failure(f"vector tests failed: {outcome['failures'][:10]}")
        log(f"vectors: {outcome['passed']} checks passed in Chromium")
        results["vector checks"] = outcome["passed"]

        # 2. Swift host, the browser, a Swift guest: all with the same secret; the engines send MIDI, bio and audio.
        media = ["--secret", SECRET, "--bio", "--midi-rate", "20", "--audio"]
        host = Child("host", [collab, "host", "--server", ws, "--name", "Ana-Swift", *media], stdin=True)
        children.append(host)
        code = host.wait_line(r"room ([A-Z0-9]{6}) created", 20, "room created").group(1)
        page.open(f"/?room={code}&name=Cleo-Browser{PCM_ONLY}#secret={SECRET.replace(' ', '%20')}")
        page.eval("document.getElementById('join').click()")
        page.poll("window.collab && window.collab.id", 20, "joined through the form")
        page.eval("""(() => {
            const seen = window.seen = { chat: [], midi: {}, audio: {}, bio: {}, sealed: {}, errors: [] };
            const count = (map, id) => { map[id] = (map[id] || 0) + 1; };
            collab.addEventListener('chat', (e) => seen.chat.push(e.detail.name + ': ' + e.detail.text));
            collab.addEventListener('midi', (e) => count(seen.midi, e.detail.from));
            collab.addEventListener('audio', (e) => { count(seen.audio, e.detail.from); count(seen.audio, e.detail.frame.codec); });
            collab.addEventListener('bio', (e) => { count(seen.bio, e.detail.from); if (e.detail.sealed) count(seen.sealed, e.detail.from); });
            collab.addEventListener('error', (e) => seen.errors.push(e.detail.code));
            return true; })()""")
        # What this Chromium offers: WebCodecs Opus (decode decides the hello's Opus bit, encode the microphone's codec).
        support = page.eval("collab.opus")
        opus_in, opus = support["decode"], support["encode"]
        results["webcodecs opus"] = support
        log(f"WebCodecs Opus in this Chromium{' (turned off: INTEROP_BROWSER_PCM)' if PCM_ONLY else ''}: decode {opus_in}, encode {opus}:"
            f" engines -> page as {'Opus' if opus_in else 'PCM'}"
            f" ({'Opus bit in the page hello' if opus_in else 'no Opus bit in the page hello: the PCM fallback'}),"
            f" page -> engines as {'Opus' if opus else 'PCM'}")
        guest = Child("guest", [collab, "join", code, "--server", ws, "--name", "Ben-Swift", *media], stdin=True)
        children.append(guest)
        guest.wait_line(r"joined room", 20, "guest joined")

        up = page.poll("collab.participants.length === 2 && collab.participants.every((p) => p.state === 'connected')"
                       " && collab.participants", 20, "browser linked to both engines")
        linkups = {p["name"]: p["linkUpMs"] for p in up}
        results["link-up ms (browser meets peer -> 5 channels open)"] = linkups
        log(f"browser linked to both engines: {linkups}")
        host.wait_line(r"Cleo-Browser is connected", 15, "host sees the browser connected")
        guest.wait_line(r"Cleo-Browser is connected", 15, "guest sees the browser connected")
        host.wait_line(r"Ben-Swift is connected", 15, "the two engines linked")

        cpu_start, wall_start = chromium_cpu_seconds(chromium.pid), time.monotonic()
        # Audio both ways through the page's AudioWorklets: the engines' tone (Opus decoded by WebCodecs, or PCM)
        # played through the jitter buffer, the (fake) microphone sent as 48 kHz mono frames of the room's size.
        page.eval("collabAudio.startMicrophone().then(() => true)")
        # Browser -> Swift: chat, MIDI, and a stream of sealed bio (unreliable channel).
        page.eval("""(() => {
            collab.sendChat('hello from the browser');
            collab.sendMIDI([{ bytes: [0x90, 60, 100] }]);
            let n = 0;
            window.pump = setInterval(() => {
              if (++n > 300) { clearInterval(window.pump); return; }
              collab.sendBio({ heartRate: 71, rmssd: 42, coherence: 0.5, breathingRate: 6 });
            }, 50);
            return true; })()""")
        page.poll("collabAudio.stats.played > 50 && collabAudio.sent > 50 && collabAudio.stats", 15, "audio played and microphone sent")
        if opus_in:
            # The host told the page the room's settings (Opus, 5 ms by default); both engines' tone arrives as Opus
            # and is decoded per sender.
            page.poll("collab.audioSettingsFrom === collab.hostID && collab.audioSettings.codec === 'opus'", 10,
                      "the host's audio-settings reached the page")
            page.poll("Object.keys(collabAudio.decodedFrom).length === 2 && Object.values(collabAudio.decodedFrom).every((n) => n > 50)",
                      15, "Opus from both engines decoded")
        else:
            page.poll("seen.audio.pcm16 > 50 && !seen.audio.opus", 10, "PCM from both engines (no Opus bit)")
        page.poll(f"collabAudio.codec.{'sentOpus' if opus else 'sentPCM'} > 50", 10, "microphone sent as " + ("Opus" if opus else "PCM"))
        # Two seconds of audio with its counters, the part of the test that measures the codec path. An engine sends
        # PCM until the page's hello arrives (a few frames); from then on, only the negotiated form.
        pcm_before = page.eval("seen.audio.pcm16 || 0")
        page.eval("new Promise((r) => setTimeout(r, 2000)).then(() => true)")
        if opus_in and page.eval("seen.audio.pcm16 || 0") != pcm_before:
            raise Failure(f"engines still send the page PCM after the hellos: {page.eval('seen.audio')}")
        results["audio playback counters (frames)"] = page.eval("collabAudio.stats")
        results["page codec counters (frames)"] = page.eval("({ ...collabAudio.codec, decodedFrom: Object.values(collabAudio.decodedFrom) })")
        if opus_in:
            # Loss: the page drops every 10th audio frame that arrives (before its loss meter, as the network would);
            # it reports the loss, the engines add the previous packet to each Opus frame (0x04), and the page
            # rebuilds the lost frames from those copies.
            before = page.eval("collabAudio.codec.rebuilt")
            page.eval("collab.dropAudioEvery = 10, true")
            page.poll(f"collabAudio.codec.rebuilt > {before} + 20", 10, "frames lost in the page rebuilt from the engines' redundancy")
            page.eval("collab.dropAudioEvery = 0, true")
            results["every 10th frame dropped in the page (frames)"] = page.eval(
                f"({{ dropped: collab.counters.droppedAudio, rebuilt: collabAudio.codec.rebuilt - {before}, late: collabAudio.codec.late }})")
        frame_bytes = 2 * page.eval("collab.audioSettings.frame")
        for child in (host, guest):
            if opus:
                child.wait_line(r"~ Cleo-Browser: audio frame \d+, opus\(channels: 1\), \d+ bytes", 10, f"{child.label} got the browser's microphone as Opus")
            else:
                child.wait_line(rf"~ Cleo-Browser: audio frame \d+, pcm[^,]*, {frame_bytes} bytes", 10, f"{child.label} got the browser's microphone as PCM")
            child.wait_line(r"<Cleo-Browser> hello from the browser", 10, f"{child.label} got the browser's chat")
            child.wait_line(r"~ Cleo-Browser: midi 1 events, first 903c64", 10, f"{child.label} got the browser's MIDI")
            child.wait_line(r"~ Cleo-Browser: heart 71 bpm, RMSSD 42 ms, coherence 0\.50", 10,
                            f"{child.label} opened the browser's sealed bio")
            child.type("/peers")
            child.wait_line(r"- Cleo-Browser \[participant\] connected RTT", 10, f"{child.label} pinged the browser (control)")
            heard = child.wait_line(r"- audio from Cleo-Browser: (\w+) ([\d.]+) ms frames, decoded (\d+), lost (\d+), late (\d+), concealed (\d+)",
                                    10, f"{child.label} decoded the browser's microphone")
            codec, decoded = heard.group(1), int(heard.group(3))
            if codec != ("opus" if opus else "pcm") or decoded == 0:
                raise Failure(f"{child.label} heard the browser as {codec}, {decoded} frames decoded")
            results[f"{child.label} from the browser"] = heard.group(0).split(": ", 1)[1]

        # The browser numbers its reliable messages; both engines acknowledge them, so its outboxes drain.
        page.poll("[...collab.peers.values()].every((p) => p.outboxes.size > 0 && [...p.outboxes.values()].every((o) => o.kept.length === 0))",
                  10, "engines acknowledged the browser's sequenced messages")

        # Swift -> browser: chat typed into each engine; MIDI, sealed bio and audio from their synthetic musicians.
        host.type("hello from the swift host")
        guest.type("hello from the swift guest")
        page.poll("seen.chat.includes('Ana-Swift: hello from the swift host') && seen.chat.includes('Ben-Swift: hello from the swift guest')",
                  10, "browser got both engines' chat")
        ids = page.eval("Object.fromEntries(collab.participants.map((p) => [p.name, p.id]))")
        for name, ident in ids.items():
            for kind in ("midi", "audio", "bio", "sealed"):
                page.poll(f"seen.{kind}['{ident}'] > 0", 10, f"browser got {kind} from {name}")
        page.poll("/Group: coherence \\d\\.\\d\\d, synchrony \\d\\.\\d\\d, flow leader /.test(document.getElementById('group').textContent)",
                  10, "the page shows the group's coherence, synchrony and flow leader")
        caps = page.poll("collab.participants.every((p) => p.rtt !== null && (p.capabilities & 16)) && collab.participants",
                         15, "pongs and hello (with sealed-bio capability) from both engines")
        results["rtt us"] = {p["name"]: p["rtt"] for p in caps}
        if page.eval("seen.errors.filter((c) => c !== 'negotiation').length") != 0:
            raise Failure(f"browser errors: {page.eval('seen.errors')}")

        cpu = chromium_cpu_seconds(chromium.pid) - cpu_start
        frames = 48000 // page.eval("collab.audioSettings.frame")
        form = "Opus" if opus else "PCM"
        results[f"chromium CPU % of one core (2 engines sending MIDI 20/s, bio 10/s, {form} audio {frames} frames/s; "
                f"page decoding and playing them and sending its microphone as {form})"] = round(100 * cpu / (time.monotonic() - wall_start))

        # Reload: the app rejoins at once and collab.js resumes with the token it kept in sessionStorage.
        before = page.eval("collab.id")
        page.eval("window.__previous = true; setTimeout(() => location.reload(), 0), true")
        page.poll("!window.__previous && window.collab && collab.id", 20, "rejoined after a reload")
        if page.eval("collab.id") != before:
            raise Failure("after a reload the page came back as another participant (no resume)")
        page.poll("collab.participants.length === 2 && collab.participants.every((p) => p.state === 'connected')", 20,
                  "links back after the reload")
        page.eval("(window.seen = { chat: [] }, collab.addEventListener('chat', (e) => seen.chat.push(e.detail.text)), true)")
        host.type("after the reload")
        page.poll("seen.chat.includes('after the reload')", 10, "chat after the resume")
        if any("Cleo-Browser left" in line for line in host.lines + guest.lines):
            raise Failure("the engines saw the browser leave: the reload was not a resume")
        log("reload resumed the same participant")

        # 3. A second page with the wrong secret: refused, and its page says why.
        wrong = Page(devtools, origin, "wrong-secret page")
        wrong.open(f"/?room={code}&name=Mallory-Browser#secret=not%20the%20secret")
        wrong.eval("document.getElementById('join').click()")
        message = wrong.poll("!document.getElementById('notice').hidden && document.getElementById('notice').textContent", 20,
                             "wrong secret shown in the page")
        if "room secret does not match" not in message:
            raise Failure(f"unclear wrong-secret message: {message!r}")
        log(f"wrong secret page says: {message!r}")
        host.wait_line(r"Mallory-Browser is refused", 10, "host refused the wrong secret")
        wrong.eval("window.collab.leave()")

        # 4. The Swift host leaves: the browser (present longest) becomes host and drives the transport.
        host.type("/quit")
        host.process.wait(15)
        page.poll("collab.isHost && collab.localRole === 'host'", 15, "browser became host")
        guest.wait_line(r"\* Cleo-Browser is now host", 10, "guest saw the browser become host")
        page.eval("collab.sendTransport('tempo', { bpm: 96 }), true")
        guest.wait_line(r"\* Cleo-Browser: transport\(.*tempo\(bpm: 96\.0\)", 10, "guest accepted the new host's transport")

        # 5. The page's own UI: participants and chat as the DOM shows them.
        page.poll("[...document.querySelectorAll('#participants li')].some((li) => /Ben-Swift .* connected/.test(li.textContent))",
                  10, "participant list shows the guest connected")
        page.poll("[...document.querySelectorAll('#participants li')].some((li) => /Cleo-Browser \\(you\\) · host/.test(li.textContent))",
                  10, "participant list shows us as host")
        page.poll("[...document.querySelectorAll('#chat li')].some((li) => li.textContent === 'Ana-Swift: after the reload')",
                  10, "chat list shows the line that arrived after the reload")
        page.eval("window.collab.leave()")
        guest.type("/quit")
        guest.process.wait(15)

        # 6. Two browsers and one engine, a browser created the room (through the app's Create button).
        first = Page(devtools, origin, "creator page")
        first.open(f"/?name=Dora-Browser{PCM_ONLY}#secret={SECRET.replace(' ', '%20')}")
        first.eval("document.getElementById('create').click()")
        code2 = first.poll("window.collab && window.collab.roomCode", 20, "browser created a room")
        # The second page is on http://localhost:PORT, an origin without media permission: Chromium hides its
        # address behind an mDNS name there, so the engine must learn it as peer-reflexive from its checks.
        second = Page(devtools, f"http://localhost:{port}", "second page (no media permission)")
        # ?codec=pcm: this page speaks PCM only (no Opus bit), so the engine sends each page its own form.
        second.open(f"/?room={code2}&name=Eve-Browser&codec=pcm#secret={SECRET.replace(' ', '%20')}")
        second.eval("document.getElementById('join').click()")
        engine = Child("engine", [collab, "join", code2, "--server", ws, "--name", "Finn-Swift", "--address", "127.0.0.1",
                                  "--address", LAN_ADDRESS, *media], stdin=True)
        children.append(engine)
        for tab in (first, second):
            tab.poll("collab.participants.length === 2 && collab.participants.every((p) => p.state === 'connected')", 20,
                     f"{tab.label} linked to the other browser and the engine")
            tab.eval("collab.addEventListener('chat', (e) => (window.heard ||= []).push(e.detail.text)), true")
        hidden = second.eval("[collab.counters.candidates, collab.counters.mdnsCandidates]")
        if hidden[0] == 0 or hidden[0] != hidden[1]:
            raise Failure(f"the page without media permission sent {hidden[0]} candidates, {hidden[1]} of them mDNS: not the case meant")
        engine.wait_line(r"Dora-Browser is connected", 15, "engine linked to the creator")
        engine.wait_line(r"Eve-Browser is connected", 15, "engine linked to the second browser")
        if opus_in:
            # The creator is host: its audio-settings reach the engine, which sends it Opus and the PCM-only page PCM.
            engine.wait_line(r"\* Dora-Browser: audioSettings\(", 10, "engine accepted the browser host's audio-settings")
        # Frames are counted once ten in the expected form have arrived: the engine sends PCM until the page's hello
        # is processed (and the audio channel is unordered, so one may still trail the first Opus frames); only the
        # form after that is the negotiated one.
        for tab, form in ((first, 'opus' if opus_in else 'pcm16'), (second, 'pcm16')):
            tab.eval("collab.addEventListener('audio', (e) => { const c = e.detail.frame.codec;"
                     f" if (c === '{form}') window.expected = (window.expected || 0) + 1;"
                     " if (window.expected > 10) { window.codecs ||= {}; codecs[c] = (codecs[c] || 0) + 1; } }), true")
        first.poll(f"window.codecs && codecs['{'opus' if opus_in else 'pcm16'}'] > 50 && Object.keys(codecs).length === 1 && codecs", 10,
                   "creator page gets the engine's audio " + ("as Opus" if opus_in else "as PCM"))
        second.poll("window.codecs && codecs.pcm16 > 50 && Object.keys(codecs).length === 1 && codecs", 10,
                    "PCM-only page gets the engine's audio as PCM")
        first.eval("collab.sendChat('from Dora'), true")
        second.poll("(window.heard || []).includes('from Dora')", 10, "browser to browser chat")
        engine.wait_line(r"<Dora-Browser> from Dora", 10, "engine got the creator's chat")
        engine.type("from Finn")
        for tab in (first, second):
            tab.poll("(window.heard || []).includes('from Finn')", 10, f"{tab.label} got the engine's chat")
        ids2 = first.eval("Object.fromEntries(collab.participants.map((p) => [p.name, p.id]))")
        first.poll(f"collab.participants.some((p) => p.id === '{ids2['Finn-Swift']}' && p.rtt !== null)", 10, "creator pinged the engine")
        engine.type("/quit")
        engine.process.wait(15)
        results["two browsers + engine"] = "pass"

        # 7. Plain http from another host is not a secure context: the page says what is unavailable.
        insecure = Page(devtools, f"http://{LAN_ADDRESS}:{port}", "insecure origin")
        insecure.open("/")
        said = insecure.poll("document.getElementById('secret').disabled && document.getElementById('notice').textContent", 10,
                             "insecure origin explained")
        if "not a secure context" not in said:
            raise Failure(f"insecure origin message unclear: {said!r}")
        # 8. A server that requires access tokens (--auth-key): the app with #token= from `collab token`
        #    creates a room; without one it is refused and says what to do.
        key = os.path.join(profile, "auth-key")
        with open(key, "w") as out:
            out.write("browser-room-test-shared-secret-0123456789")
        guarded = Child("serve (tokens)", [collab, "serve", "--host", "127.0.0.1", "--port", "0", "--stun-port", "off",
                                            "--auth-key", key, "--log-level", "warning"])
        children.append(guarded)
        guarded_port = int(guarded.wait_line(r"listening ws://127\.0\.0\.1:(\d+)/ws", 30, "token server up").group(1))
        token = subprocess.run([collab, "token", "--auth-key", key, "--create", "--name", "Tia-Browser"],
                               capture_output=True, text=True, timeout=30, check=True).stdout.strip()
        refused = Page(devtools, f"http://127.0.0.1:{guarded_port}", "page without a token")
        refused.open("/?name=Nobody")
        refused.eval("document.getElementById('create').click()")
        said = refused.poll("!document.getElementById('notice').hidden && document.getElementById('notice').textContent", 20,
                            "refusal shown without a token")
        if "access token" not in said or not refused.eval("document.getElementById('room').hidden"):
            raise Failure(f"a page without a token: {said!r}")
        admitted = Page(devtools, f"http://127.0.0.1:{guarded_port}", "page with a token")
        admitted.open(f"/?name=Tia-Browser#token={token}")
        admitted.eval("document.getElementById('create').click()")
        code = admitted.poll("!document.getElementById('room').hidden && document.getElementById('room-code').textContent", 20,
                             "room created with the token")
        results["access token (#token=)"] = "pass"
        log(f"token server: refused without a token ({said!r}); with one, created room {code}")

        log("results: " + json.dumps(results))
        print(json.dumps({"result": "pass", **results}))
        return 0
    except Failure as failure:
        log(f"FAIL: {failure}")
        for page in PAGES:
            try:
                log(f"{page.label}: " + str(page.eval("window.collab ? JSON.stringify(collab.participants.map((p) =>"
                                                       " [p.name, p.state, p.linkState, p.rtt])) : 'no room'", timeout=5)))
                log(f"{page.label} audio: " + str(page.show("window.collabAudio && { codec: collabAudio.codec, decodedFrom: collabAudio.decodedFrom,"
                                                            " stats: collabAudio.stats, seen: window.seen && [seen.audio, seen.errors] }")))
            except Exception as error:  # noqa: BLE001 - diagnostics only
                log(f"{page.label}: {error}")
        return 1
    finally:
        for child in children:
            child.stop()
        if chromium is not None:
            stop_chromium(chromium)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--inside":
        sys.exit(inside(os.path.abspath(sys.argv[2])))
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(outside(os.path.abspath(sys.argv[1])))
