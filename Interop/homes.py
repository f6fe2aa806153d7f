#!/usr/bin/env python3
"""Two musicians at two homes, behind NAT routers, jam through a public `collab serve` and coturn.

    Interop/homes.py COLLAB_BINARY [SCENARIO ...]      (default: every scenario)

Scenarios (the network each one builds, from network namespaces and veth pairs this script makes):
  lan        both musicians on one home LAN, no NAT between them          -> a host pair
  nat        two homes behind endpoint-independent NAT (MASQUERADE)        -> a direct srflx/prflx pair
  symmetric  two homes behind symmetric-like NAT (MASQUERADE --random-fully) -> a relay pair
  udp-block  the second home's router drops all UDP it would forward        -> a relay over TURN/TCP
  moved      the first musician's laptop loses the address its link uses (Wi-Fi gone, cable stays)
             under a live session                                          -> the link comes back

The "internet" is a bridge in namespace PUB (198.51.100.0/24, TEST-NET-2): `collab serve` (which
answers STUN itself on its HTTP port number) and coturn (running deploy/turnserver.conf, the shipped
configuration, whole: only its placeholders are filled in) at 198.51.100.1, each home router's WAN side at 198.51.100.1x. Every home LAN is 192.168.1.0/24, as real homes are:
a host candidate of the other home is then an address on one's own LAN, which must not confuse ICE.
`collab host` and `collab join` run with only --server, --name and --secret. Chat must cross both
ways; the selected pair's type (from `/peers`) must be the one the scenario expects. The time from the
joiner being in the room to its link being up is printed per scenario, as is `collab doctor`'s verdict
from each home (which must be the one the scenario implies).

Nothing here touches an address outside the namespaces it made. Every wait has a timeout; every
process is stopped by PID; namespaces are deleted on the way out (their veths go with them).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from child import Child

HERE = os.path.dirname(os.path.abspath(__file__))
TURN_SECRET = "homes-turn-secret"
ROOM_SECRET = "homes-room-secret"
PUBLIC = "198.51.100.1"
SCENARIOS = ["lan", "nat", "symmetric", "udp-block", "moved"]


def run(*argv, check=True):
    return subprocess.run(list(argv), check=check, capture_output=True, text=True)


class Network:
    """The namespaces of one scenario: PUB, a router per home, and the musicians' hosts."""

    def __init__(self, tag):
        self.tag = tag
        self.namespaces = []

    def ns(self, role):
        name = f"ch{self.tag}-{role}"
        run("ip", "netns", "add", name)
        self.namespaces.append(name)
        run("ip", "-n", name, "link", "set", "lo", "up")
        return name

    def ex(self, ns, *argv):
        return run("ip", "netns", "exec", ns, *argv)

    def veth(self, ns_a, if_a, ns_b, if_b):
        run("ip", "link", "add", if_a, "netns", ns_a, "type", "veth", "peer", "name", if_b, "netns", ns_b)
        for ns, name in ((ns_a, if_a), (ns_b, if_b)):
            # IPv4 only: no IPv6 link-local addresses (the engine skips them anyway) nor router solicitations.
            self.ex(ns, "sysctl", "-qw", f"net.ipv6.conf.{name}.disable_ipv6=1")
            run("ip", "-n", ns, "link", "set", name, "up")

    def bridge(self, ns, name, address):
        run("ip", "-n", ns, "link", "add", name, "type", "bridge")
        self.ex(ns, "sysctl", "-qw", f"net.ipv6.conf.{name}.disable_ipv6=1")
        run("ip", "-n", ns, "addr", "add", address, "dev", name)
        run("ip", "-n", ns, "link", "set", name, "up")

    def build_public(self):
        self.pub = self.ns("pub")
        self.bridge(self.pub, "br0", f"{PUBLIC}/24")
        # A server on the internet has a default route: what it sends to a private address (a
        # peer's host candidate, through TURN) leaves and is lost, instead of failing at once
        # with "network unreachable" (coturn drops an allocation whose relay socket errs).
        # The gateway is an address nobody has, with a fixed MAC nobody has: packets to it are
        # flooded on the bridge and dropped by every router (no ARP failure, no socket error).
        run("ip", "-n", self.pub, "neigh", "add", "198.51.100.254", "lladdr", "02:00:00:00:00:fe", "dev", "br0",
            "nud", "permanent")
        run("ip", "-n", self.pub, "route", "add", "default", "via", "198.51.100.254", "dev", "br0")
        return self.pub

    def build_home(self, index, nat, block_udp=False, hosts=1, second_lan=False):
        """A router (WAN 198.51.100.1<index>) with a LAN bridge 192.168.1.1/24 and `hosts` hosts."""
        router = self.ns(f"r{index}")
        self.veth(router, "wan", self.pub, f"w{index}")
        run("ip", "-n", self.pub, "link", "set", f"w{index}", "master", "br0")
        run("ip", "-n", router, "addr", "add", f"198.51.100.1{index}/24", "dev", "wan")
        self.ex(router, "sysctl", "-qw", "net.ipv4.ip_forward=1")
        self.bridge(router, "lan", "192.168.1.1/24")
        if second_lan:
            self.bridge(router, "lan2", "192.168.2.1/24")
        if nat:
            rule = ["iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-j", "MASQUERADE"]
            if nat == "random":
                rule.append("--random-fully")
            self.ex(router, *rule)
        # Like every home router: nothing unsolicited from the internet reaches the router
        # itself. Without this, a peer's early check to our public port leaves a conntrack entry
        # that makes the NAT pick another port for our own packets to that peer.
        self.ex(router, "iptables", "-A", "INPUT", "-i", "wan", "-m", "conntrack", "--ctstate", "NEW,INVALID", "-j", "DROP")
        if block_udp:
            self.ex(router, "iptables", "-A", "FORWARD", "-p", "udp", "-j", "DROP")
        musicians = []
        for number in range(hosts):
            host = self.ns(f"h{index}{number}")
            self.veth(host, "eth0", router, f"l{number}")
            run("ip", "-n", router, "link", "set", f"l{number}", "master", "lan")
            run("ip", "-n", host, "addr", "add", f"192.168.1.{10 + number}/24", "dev", "eth0")
            run("ip", "-n", host, "route", "add", "default", "via", "192.168.1.1", "metric", "100")
            if second_lan:
                self.veth(host, "eth1", router, f"m{number}")
                run("ip", "-n", router, "link", "set", f"m{number}", "master", "lan2")
                run("ip", "-n", host, "addr", "add", f"192.168.2.{10 + number}/24", "dev", "eth1")
                run("ip", "-n", host, "route", "add", "default", "via", "192.168.2.1", "metric", "200")
            musicians.append(host)
        return router, musicians

    def down(self):
        for name in reversed(self.namespaces):
            run("ip", "netns", "del", name, check=False)


def deploy_turn_conf(turn_dir):
    """deploy/turnserver.conf, the one docs/DEPLOY.md installs, with only its placeholders filled
    in (this network's public address, the secret, a test certificate) and logs and state kept in
    `turn_dir`: the scenarios run the shipped configuration whole, quotas and denied peers included."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", f"{turn_dir}/privkey.pem", "-out", f"{turn_dir}/fullchain.pem", "-days", "1",
                    "-subj", "/CN=turn.collab.test"], check=True, capture_output=True)
    conf = open(os.path.join(HERE, "..", "deploy", "turnserver.conf")).read()
    placeholders = {
        "external-ip=203.0.113.10": f"external-ip={PUBLIC}\nlistening-ip={PUBLIC}\nrelay-ip={PUBLIC}",
        "static-auth-secret=REPLACE_WITH_THE_CONTENT_OF_/etc/collab/turn-secret": f"static-auth-secret={TURN_SECRET}",
        "cert=/etc/coturn/certs/fullchain.pem": f"cert={turn_dir}/fullchain.pem",
        "pkey=/etc/coturn/certs/privkey.pem": f"pkey={turn_dir}/privkey.pem",
        "log-file=syslog": "log-file=stdout",
    }
    for placeholder, value in placeholders.items():
        if placeholder not in conf:
            raise RuntimeError(f"deploy/turnserver.conf no longer has {placeholder!r}: update Interop/homes.py with it")
        conf = conf.replace(placeholder, value)
    conf += f"\npidfile={turn_dir}/turnserver.pid\ndb={turn_dir}/turndb\nverbose\n"
    path = os.path.join(turn_dir, "turnserver.conf")
    with open(path, "w") as out:
        out.write(conf)
    return path


def start_services(net, collab, workdir):
    """coturn and `collab serve` in PUB; returns (children, server URL)."""
    children = []
    if os.environ.get("HOMES_CAPTURE"):
        # Debugging aid: every packet on the public segment, for `tcpdump -r`.
        children.append(Child("tcpdump", ["ip", "netns", "exec", net.pub, "tcpdump", "-i", "br0", "-s", "0", "-w",
                                          os.path.join(workdir, "public.pcap")], log=subprocess.DEVNULL, quiet=True))
    turn_dir = os.path.join(workdir, "coturn")
    os.makedirs(turn_dir, exist_ok=True)
    turn_log = open(os.path.join(workdir, "coturn.log"), "w")
    coturn = Child("coturn", ["ip", "netns", "exec", net.pub, "/usr/bin/turnserver", "-c", deploy_turn_conf(turn_dir)],
                   log=turn_log, quiet=True)
    children.append(coturn)
    serve_log = open(os.path.join(workdir, "serve.log"), "w")
    server = Child("serve", ["ip", "netns", "exec", net.pub, collab, "serve", "--host", PUBLIC, "--port", "8080",
                             "--turn-url", f"turn:{PUBLIC}:3478", "--turn-url", f"turn:{PUBLIC}:3478?transport=tcp",
                             "--turn-secret", TURN_SECRET, "--log-level", "info"], log=serve_log)
    children.append(server)
    url = server.wait_for(r"^listening (ws://\S+)", 30).group(1)
    # coturn binds within a second of starting; wait (bounded) for its TCP listener.
    deadline = time.monotonic() + 15
    while b":3478" not in subprocess.run(["ip", "netns", "exec", net.pub, "ss", "-ltn"],
                                         capture_output=True).stdout:
        if time.monotonic() > deadline:
            raise TimeoutError("coturn did not listen on 3478/tcp within 15 s")
        time.sleep(0.05)
    return children, url


def doctor(collab, ns, url):
    """`collab doctor --json` from inside `ns`; returns its verdict."""
    result = subprocess.run(["ip", "netns", "exec", ns, collab, "doctor", "--server", url, "--json"],
                            capture_output=True, text=True, timeout=60)
    try:
        return json.loads(result.stdout)["verdict"]
    except (ValueError, KeyError):
        raise RuntimeError(f"doctor in {ns}: exit {result.returncode}, stdout {result.stdout!r}, "
                           f"stderr {result.stderr[-2000:]!r}")


def scenario(collab, name, workdir):
    """Builds the scenario's network, jams across it and checks the selected pair; returns a summary."""
    net = Network(f"{os.getpid() % 10000}{SCENARIOS.index(name)}")
    children = []
    try:
        net.build_public()
        if name == "lan":
            _, hosts = net.build_home(1, nat="masq", hosts=2)
            ana_ns, ben_ns = hosts
            expect = lambda who, path: path == "host->host" or path == "host->prflx"
            verdicts_wanted = {"ana": "direct", "ben": "direct"}
        elif name == "nat":
            _, (ana_ns,) = net.build_home(1, nat="masq")
            _, (ben_ns,) = net.build_home(2, nat="masq")
            expect = lambda who, path: path in ("host->srflx", "host->prflx")
            verdicts_wanted = {"ana": "direct", "ben": "direct"}
        elif name == "symmetric":
            _, (ana_ns,) = net.build_home(1, nat="random")
            _, (ben_ns,) = net.build_home(2, nat="random")
            expect = lambda who, path: "relay" in path
            verdicts_wanted = {"ana": "turn-udp", "ben": "turn-udp"}
        elif name == "udp-block":
            _, (ana_ns,) = net.build_home(1, nat="masq")
            _, (ben_ns,) = net.build_home(2, nat="masq", block_udp=True)
            # Ben reaches TURN over TCP; Ana sees Ben's relay (or uses her own UDP relay).
            expect = lambda who, path: path.startswith("relay/tcp->") if who == "ben" else "relay" in path
            verdicts_wanted = {"ana": "direct", "ben": "turn-tcp"}
        elif name == "moved":
            _, (ana_ns,) = net.build_home(1, nat="masq", second_lan=True)
            _, (ben_ns,) = net.build_home(2, nat="masq")
            expect = lambda who, path: path in ("host->srflx", "host->prflx")
            verdicts_wanted = {"ana": "direct", "ben": "direct"}
        else:
            raise ValueError(f"unknown scenario {name}")
        services, url = start_services(net, collab, workdir)
        children += services
        verdicts = {"ana": doctor(collab, ana_ns, url), "ben": doctor(collab, ben_ns, url)}
        if verdicts != verdicts_wanted:
            raise RuntimeError(f"collab doctor said {verdicts}, expected {verdicts_wanted}")

        common = ["--server", url, "--secret", ROOM_SECRET]
        ana = Child("ana", ["ip", "netns", "exec", ana_ns, collab, "host", "--name", "Ana", *common, "--log-level", "debug"],
                    log=open(os.path.join(workdir, f"{name}-ana.log"), "w"))
        children.append(ana)
        code = ana.wait_for(r"room (\w{6}) created", 30).group(1)
        joined_at = time.monotonic()
        ben = Child("ben", ["ip", "netns", "exec", ben_ns, collab, "join", code, "--name", "Ben", *common,
                            "--log-level", "debug"],
                    log=open(os.path.join(workdir, f"{name}-ben.log"), "w"))
        children.append(ben)
        ben.wait_for(r"^joined room ", 30)
        in_room = time.monotonic()
        ben.wait_for(r"^\* Ana is connected", 30)
        link_up = time.monotonic() - in_room
        started = in_room - joined_at
        ana.wait_for(r"^\* Ben is connected", 30)
        ben.type("hello from Ben")
        ana.wait_for(r"^<Ben> hello from Ben$", 15)
        ana.type("hello from Ana")
        ben.wait_for(r"^<Ana> hello from Ana$", 15)
        pairs = {}
        for child, other in ((ana, "Ben"), (ben, "Ana")):
            child.type("/peers")
            pairs[child.name] = child.wait_for(rf"^- {other} .*pair (\S+)", 15).group(1)
        for who, path in pairs.items():
            if not expect(who, path):
                raise RuntimeError(f"{who}'s selected pair is {path}: not what the {name} scenario should give")
        summary = (f"{name}: link up {link_up * 1000:.0f} ms after Ben joined the room ({started * 1000:.0f} ms from "
                   f"starting `collab join` to joined), pairs {pairs}, doctor {verdicts}")
        if name == "moved":
            # Ana's Wi-Fi goes away: the address her link uses disappears, the cable stays.
            run("ip", "-n", ana_ns, "addr", "del", "192.168.1.10/24", "dev", "eth0")
            cut = time.monotonic()
            for number in range(1, 4):
                ana.type(f"after move {number}")
            ben.wait_for(r"^<Ana> after move 3$", 60)
            back = time.monotonic() - cut
            got = [line for line in ben.seen if line.startswith("<Ana> after move")]
            if got != [f"<Ana> after move {n}" for n in range(1, 4)]:
                raise RuntimeError(f"Ben received {got} after the move")
            ben.type("still here")
            ana.wait_for(r"^<Ben> still here$", 30)
            # RFC 8445 §9 restart on the running link: DTLS and SCTP stayed up, no link was replaced.
            with open(os.path.join(workdir, f"{name}-ana.log"), errors="replace") as handle:
                ana_log = handle.read()
            if "restarting ICE" not in ana_log:
                raise RuntimeError("Ana did not restart ICE after her address vanished")
            if "restarting peer link" in ana_log or "renegotiating" in ana_log:
                raise RuntimeError("Ana replaced the link instead of restarting ICE on it")
            if not any("selected pair" in line and "192.168.2." in line for line in ana_log.splitlines()):
                raise RuntimeError("Ana's restarted ICE selected no pair on her cable address (192.168.2.10)")
            ana.type("/peers")
            moved_pair = ana.wait_for(r"^- Ben .*pair (\S+)", 15).group(1)
            summary += (f"; after the address vanished, ICE restarted on the running link ({moved_pair} from the cable) "
                        f"and chat flowed again in {back * 1000:.0f} ms")
        return summary
    finally:
        for child in reversed(children):
            child.stop()
        net.down()


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    collab = os.path.abspath(sys.argv[1])
    wanted = sys.argv[2:] or SCENARIOS
    workdir = tempfile.mkdtemp(prefix="collab-homes-")
    failures = []
    for name in wanted:
        print(f"homes: {name}", flush=True)
        try:
            print("homes: " + scenario(collab, name, workdir), flush=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported the same way
            failures.append(name)
            print(f"homes: {name}: FAIL: {error}", file=sys.stderr, flush=True)
            for log in sorted(os.listdir(workdir)):
                if log.startswith(name) or log in ("serve.log",):
                    with open(os.path.join(workdir, log), errors="replace") as handle:
                        tail = handle.read()[-4000:]
                    print(f"--- {log} (tail) ---\n{tail}", file=sys.stderr)
    if failures:
        print(f"homes: FAIL ({', '.join(failures)}); logs in {workdir}", file=sys.stderr)
        return 1
    if not os.environ.get("HOMES_KEEP"):
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"homes: pass ({len(wanted)} scenarios)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
