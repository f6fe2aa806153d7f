#!/usr/bin/env python3
"""Captures a data-channel offer and answer from headless Firefox ESR (Debian's firefox-esr), for the SDP
parser's fixtures. Not a full interop peer: it only produces the two descriptions.

  ip netns exec NS Interop/.venv/bin/python Interop/firefox/capture.py OFFER_TO_ANSWER.sdp OUT_DIR
  (Interop/firefox/capture runs it in a loopback-only namespace of its own.)

Drives Firefox over Marionette (its own JSON-over-TCP protocol, on 127.0.0.1 of the namespace). The profile
turns off host-address obfuscation (mDNS .local names) and allows loopback candidates.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

FIREFOX = os.environ.get("INTEROP_FIREFOX", "/usr/bin/firefox-esr")
PREFS = {
    "media.peerconnection.ice.obfuscate_host_addresses": False,
    "media.peerconnection.ice.loopback": True,
    "marionette.port": 0,  # any free port; Firefox writes it to MarionetteActivePort in the profile
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.enabled": False,
}

OFFER_SCRIPT = """
const done = arguments[arguments.length - 1];
(async () => {
  const pc = new RTCPeerConnection({iceServers: []});
  pc.createDataChannel("echo");
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.onicegatheringstatechange = () => pc.iceGatheringState === "complete" && resolve();
    setTimeout(resolve, 5000);
  });
  done({sdp: pc.localDescription.sdp, ua: navigator.userAgent});
})().catch((e) => done({error: String(e)}));
"""

ANSWER_SCRIPT = """
const [offer, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const pc = new RTCPeerConnection({iceServers: []});
  await pc.setRemoteDescription({type: "offer", sdp: offer});
  await pc.setLocalDescription(await pc.createAnswer());
  await new Promise((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.onicegatheringstatechange = () => pc.iceGatheringState === "complete" && resolve();
    setTimeout(resolve, 5000);
  });
  done({sdp: pc.localDescription.sdp});
})().catch((e) => done({error: String(e)}));
"""


class Marionette:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buffer = b""
        self.next_id = 0
        self.read()  # the hello: {"applicationType":"gecko","marionetteProtocol":3}

    def read(self):
        while b":" not in self.buffer:
            self.buffer += self.sock.recv(65536)
        length, rest = self.buffer.split(b":", 1)
        length = int(length)
        while len(rest) < length:
            rest += self.sock.recv(65536)
        self.buffer = rest[length:]
        return json.loads(rest[:length])

    def call(self, name, params):
        self.next_id += 1
        data = json.dumps([0, self.next_id, name, params]).encode()
        self.sock.sendall(str(len(data)).encode() + b":" + data)
        while True:
            reply = self.read()
            if reply[0] == 1 and reply[1] == self.next_id:
                if reply[2]:
                    raise RuntimeError(f"{name}: {reply[2]}")
                return reply[3]


def main():
    offer_path, out_dir = sys.argv[1], sys.argv[2]
    profile = tempfile.mkdtemp(prefix="interop-firefox-")
    with open(os.path.join(profile, "user.js"), "w") as f:
        for key, value in PREFS.items():
            f.write(f"user_pref({json.dumps(key)}, {json.dumps(value)});\n")
    process = subprocess.Popen([FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", profile],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        port_file = os.path.join(profile, "MarionetteActivePort")
        deadline = time.monotonic() + 30
        while not os.path.exists(port_file):  # bounded wait for Firefox to say its port
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("Firefox did not open Marionette within 30 s")
            time.sleep(0.1)
        with open(port_file) as f:
            port = int(f.read().strip())
        client = Marionette(port)
        caps = client.call("WebDriver:NewSession", {"capabilities": {}})
        version = caps["capabilities"]["browserVersion"]
        offer = client.call("WebDriver:ExecuteAsyncScript", {"script": OFFER_SCRIPT, "args": [], "scriptTimeout": 15000})
        offer = offer.get("value", offer)
        with open(offer_path, newline="") as f:
            remote = f.read()
        answer = client.call("WebDriver:ExecuteAsyncScript",
                             {"script": ANSWER_SCRIPT, "args": [remote], "scriptTimeout": 15000})
        answer = answer.get("value", answer)
        for kind, result in (("offer", offer), ("answer", answer)):
            if "error" in result:
                raise RuntimeError(f"{kind}: {result['error']}")
            with open(os.path.join(out_dir, f"firefox-{kind}.sdp"), "w", newline="") as f:
                f.write(result["sdp"])
        print(json.dumps({"firefox": version, "userAgent": offer.get("ua")}))
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
