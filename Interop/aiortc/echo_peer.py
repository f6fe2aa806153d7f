#!/usr/bin/env python3
"""aiortc echo peer speaking the Interop stdin/stdout convention (see Interop/README.md).

Answerer (default): reads one line {"type":"offer","sdp":...}, writes one line {"type":"answer","sdp":...}.
Offerer (--offer):  writes one line {"type":"offer","sdp":...}, reads one line {"type":"answer","sdp":...}.
Then echoes every message on every channel; channels whose label starts with "discard" only count bytes and
answer the text "count?" with the decimal total. With --selftest it is the tester instead (README: selftest).

stdout carries only the JSON lines; logs go to stderr.
"""

import argparse
import asyncio
import hashlib
import json
import os
import sys
import threading
import time

import aioice.ice
import aiortc
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.sdp import candidate_from_sdp

TOOL = "aiortc"
NEGOTIATED_ID = 7
NEGOTIATED_LABEL = "neg"
SELFTEST_SIZES = [0, 1, 1024, 16384, 65535]
BIG_SIZE = 262144
DISCARD_CHUNK = 16384
DISCARD_COUNT = 64

started = time.monotonic()


def log(*parts):
    print(f"[{TOOL} {time.monotonic() - started:8.3f}]", *parts, file=sys.stderr, flush=True)


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def strip_candidates(sdp: str) -> str:
    lines = sdp.split("\r\n")
    return "\r\n".join(l for l in lines if not (l.startswith("a=candidate:") or l == "a=end-of-candidates"))


def remote_max_message_size(sdp: str):
    for line in sdp.splitlines():
        if line.startswith("a=max-message-size:"):
            try:
                return int(line.split(":", 1)[1])
            except ValueError:
                return None
    return None


def text_payload(size: int) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(alphabet[(i + size) % len(alphabet)] for i in range(size))


def binary_payload(size: int) -> bytes:
    return bytes(((i * 31) + size) & 0xFF for i in range(size))


def digest(message) -> tuple:
    if isinstance(message, str):
        return ("text", len(message.encode()), hashlib.sha256(message.encode()).hexdigest())
    return ("binary", len(message), hashlib.sha256(message).hexdigest())


class StdinLines:
    """Reads stdin lines on a thread and hands them to the event loop."""

    def __init__(self, loop):
        self.queue = asyncio.Queue()
        self.loop = loop
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        for line in sys.stdin:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, line)
        self.loop.call_soon_threadsafe(self.queue.put_nowait, None)

    async def get(self, timeout):
        return await asyncio.wait_for(self.queue.get(), timeout)


class Peer:
    def __init__(self, args):
        self.args = args
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.channels = {}  # label -> channel (all channels we know, own and remote)
        self.opened = set()
        self.closed = set()
        self.closed_changed = asyncio.Event()
        self.discard_counts = {}
        self.done = asyncio.get_event_loop().create_future()
        self.channel_waiters = {}
        self.inbox = {}  # label -> asyncio.Queue of messages (selftest)
        self.remote_sdp = ""

        @self.pc.on("datachannel")
        def on_datachannel(channel):
            log(f"remote opened channel {channel.label!r} id={channel.id} ordered={channel.ordered} "
                f"maxRetransmits={channel.maxRetransmits} maxPacketLifeTime={channel.maxPacketLifeTime}")
            self.adopt(channel)
            self.channel_opened(channel)

        @self.pc.on("connectionstatechange")
        def on_state():
            state = self.pc.connectionState
            log(f"connectionState {state}")
            if state in ("failed", "closed"):
                self.finish(0 if state == "closed" and self.opened and self.all_closed() else 1, f"connection {state}")

    def adopt(self, channel):
        label = channel.label
        self.channels[label] = channel
        self.inbox.setdefault(label, asyncio.Queue())

        @channel.on("open")
        def on_open():
            self.channel_opened(channel)

        @channel.on("message")
        def on_message(message):
            self.on_message(channel, message)

        @channel.on("close")
        def on_close():
            log(f"channel {label!r} closed")
            self.closed.add(label)
            self.closed_changed.set()
            if not self.args.selftest and self.opened and self.all_closed():
                self.finish(0, "all channels closed")

    def channel_opened(self, channel):
        if channel.label in self.opened or channel.readyState != "open":
            return
        self.opened.add(channel.label)
        log(f"channel {channel.label!r} open (id={channel.id})")
        waiter = self.channel_waiters.get(channel.label)
        if waiter and not waiter.done():
            waiter.set_result(channel)

    def all_closed(self):
        return all(label in self.closed for label in self.channels)

    def on_message(self, channel, message):
        label = channel.label
        if self.args.selftest:
            self.inbox[label].put_nowait(message)
            return
        if label.startswith("discard"):
            if message == "count?":
                channel.send(str(self.discard_counts.get(label, 0)))
            else:
                size = len(message.encode()) if isinstance(message, str) else len(message)
                self.discard_counts[label] = self.discard_counts.get(label, 0) + size
            return
        channel.send(message)

    def finish(self, code, reason):
        if not self.done.done():
            log(f"finishing: {reason} (exit {code})")
            self.done.set_result((code, reason))

    def create_channels(self):
        # Every peer, in both roles, creates the negotiated channel; the offerer also the in-band ones.
        self.adopt(self.pc.createDataChannel(NEGOTIATED_LABEL, negotiated=True, id=NEGOTIATED_ID))
        if self.args.offer:
            self.adopt(self.pc.createDataChannel("echo"))
            self.adopt(self.pc.createDataChannel("unreliable", ordered=False, maxRetransmits=0))
            self.adopt(self.pc.createDataChannel("discard"))

    def local_sdp(self):
        sdp = self.pc.localDescription.sdp
        return strip_candidates(sdp) if self.args.no_candidates else sdp

    async def apply_candidate_lines(self, stdin):
        """After the description, accept {"type":"candidate",...} lines until stdin closes."""
        while True:
            try:
                line = await stdin.get(None)
            except asyncio.CancelledError:
                return
            if line is None:
                return
            line = line.strip()
            if not line:
                continue
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                log(f"ignoring non-JSON stdin line: {line[:80]!r}")
                continue
            if msg.get("type") != "candidate":
                log(f"ignoring stdin message of type {msg.get('type')!r}")
                continue
            text = msg.get("candidate") or ""
            if not text:
                log("remote end-of-candidates")
                continue
            candidate = candidate_from_sdp(text.split(":", 1)[1] if text.startswith("candidate:") else text)
            candidate.sdpMid = msg.get("sdpMid")
            candidate.sdpMLineIndex = msg.get("sdpMLineIndex")
            await self.pc.addIceCandidate(candidate)
            log(f"added remote candidate {text}")

    async def signal(self, stdin):
        self.create_channels()
        timeout = self.args.signal_timeout
        if self.args.offer:
            self.t0 = time.monotonic()
            await self.pc.setLocalDescription(await self.pc.createOffer())  # aiortc gathers here
            emit({"type": "offer", "sdp": self.local_sdp()})
            line = await stdin.get(timeout)
            if line is None:
                raise RuntimeError("stdin closed before the answer")
            msg = json.loads(line)
            if msg.get("type") != "answer":
                raise RuntimeError(f"expected an answer, got {msg.get('type')!r}")
            self.remote_sdp = msg["sdp"]
            await self.pc.setRemoteDescription(RTCSessionDescription(sdp=msg["sdp"], type="answer"))
        else:
            line = await stdin.get(timeout)
            if line is None:
                raise RuntimeError("stdin closed before the offer")
            self.t0 = time.monotonic()
            msg = json.loads(line)
            if msg.get("type") != "offer":
                raise RuntimeError(f"expected an offer, got {msg.get('type')!r}")
            self.remote_sdp = msg["sdp"]
            await self.pc.setRemoteDescription(RTCSessionDescription(sdp=msg["sdp"], type="offer"))
            await self.pc.setLocalDescription(await self.pc.createAnswer())
            emit({"type": "answer", "sdp": self.local_sdp()})
        log("signaling done")

    async def close_channels(self, bound=5):
        """Closes every channel from our side and waits (at most `bound` s) until each reached closed."""
        for channel in list(self.channels.values()):
            channel.close()
        deadline = time.monotonic() + bound
        while not self.all_closed() and time.monotonic() < deadline:
            self.closed_changed.clear()
            try:
                await asyncio.wait_for(self.closed_changed.wait(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                break

    # ---- bulk (the sending side of a throughput run) ----
    async def bulk(self, seconds, size=DISCARD_CHUNK, high_water=1 << 20):
        """Sends `size`-byte messages on "discard" for `seconds`, keeping at most `high_water` bytes
        buffered (resuming at a quarter of it, as `collab bench peer` does), then asks the peer for its
        count: the throughput is what it received, over the time until its answer."""
        discard = await self.wait_channel("discard", self.args.connect_timeout)
        discard.bufferedAmountLowThreshold = high_water // 4
        low = asyncio.Event()
        discard.on("bufferedamountlow", low.set)
        chunk = binary_payload(size)
        cpu0, t0 = time.process_time(), time.monotonic()
        sent = 0
        while time.monotonic() - t0 < seconds:
            while discard.bufferedAmount + size <= high_water:
                discard.send(chunk)
                sent += size
            low.clear()
            try:
                await asyncio.wait_for(low.wait(), 5)
            except asyncio.TimeoutError:
                break
        discard.send("count?")
        answer = await asyncio.wait_for(self.inbox["discard"].get(), 30)
        elapsed = time.monotonic() - t0
        received = int(answer)
        return {"tool": TOOL, "version": aiortc.__version__, "ok": received == sent, "sent": sent,
                "received": received, "seconds": round(elapsed, 3),
                "mb_per_s": round(received / elapsed / 1e6, 2),
                "cpu_ms_per_mb": round((time.process_time() - cpu0) * 1000 / max(received / 1e6, 1e-9), 1)}

    # ---- selftest (the tester side) ----
    async def wait_channel(self, label, timeout):
        channel = self.channels.get(label)
        if channel is not None and channel.readyState == "open":
            return channel
        waiter = self.channel_waiters.setdefault(label, asyncio.get_event_loop().create_future())
        return await asyncio.wait_for(waiter, timeout)

    async def selftest(self):
        report = {"tool": TOOL, "version": aiortc.__version__, "role": "offerer" if self.args.offer else "answerer",
                  "cases": [], "ok": False}
        cases = report["cases"]

        def case(name, ok, detail=""):
            cases.append({"name": name, "ok": bool(ok), "detail": detail})
            log(f"selftest {'PASS' if ok else 'FAIL'} {name} {detail}")

        try:
            echo = await self.wait_channel("echo", self.args.connect_timeout)
            neg = await self.wait_channel(NEGOTIATED_LABEL, self.args.connect_timeout)
            report["connect_ms"] = round((time.monotonic() - self.t0) * 1000, 1)
            unreliable = await self.wait_channel("unreliable", 5)
            discard = await self.wait_channel("discard", 5)
            remote_max = remote_max_message_size(self.remote_sdp)
            sizes = list(SELFTEST_SIZES)
            if remote_max is not None and remote_max >= BIG_SIZE:
                sizes.append(BIG_SIZE)
            report["sizes"] = sizes
            for channel in (echo, neg):
                sent = []
                for size in sizes:
                    for message in (text_payload(size), binary_payload(size)):
                        channel.send(message)
                        sent.append(digest(message))
                got = []
                try:
                    while len(got) < len(sent):
                        got.append(digest(await asyncio.wait_for(self.inbox[channel.label].get(), 10)))
                except asyncio.TimeoutError:
                    pass
                for i, expected in enumerate(sent):
                    actual = got[i] if i < len(got) else None
                    case(f"{channel.label} {expected[0]} {expected[1]} B", actual == expected,
                         "" if actual == expected else f"got {actual[:2] if actual else 'nothing'}")
            # unordered, maxRetransmits 0: opens and carries data, never corrupts
            sent_u = {f"u-{i}-" + text_payload(1000) for i in range(20)}
            for message in sorted(sent_u):
                unreliable.send(message)
            got_u = []
            deadline = time.monotonic() + 3
            while len(got_u) < len(sent_u) and time.monotonic() < deadline:
                try:
                    got_u.append(await asyncio.wait_for(self.inbox["unreliable"].get(), deadline - time.monotonic()))
                except asyncio.TimeoutError:
                    break
            case("unreliable carries data", got_u and all(m in sent_u for m in got_u),
                 f"{len(got_u)}/{len(sent_u)} echoed")
            # discard: count bytes
            chunk = binary_payload(DISCARD_CHUNK)
            for _ in range(DISCARD_COUNT):
                discard.send(chunk)
            discard.send("count?")
            try:
                answer = await asyncio.wait_for(self.inbox["discard"].get(), 10)
            except asyncio.TimeoutError:
                answer = None
            case("discard count", answer == str(DISCARD_CHUNK * DISCARD_COUNT), f"answer {answer!r}")
            # close every channel from our side; each must reach closed
            await self.close_channels()
            case("close reaches closed", self.all_closed(),
                 f"closed {sorted(self.closed)} of {sorted(self.channels)}")
        except Exception as error:  # noqa: BLE001 - the report carries it
            report["error"] = f"{type(error).__name__}: {error}"
            log(f"selftest error: {report['error']}")
        report["ok"] = bool(cases) and all(c["ok"] for c in cases) and "error" not in report
        report["passed"] = sum(1 for c in cases if c["ok"])
        report["failed"] = sum(1 for c in cases if not c["ok"])
        return report


def patch_host_addresses(addresses):
    """aioice leaves 127.0.0.1 (and ::1) out of its host candidates; gather exactly these addresses instead."""

    def get_host_addresses(use_ipv4, use_ipv6):
        return [a for a in addresses if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]

    aioice.ice.get_host_addresses = get_host_addresses


async def run(args):
    loop = asyncio.get_event_loop()
    patch_host_addresses(args.address)
    stdin = StdinLines(loop)
    peer = Peer(args)
    code, reason = 1, "unknown"
    report = None
    try:
        await asyncio.wait_for(peer.signal(stdin), args.signal_timeout + args.gather_timeout)
        trickle_in = asyncio.ensure_future(peer.apply_candidate_lines(stdin))
        lifetime = args.lifetime - (time.monotonic() - started)
        if args.selftest and args.bulk:
            try:
                report = await asyncio.wait_for(peer.bulk(args.bulk), max(lifetime, 1))
            except Exception as error:  # noqa: BLE001 - the report carries it (a closed channel, no answer, a bad count)
                report = {"tool": TOOL, "ok": False, "error": f"bulk: {type(error).__name__} {error}"}
            await peer.close_channels()
            code, reason = (0 if report["ok"] else 1), "bulk " + ("done" if report["ok"] else "failed")
        elif args.selftest:
            try:
                report = await asyncio.wait_for(peer.selftest(), max(lifetime, 1))
            except asyncio.TimeoutError:
                report = {"tool": TOOL, "ok": False, "error": "lifetime reached during selftest", "cases": []}
            code, reason = (0 if report["ok"] else 1), "selftest " + ("passed" if report["ok"] else "failed")
        else:
            try:
                code, reason = await asyncio.wait_for(asyncio.shield(peer.done), max(lifetime, 1))
            except asyncio.TimeoutError:
                code, reason = (2 if peer.opened else 1), "lifetime reached"
        trickle_in.cancel()
    except Exception as error:  # noqa: BLE001
        code, reason = 1, f"{type(error).__name__}: {error}"
    finally:
        try:
            await asyncio.wait_for(peer.pc.close(), 5)
        except Exception:  # noqa: BLE001
            pass
    if report is not None and args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=1)
    log(json.dumps({"event": "exit", "code": code, "reason": reason, "opened": sorted(peer.opened),
                    "closed": sorted(peer.closed), "discard": peer.discard_counts,
                    "cpu_s": round(time.process_time(), 3)}))
    return code


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offer", action="store_true", help="be the offerer (default: answerer)")
    parser.add_argument("--selftest", action="store_true", help="be the tester instead of an echo peer")
    parser.add_argument("--report", help="selftest: write the JSON report here")
    parser.add_argument("--lifetime", type=float, default=60, help="exit after this many seconds (default 60)")
    parser.add_argument("--gather-timeout", type=float, default=5, help="bound on ICE gathering (default 5 s)")
    parser.add_argument("--signal-timeout", type=float, default=30, help="wait this long for the remote line")
    parser.add_argument("--connect-timeout", type=float, default=15, help="selftest: wait for channels to open")
    parser.add_argument("--address", action="append",
                        help="host address(es) to gather (repeatable; default 127.0.0.1)")
    parser.add_argument("--no-candidates", action="store_true", help="strip a=candidate lines from what we send")
    parser.add_argument("--bulk", type=float, default=0,
                        help="with --selftest: instead of the cases, send 16 KiB messages on \"discard\" for this "
                             "many seconds and report the throughput")
    args = parser.parse_args()
    args.address = args.address or ["127.0.0.1"]
    if os.environ.get("INTEROP_DEBUG"):
        import logging
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    code = asyncio.run(run(args))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # aiortc may leave executor threads behind; exit without waiting on them


if __name__ == "__main__":
    main()
