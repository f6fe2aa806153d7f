#!/usr/bin/env python3
"""Drives headless Chromium as an interop echo peer (Interop/README.md); run it through run-peer.

Runs INSIDE a network namespace (run-peer puts it there): it serves peer.html/peer.js on 127.0.0.1 of the
namespace, starts Chromium with a fresh profile and --remote-debugging-port=0, reads the DevTools port,
grants audioCapture/videoCapture to the page's origin (only then does Chromium gather plain host candidates),
opens the page and relays: stdin lines -> page, page -> stdout lines (JSON only), logs -> stderr.
"""

import argparse
import functools
import http.server
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import websocket

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM = os.environ.get("INTEROP_CHROMIUM", "/usr/lib/chromium/chromium")
started = time.monotonic()


def log(text):
    print(f"[chromium-driver {time.monotonic() - started:8.3f}] {text}", file=sys.stderr, flush=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_page():
    handler = functools.partial(QuietHandler, directory=HERE)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class DevTools:
    """A minimal DevTools protocol client: one reader thread, calls by id, events to a queue."""

    def __init__(self, url, events):
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.ws.settimeout(None)
        self.lock = threading.Lock()
        self.next_id = 0
        self.pending = {}
        self.events = events
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            while True:
                msg = json.loads(self.ws.recv())
                if "id" in msg:
                    slot = self.pending.pop(msg["id"], None)
                    if slot:
                        slot.put(msg)
                else:
                    self.events.put(msg)
        except Exception as error:  # noqa: BLE001 - the socket closing ends the reader
            self.events.put({"method": "__closed__", "params": {"error": str(error)}})

    def call(self, method, params=None, session=None, timeout=20):
        with self.lock:
            self.next_id += 1
            ident = self.next_id
            slot = queue.Queue()
            self.pending[ident] = slot
            msg = {"id": ident, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            self.ws.send(json.dumps(msg))
        try:
            reply = slot.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"DevTools {method}: no reply within {timeout} s") from None
        if "error" in reply:
            raise RuntimeError(f"DevTools {method}: {reply['error']}")
        return reply.get("result", {})

    def send(self, method, params=None, session=None):
        """Fire and forget (for stdin lines into the page)."""
        with self.lock:
            self.next_id += 1
            msg = {"id": self.next_id, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            self.ws.send(json.dumps(msg))


def start_chromium(profile, allow_loopback, debug, extra_args=()):
    args = [CHROMIUM, *extra_args, "--headless=new", "--no-sandbox", f"--user-data-dir={profile}", "--remote-debugging-port=0",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--disable-default-apps", "--disable-gpu", "--mute-audio", "about:blank"]
    if allow_loopback:
        args.insert(5, "--allow-loopback-in-peer-connection")
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    found = queue.Queue()

    def read_stderr():
        for line in process.stderr:
            if "DevTools listening on" in line:
                found.put(line.strip())
            if debug:
                sys.stderr.write("[chromium-stderr] " + line)
        found.put(None)

    threading.Thread(target=read_stderr, daemon=True).start()
    try:
        line = found.get(timeout=30)
    except queue.Empty:
        line = None
    if line is None:
        raise RuntimeError("Chromium did not start its DevTools endpoint within 30 s")
    # The DevToolsActivePort file (port, then the browser target path) is written by now.
    path = os.path.join(profile, "DevToolsActivePort")
    try:
        with open(path) as f:
            port, browser_path = f.read().split("\n")[:2]
        url = f"ws://127.0.0.1:{int(port)}{browser_path}"
    except (OSError, ValueError):
        url = re.search(r"(ws://\S+)", line).group(1)
    return process, url


def stop_chromium(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the group Chromium leads (start_new_session): ours only
            process.wait(5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(5)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offer", action="store_true")
    parser.add_argument("--selftest", action="store_true")
    parser.add_argument("--report")
    parser.add_argument("--trickle", action="store_true", help="send candidates as extra lines after the SDP")
    parser.add_argument("--no-candidates", action="store_true", help="strip candidates (peer-reflexive case)")
    parser.add_argument("--allow-loopback", action="store_true",
                        help="--allow-loopback-in-peer-connection (for a loopback-only namespace)")
    parser.add_argument("--lifetime", type=float, default=60)
    parser.add_argument("--gather-timeout", type=float, default=5)
    parser.add_argument("--signal-timeout", type=float, default=30)
    parser.add_argument("--connect-timeout", type=float, default=15)
    args = parser.parse_args()
    debug = bool(os.environ.get("INTEROP_DEBUG"))

    profile = tempfile.mkdtemp(prefix="interop-chromium-")
    server = serve_page()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    process = None
    code, reason = 1, "driver error"
    events = queue.Queue()  # DevTools events and stdin lines ({"method": "__stdin__"}), in arrival order
    early_lines = []

    def read_stdin():
        for line in sys.stdin:
            if line.strip():
                events.put({"method": "__stdin__", "line": line.strip()})

    threading.Thread(target=read_stdin, daemon=True).start()
    try:
        process, url = start_chromium(profile, args.allow_loopback, debug)
        log(f"Chromium up (pid {process.pid}), DevTools {url}")
        devtools = DevTools(url, events)
        version = devtools.call("Browser.getVersion")
        log(f"{version.get('product')} / {version.get('protocolVersion')}")
        devtools.call("Browser.grantPermissions", {"origin": origin, "permissions": ["audioCapture", "videoCapture"]})
        target = devtools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = devtools.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        devtools.call("Runtime.enable", session=session)
        devtools.call("Page.enable", session=session)
        devtools.call("Runtime.addBinding", {"name": "interopOut"}, session=session)
        devtools.call("Page.navigate", {"url": f"{origin}/peer.html"}, session=session)
        deadline = time.monotonic() + 20
        while True:
            event = events.get(timeout=max(0.1, deadline - time.monotonic()))
            if event.get("method") == "Page.loadEventFired":
                break
            if event.get("method") == "__stdin__":
                early_lines.append(event)
        config = {"offer": args.offer, "selftest": args.selftest, "trickle": args.trickle,
                  "noCandidates": args.no_candidates, "lifetime": args.lifetime, "gatherTimeout": args.gather_timeout,
                  "signalTimeout": args.signal_timeout, "connectTimeout": args.connect_timeout}
        devtools.send("Runtime.evaluate", {"expression": f"interopStart({json.dumps(config)})"}, session=session)
        log(f"page {origin}/peer.html started as {'offerer' if args.offer else 'answerer'}"
            f"{' (selftest)' if args.selftest else ''}")
        hard_deadline = time.monotonic() + args.lifetime + 10
        for event in early_lines:  # lines that came before the page was ready, in order
            expression = f"interopInput({json.dumps(event['line'])})"
            devtools.send("Runtime.evaluate", {"expression": expression}, session=session)
        while True:
            left = hard_deadline - time.monotonic()
            if left <= 0:
                code, reason = 1, "driver deadline (page never finished)"
                break
            try:
                event = events.get(timeout=left)
            except queue.Empty:
                continue
            method = event.get("method")
            params = event.get("params", {})
            if method == "__stdin__":
                expression = f"interopInput({json.dumps(event['line'])})"
                devtools.send("Runtime.evaluate", {"expression": expression}, session=session)
            elif method == "Runtime.bindingCalled" and params.get("name") == "interopOut":
                msg = json.loads(params["payload"])
                kind = msg.pop("kind")
                if kind == "line":
                    sys.stdout.write(msg["line"] + "\n")
                    sys.stdout.flush()
                elif kind == "log":
                    print(msg["text"], file=sys.stderr, flush=True)
                elif kind == "report":
                    if args.report:
                        with open(args.report, "w") as f:
                            json.dump(msg["report"], f, indent=1)
                elif kind == "exit":
                    code, reason = msg["code"], msg["reason"]
                    log(json.dumps({"event": "exit", **msg}))
                    break
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                log(f"page exception: {details.get('exception', {}).get('description') or details.get('text')}")
            elif method == "Runtime.consoleAPICalled" and debug:
                log("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method in ("Inspector.detached", "Target.targetCrashed", "__closed__"):
                code, reason = 1, f"page gone: {method} {params}"
                break
    except Exception as error:  # noqa: BLE001 - reported and turned into exit 1
        code, reason = 1, f"{type(error).__name__}: {error}"
        log(reason)
    finally:
        if process is not None:
            stop_chromium(process)
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    log(f"exit {code}: {reason}")
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
