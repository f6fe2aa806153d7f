#!/usr/bin/env python3
"""The UDP path between two engines is cut under a live session and comes back.

    Interop/pathcut.py COLLAB_BINARY

A guest (`collab join`) runs in a network namespace this script creates, with two veth pairs to
the root namespace: one carries the peer link (UDP, ICE host candidates on its addresses only),
the other the signaling WebSocket. The host (`collab host`) and the server run in the root
namespace. The script cuts the UDP path (`ip link set DEV down`) while the session is up, has the
guest send chat lines into the dead link, waits until the host sees the guest `reconnecting`,
restores the path, and checks that the host then receives every line once, in order: either the
same association comes back and retransmits them, or it died and the engine's numbered outbox
resends them on a new link.

Touches only addresses on the veth pairs it made. Every wait has a timeout; every process it
starts is stopped by PID; the namespace and the veths are deleted on the way out.
"""

import os
import subprocess
import sys
import time

from child import Child

HERE = os.path.dirname(os.path.abspath(__file__))
NETNS = os.path.join(HERE, "chromium", "netns")


def ip(*args):
    subprocess.run(["ip", *args], check=True)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    collab = os.path.abspath(sys.argv[1])
    ns = f"collab-pathcut-{os.getpid()}"
    up = subprocess.run(["bash", NETNS, "up", ns], check=True, capture_output=True, text=True).stdout
    env = dict(line.split("=", 1) for line in up.split())
    number = env["HOST_ADDR"].split(".")[2]
    sig_host, sig_peer = f"vs{number}h", f"vs{number}p"
    sig_host_addr, sig_peer_addr = f"10.214.{number}.1", f"10.214.{number}.2"
    children = []
    started = time.monotonic()
    try:
        used = subprocess.run(["ip", "-4", "-o", "addr", "show"], check=True, capture_output=True, text=True).stdout
        if f" 10.214.{number}." in used:
            raise RuntimeError(f"10.214.{number}.0/30 is already in use on this machine")
        ip("link", "add", sig_host, "type", "veth", "peer", "name", sig_peer)
        ip("link", "set", sig_peer, "netns", ns)
        ip("addr", "add", f"{sig_host_addr}/30", "dev", sig_host)
        ip("link", "set", sig_host, "up")
        ip("-n", ns, "addr", "add", f"{sig_peer_addr}/30", "dev", sig_peer)
        ip("-n", ns, "link", "set", sig_peer, "up")
        for _ in range(100):  # bounded: the kernel reports carrier on both ends within milliseconds
            states = subprocess.run(["ip", "-o", "link", "show", sig_host], capture_output=True, text=True).stdout
            if "state UP" in states:
                break
            time.sleep(0.05)

        server = Child("serve", [collab, "serve", "--host", sig_host_addr, "--port", "0", "--log-level", "error"])
        children.append(server)
        url = server.wait_for(r"^listening (ws://\S+)", 30).group(1)
        host = Child("host", [collab, "host", "--server", url, "--name", "Host", "--address", env["HOST_ADDR"]])
        children.append(host)
        code = host.wait_for(r"room (\w{6}) created", 30).group(1)
        guest = Child("guest", ["ip", "netns", "exec", ns, collab, "join", code, "--server", url,
                                "--name", "Guest", "--address", env["PEER_ADDR"]])
        children.append(guest)
        host.wait_for(r"^\* Guest is connected$", 30)
        guest.wait_for(r"^\* Host is connected$", 30)
        guest.type("before")
        host.wait_for(r"^<Guest> before$", 15)

        # Cut the UDP path only: the signaling WebSocket runs on the other veth pair.
        ip("link", "set", env["HOST_IF"], "down")
        cut_at = time.monotonic()
        during = [f"during {index}" for index in range(1, 6)]
        for line in during:
            guest.type(line)
        host.wait_for(r"^\* Guest is reconnecting$", 60)
        detected = time.monotonic() - cut_at
        ip("link", "set", env["HOST_IF"], "up")
        restored_at = time.monotonic()
        # Either order: the same link may come back (ICE consent resumes and SCTP retransmits the
        # lines before the state change is printed), or a new one (the outbox resends them).
        first = host.wait_for(r"^(\* Guest is connected|<Guest> during 5)$", 60).group(1)
        reconnected = time.monotonic() - restored_at
        host.wait_for(r"^<Guest> during 5$" if first.startswith("*") else r"^\* Guest is connected$", 30)
        guest.type("after")
        host.wait_for(r"^<Guest> after$", 15)

        got = [line[len("<Guest> "):] for line in host.seen if line.startswith("<Guest> ")]
        want = ["before", *during, "after"]
        if got != want:
            raise RuntimeError(f"host received {got}, wanted {want}")
        print(f"pathcut: pass (loss noticed after {detected:.1f} s, link back {reconnected:.1f} s after the path, "
              f"{len(during)} lines sent into the dead link arrived once, in order; {time.monotonic() - started:.1f} s)")
        return 0
    except Exception as error:  # noqa: BLE001 - every failure is reported the same way
        print(f"pathcut: FAIL: {error}", file=sys.stderr)
        return 1
    finally:
        for child in reversed(children):
            child.stop()
        subprocess.run(["ip", "link", "del", sig_host], capture_output=True)
        subprocess.run(["bash", NETNS, "down", ns], capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
