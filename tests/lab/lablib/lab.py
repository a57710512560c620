# SPDX-License-Identifier: GPL-3.0-or-later
"""Brings a scenario up in network namespaces, records what it made, and tears it down again."""

import json
import os
import re
import secrets
import select
import shutil
import signal
import subprocess
import sys
import time

from . import scenario as scn

LAB_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO_DIR = os.path.join(LAB_DIR, "scenarios")
STATE_DIR = os.environ.get("PATHLENS_LAB_STATE_DIR", "/run/pathlens-lab")
DEFAULT_PREFIX_RE = re.compile(r"^pl[0-9a-f]{6}$")  # what new_prefix() makes; 'down --all' uses it
PREFIX_RE = re.compile(r"^[a-z][a-z0-9]{1,9}$")
FORWARDER_READY_S = 5.0   # the forwarder opens a few sockets: well under a second normally
STOP_GRACE_S = 2.0        # SIGTERM, then SIGKILL after this
MAX_LIFETIME_S = int(os.environ.get("PATHLENS_LAB_MAX_SECONDS", "7200"))  # forwarder hard stop
CPU_LATENCY_DEV = "/dev/cpu_dma_latency"
# Holds a PM QoS request of 0 µs until killed: the CPUs idle by polling instead of halting. Prints
# "held" once the request is in, so 'up' knows the lab runs with it.
_CPU_LATENCY_HOLDER = (
    "import os, struct, sys, time\n"
    "fd = os.open(sys.argv[1], os.O_WRONLY)\n"
    "os.write(fd, struct.pack('i', 0))\n"
    "print('held', flush=True)\n"
    "time.sleep(float(sys.argv[3]))\n")  # argv[2]: the lab's prefix, for 'down' to recognise it


class LabError(RuntimeError):
    """Something the lab could not do; the message says what to fix."""


def new_prefix():
    return "pl" + secrets.token_hex(3)


def check_prefix(prefix):
    if not PREFIX_RE.match(prefix or ""):
        raise LabError(f"prefix {prefix!r} must match {PREFIX_RE.pattern}")
    return prefix


def state_path(prefix):
    return os.path.join(STATE_DIR, prefix + ".json")


def run_dir(prefix):
    return os.path.join(STATE_DIR, prefix)


def netns_name(prefix, node):
    return f"{prefix}-{node}"


def resolve_scenario(name):
    if os.path.sep in name or name.endswith(".json"):
        return name
    path = os.path.join(SCENARIO_DIR, name + ".json")
    if not os.path.exists(path):
        known = sorted(f[:-5] for f in os.listdir(SCENARIO_DIR) if f.endswith(".json"))
        raise LabError(f"no scenario '{name}'; shipped: {', '.join(known)}")
    return path


def find_impair(explicit=None):
    candidates = [explicit, os.environ.get("PATHLENS_IMPAIR")]
    repo = os.path.dirname(os.path.dirname(LAB_DIR))
    for build in ("build", "build-debug"):
        candidates.append(os.path.join(repo, build, "tests", "lab", "pathlens-impair"))
    candidates.append(shutil.which("pathlens-impair"))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    raise LabError("pathlens-impair not found: build it (cmake --build build --target "
                   "pathlens-impair) or pass --impair PATH / set PATHLENS_IMPAIR")


def sh(argv, check=True, input_text=None, timeout=30):
    """Runs one command (bounded by timeout); raises LabError with its stderr on failure."""
    p = subprocess.run(argv, input=input_text, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise LabError(f"command failed ({p.returncode}): {' '.join(argv)}\n{p.stderr.strip()}")
    return p


def _write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
    os.replace(tmp, path)


def load_state(prefix):
    try:
        with open(state_path(prefix), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError):
        return None


def list_states():
    if not os.path.isdir(STATE_DIR):
        return []
    return sorted(f[:-5] for f in os.listdir(STATE_DIR) if f.endswith(".json"))


def existing_netns():
    p = sh(["ip", "-j", "netns", "list"], check=False)
    try:
        return [n["name"] for n in json.loads(p.stdout or "[]")]
    except json.JSONDecodeError:
        return []


# ---- up -----------------------------------------------------------------------------------------

NODE_SYSCTLS = [
    "net.ipv4.icmp_ratelimit=0",          # kernel default 1000 ms/peer would fake a rate-limiting hop
    "net.ipv6.icmp.ratelimit=0",
    "net.ipv4.ping_group_range=0 2147483647",  # unprivileged ICMP sockets, as Pathlens uses them
    "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
    "net.ipv6.conf.all.accept_ra=0", "net.ipv6.conf.default.accept_ra=0",
    "net.ipv6.conf.default.keep_addr_on_down=1",
]
WIRE_SYSCTLS = ["net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]


def _node_batch(sc, node):
    """`ip -batch` lines for one node: interfaces up with addresses, then routes."""
    lines = ["link set lo up"]
    for lname in sc["nodes"][node]["links"]:
        l = scn.link_by_name(sc, lname)
        for fam in ("ipv4", "ipv6"):
            if fam in l["addr"]:
                extra = " nodad" if fam == "ipv6" else ""
                lines.append(f"addr add {l['addr'][fam][node]}/{l['addr'][fam]['plen']} dev {lname}{extra}")
        # One segment per skb: without this, TCP over veth hands the wire 64 KiB GSO frames,
        # which the forwarder would delay and drop as one unit (a 2 % loss would hit ~44
        # segments at once). Measured: 65226-byte frames before, 1514 after.
        lines.append(f"link set {lname} gso_max_segs 1")
        lines.append(f"link set {lname} up")
    for fam, dest, via, dev in sc["routes"][node]:
        if dest == "default":  # batch lines take no -6: spell the family in the prefix
            dest = "::/0" if fam == "ipv6" else "0.0.0.0/0"
        lines.append(f"route add {dest} via {via} dev {dev}")
    return lines


def _iptables_rules(sc, node):
    """(tool, args) iptables commands for ICMP behaviour and NAT of one node."""
    n = sc["nodes"][node]
    rules = []
    icmp = n["icmp"]
    if icmp.get("time_exceeded") == "silent":
        rules.append(("iptables", ["-A", "OUTPUT", "-p", "icmp", "--icmp-type", "time-exceeded", "-j", "DROP"]))
        rules.append(("ip6tables", ["-A", "OUTPUT", "-p", "ipv6-icmp", "--icmpv6-type", "time-exceeded", "-j", "DROP"]))
    if "rate_per_s" in icmp:
        # Every ICMP message this router originates (echo replies, time exceeded, unreachable)
        # shares one token bucket, like a router's control-plane policer.
        limit = ["-m", "limit", "--limit", f"{icmp['rate_per_s']}/second", "--limit-burst", str(icmp.get("burst", 1))]
        rules.append(("iptables", ["-A", "OUTPUT", "-p", "icmp"] + limit + ["-j", "ACCEPT"]))
        rules.append(("iptables", ["-A", "OUTPUT", "-p", "icmp", "-j", "DROP"]))
        rules.append(("ip6tables", ["-A", "OUTPUT", "-p", "ipv6-icmp", "--icmpv6-type", "neighbour-solicitation", "-j", "ACCEPT"]))
        rules.append(("ip6tables", ["-A", "OUTPUT", "-p", "ipv6-icmp", "--icmpv6-type", "neighbour-advertisement", "-j", "ACCEPT"]))
        rules.append(("ip6tables", ["-A", "OUTPUT", "-p", "ipv6-icmp"] + limit + ["-j", "ACCEPT"]))
        rules.append(("ip6tables", ["-A", "OUTPUT", "-p", "ipv6-icmp", "-j", "DROP"]))
    if n.get("icmp_proxy"):
        rules += icmp_proxy_rules()
    if n["nat"]:
        out_link = scn.link_between(sc, node, n["nat"]["outside"])["name"]
        masq = ["-t", "nat", "-A", "POSTROUTING", "-o", out_link, "-j", "MASQUERADE"]
        if n["nat"]["type"] == "symmetric":
            masq.append("--random-fully")  # a fresh random port per mapping = endpoint-dependent
        rules.append(("iptables", masq))
        # Filtering: only replies to what an inside host sent may come in (address+port restricted).
        rules.append(("iptables", ["-A", "FORWARD", "-i", out_link, "-m", "conntrack", "--ctstate",
                                   "ESTABLISHED,RELATED", "-j", "ACCEPT"]))
        rules.append(("iptables", ["-A", "FORWARD", "-i", out_link, "-j", "DROP"]))
    return rules


def icmp_proxy_rules(delete=False):
    """The router answers echo requests it would forward as if it were their destination: DNAT
    (REDIRECT) to its own address on the incoming interface; conntrack rewrites the reply's source
    back to the far host, so the client sees the far host answering in well under a millisecond.
    Other protocols are forwarded untouched. delete=True gives the commands that undo it."""
    op = "-D" if delete else "-A"
    return [("iptables", ["-t", "nat", op, "PREROUTING", "-p", "icmp", "--icmp-type", "echo-request",
                          "-j", "REDIRECT"]),
            ("ip6tables", ["-t", "nat", op, "PREROUTING", "-p", "ipv6-icmp", "--icmpv6-type",
                           "echo-request", "-j", "REDIRECT"])]


def _tbf_commands(sc, ns_of):
    cmds = []
    for l in sc["links"]:
        for which, sender in (("a_to_b", l["a"]), ("b_to_a", l["b"])):
            d = l[which]
            if d.get("rate_mbit"):
                t = scn.tbf_params(d)
                cmds.append(["ip", "netns", "exec", ns_of[sender], "tc", "qdisc", "replace", "dev",
                             l["name"], "root", "tbf", "rate", f"{t['rate_bit']}bit",
                             "burst", str(t["burst"]), "limit", str(t["limit"])])
    return cmds


def up(scenario_name, prefix=None, impair=None, log=False, spin_us=None, owner_pid=None):
    """Builds the scenario. owner_pid: a process whose death makes the lab garbage (see gc)."""
    path = resolve_scenario(scenario_name)
    sc = scn.load(path, os.path.basename(path)[:-5])
    prefix = check_prefix(prefix or os.environ.get("PATHLENS_LAB_PREFIX") or new_prefix())
    gc()  # labs of killed test runs (owner gone) go first; live labs are never touched
    os.makedirs(run_dir(prefix), exist_ok=True)
    if load_state(prefix) or any(n.startswith(prefix + "-") for n in existing_netns()):
        down(prefix)  # idempotent: a second 'up' replaces the first
        os.makedirs(run_dir(prefix), exist_ok=True)
    need_wire = any(l["forwarder"] for l in sc["links"])
    impair_bin = find_impair(impair) if need_wire else None
    ns_of = {n: netns_name(prefix, n) for n in sc["nodes"]}
    all_ns = list(ns_of.values()) + ([netns_name(prefix, "wire")] if need_wire else [])
    state = {"prefix": prefix, "scenario": sc["name"], "scenario_path": os.path.abspath(path),
             "created": time.time(), "complete": False, "owner_pid": owner_pid, "namespaces": all_ns,
             "forwarder": None, "nodes": {}, "links": sc["links"]}
    _write_json(state_path(prefix), state)  # intent first: 'down' can undo a half-made lab
    try:
        for ns in all_ns:
            sh(["ip", "netns", "add", ns])
        for node, ns in ns_of.items():
            sysctls = NODE_SYSCTLS[:]
            if sc["nodes"][node]["role"] == "router":
                sysctls += ["net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"]
            sh(["ip", "netns", "exec", ns, "sysctl", "-q", "-w"] + sysctls)
        if need_wire:
            wire = netns_name(prefix, "wire")
            sh(["ip", "netns", "exec", wire, "sysctl", "-q", "-w"] + WIRE_SYSCTLS)
        wire_batch = ["link set lo up"]
        for l in sc["links"]:
            na, nb = ns_of[l["a"]], ns_of[l["b"]]
            if l["forwarder"]:
                wire = netns_name(prefix, "wire")
                sh(["ip", "-n", na, "link", "add", l["name"], "type", "veth", "peer", "name",
                    l["name"] + "a", "netns", wire])
                sh(["ip", "-n", nb, "link", "add", l["name"], "type", "veth", "peer", "name",
                    l["name"] + "b", "netns", wire])
                wire_batch += [f"link set {l['name']}a up", f"link set {l['name']}b up"]
            else:
                sh(["ip", "-n", na, "link", "add", l["name"], "type", "veth", "peer", "name",
                    l["name"], "netns", nb])
        for node, ns in ns_of.items():
            sh(["ip", "-n", ns, "-batch", "-"], input_text="\n".join(_node_batch(sc, node)) + "\n")
            for tool, args in _iptables_rules(sc, node):
                sh(["ip", "netns", "exec", ns, tool] + args)
        for cmd in _tbf_commands(sc, ns_of):
            sh(cmd)
        state["cpu_latency_hold"] = _hold_cpu_latency(prefix)
        _write_json(state_path(prefix), state)
        if need_wire:
            sh(["ip", "-n", netns_name(prefix, "wire"), "-batch", "-"], input_text="\n".join(wire_batch) + "\n")
            state["forwarder"] = _start_forwarder(sc, prefix, impair_bin, log, spin_us)
        for node in sc["nodes"]:
            state["nodes"][node] = {"netns": ns_of[node], "role": sc["nodes"][node]["role"],
                                    "interfaces": scn.node_addresses(sc, node)}
        state["complete"] = True
        _write_json(state_path(prefix), state)
    except Exception:
        _write_json(state_path(prefix), state)
        down(prefix)
        raise
    return state


def _hold_cpu_latency(prefix):
    """Keeps every CPU out of deep idle while the lab is up (a PM QoS request of 0 µs on
    /dev/cpu_dma_latency, dropped by the kernel when the holder exits). On a VM whose host is busy a
    halted vCPU waits for the host to run it again: with 2,500 packets/s through a tbf this machine
    lost 37 % of its CPU time to the host ("steal" in /proc/stat) and the shaper delivered 15.6–18.0
    of its 19.8 Mbit/s; holding the request, steal 0 and 19.81 in every run. None where the device is
    missing (a container): the lab works, with that caveat."""
    if not os.path.exists(CPU_LATENCY_DEV):
        return None
    # The lab's prefix rides along as an argument, so 'down' can tell this lab's holder by its
    # command line even if the pid is reused.
    proc = subprocess.Popen([sys.executable, "-c", _CPU_LATENCY_HOLDER, CPU_LATENCY_DEV, prefix, str(MAX_LIFETIME_S)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    ready, _, _ = select.select([proc.stdout], [], [], FORWARDER_READY_S)
    line = proc.stdout.readline().decode(errors="replace").strip() if ready else ""
    if line != "held":
        if proc.poll() is None:
            proc.kill()
        _, err = proc.communicate(timeout=STOP_GRACE_S)
        why = (err.decode(errors="replace").strip().splitlines() or ["no answer"])[-1]  # the exception's own line
        raise LabError(f"could not hold {CPU_LATENCY_DEV} at 0 µs: {why} (needs root)")
    proc.stdout.close()
    proc.stderr.close()
    return {"pid": proc.pid}


def _start_forwarder(sc, prefix, impair_bin, log, spin_us):
    rd = run_dir(prefix)
    cfg = os.path.join(rd, "impair.conf")
    with open(cfg, "w", encoding="utf-8") as f:
        f.write(scn.forwarder_config(sc))
    files = {"config": cfg, "stats": os.path.join(rd, "impair-stats.json"),
             "ready": os.path.join(rd, "impair.ready"), "stderr": os.path.join(rd, "impair.err")}
    argv = ["ip", "netns", "exec", netns_name(prefix, "wire"), impair_bin, "--config", cfg,
            "--stats", files["stats"], "--ready", files["ready"], "--max-seconds", str(MAX_LIFETIME_S)]
    if log:
        files["log"] = os.path.join(rd, "impair-log.txt")
        argv += ["--log", files["log"]]
    if spin_us is not None:
        argv += ["--spin-us", str(int(spin_us))]
    for stale in (files["ready"], files["stats"]):
        if os.path.exists(stale):
            os.unlink(stale)
    with open(files["stderr"], "w", encoding="utf-8") as err:
        # Own session: the forwarder outlives labctl and is stopped only by 'down' (or max-seconds).
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=err, stderr=err,
                                start_new_session=True)
    deadline = time.monotonic() + FORWARDER_READY_S
    while time.monotonic() < deadline:
        if os.path.exists(files["ready"]):
            return {"pid": proc.pid, "binary": impair_bin, **files}
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    with open(files["stderr"], encoding="utf-8") as f:
        msg = f.read().strip()
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=STOP_GRACE_S)
    raise LabError(f"pathlens-impair did not start: {msg or 'no output'}")


# ---- down ---------------------------------------------------------------------------------------

def _pid_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _stop_pids(pids):
    """SIGTERM, wait up to STOP_GRACE_S, then SIGKILL. Only ever called with pids the lab owns."""
    pids = [p for p in pids if p > 1 and p != os.getpid()]
    for p in pids:
        try:
            os.kill(p, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + STOP_GRACE_S
    while time.monotonic() < deadline and any(_pid_alive(p) for p in pids):
        for p in pids:  # reap our own children, if any
            try:
                os.waitpid(p, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.02)
    for p in pids:
        if _pid_alive(p):
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _pid_if_ours(record, needle):
    """The pid in a state record while that process still runs what we started (its command line
    holds needle: a guard against pid reuse)."""
    pid = record.get("pid") if record else None
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().decode(errors="replace")
    except OSError:
        return None
    return pid if needle in cmdline else None


def down(prefix):
    """Removes everything of one lab: forwarder, processes in its namespaces, namespaces, state.
    Safe to call any number of times, with or without a state file."""
    check_prefix(prefix)
    state = load_state(prefix) or {}
    fwd, hold = state.get("forwarder"), state.get("cpu_latency_hold")
    pids = [_pid_if_ours(fwd, fwd["config"]) if fwd else None, _pid_if_ours(hold, f"{CPU_LATENCY_DEV}\0{prefix}\0")]
    _stop_pids([p for p in pids if p])
    names = set(state.get("namespaces", [])) | {n for n in existing_netns() if n.startswith(prefix + "-")}
    present = set(existing_netns())
    for ns in sorted(names & present):
        pids = sh(["ip", "netns", "pids", ns], check=False).stdout.split()
        _stop_pids([int(p) for p in pids if p.isdigit()])
        sh(["ip", "netns", "del", ns], check=False)
    left = [n for n in existing_netns() if n.startswith(prefix + "-")]
    if left:
        raise LabError(f"could not delete namespaces {left}")
    shutil.rmtree(run_dir(prefix), ignore_errors=True)
    try:
        os.unlink(state_path(prefix))
    except FileNotFoundError:
        pass
    return sorted(names)


def down_all():
    prefixes = set(list_states())
    prefixes |= {n.split("-", 1)[0] for n in existing_netns()
                 if "-" in n and DEFAULT_PREFIX_RE.match(n.split("-", 1)[0])}
    removed = []
    for p in sorted(prefixes):
        removed += down(p)
    return removed


def gc():
    """Removes labs whose owner process has died (a test run killed by a timeout)."""
    removed = []
    for p in list_states():
        st = load_state(p) or {}
        owner = st.get("owner_pid")
        if owner and not _pid_alive(int(owner)):
            removed += down(p)
    return removed


# ---- use ----------------------------------------------------------------------------------------

def pick_prefix(prefix=None):
    prefix = prefix or os.environ.get("PATHLENS_LAB_PREFIX")
    if prefix:
        return check_prefix(prefix)
    states = list_states()
    if len(states) == 1:
        return states[0]
    raise LabError("which lab? pass --prefix or set PATHLENS_LAB_PREFIX (running: "
                   + (", ".join(states) or "none") + ")")


def require_state(prefix):
    state = load_state(prefix)
    if not state or not state.get("complete"):
        raise LabError(f"lab '{prefix}' is not up (labctl up SCENARIO --prefix {prefix})")
    return state


def exec_argv(state, host, cmd):
    if host not in state["nodes"]:
        raise LabError(f"no host '{host}' in {state['scenario']}; hosts: {', '.join(state['nodes'])}")
    return ["ip", "netns", "exec", state["nodes"][host]["netns"]] + list(cmd)


def address(state, host, family="ipv4", link=None):
    ifs = state["nodes"][host]["interfaces"]
    for lname in ([link] if link else sorted(ifs)):
        if family in ifs.get(lname, {}):
            return ifs[lname][family]
    raise LabError(f"{host} has no {family} address" + (f" on {link}" if link else ""))


def forwarder_stats(state, timeout_s=2.0):
    """Asks the forwarder (SIGUSR1) for fresh stats and returns them parsed."""
    fwd = state.get("forwarder")
    pid = _pid_if_ours(fwd, fwd["config"]) if fwd else None
    if not pid:
        raise LabError("no forwarder running in this lab")
    before = os.stat(fwd["stats"]).st_mtime_ns if os.path.exists(fwd["stats"]) else 0
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if os.path.exists(fwd["stats"]) and os.stat(fwd["stats"]).st_mtime_ns != before:
            with open(fwd["stats"], encoding="utf-8") as f:
                return json.load(f)
        time.sleep(0.01)
    raise LabError("forwarder did not write its stats in time")
