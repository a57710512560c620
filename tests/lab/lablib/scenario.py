# SPDX-License-Identifier: GPL-3.0-or-later
"""Parses and validates a lab scenario (JSON) and derives addresses, routes and impairments (pure)."""

import ipaddress
import json
import re
from collections import deque

NAME_RE = re.compile(r"^[a-z][a-z0-9]{0,9}$")   # node names: short, they end up in netns names
LINK_RE = re.compile(r"^[a-z][a-z0-9]{0,11}$")  # link names: + 'a'/'b' must fit IFNAMSIZ-1 = 15
DIR_KEYS = {"delay_ms", "jitter_ms", "loss_pct", "gilbert", "rate_mbit", "burst_bytes",
            "queue_ms", "reorder_pct", "reorder_hold_ms", "seed"}
FORWARDER_KEYS = ("delay_ms", "jitter_ms", "loss_pct", "gilbert", "reorder_pct")
NAT_TYPES = ("port_restricted", "symmetric")
MTU = 1500          # veth default; every link keeps it
ETH_FRAME = MTU + 14  # tbf counts the Ethernet header too


class ScenarioError(ValueError):
    """A scenario file that cannot be built; the message names the field and the fix."""


def _check_keys(obj, allowed, where):
    unknown = set(obj) - set(allowed)
    if unknown:
        raise ScenarioError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


def _direction(link, which):
    """Merges 'both' with 'a_to_b'/'b_to_a' and validates the result."""
    merged = dict(link.get("both", {}))
    merged.update(link.get(which, {}))
    where = f"link {link['name']} {which}"
    _check_keys(merged, DIR_KEYS, where)
    for key in ("delay_ms", "jitter_ms", "loss_pct", "rate_mbit", "reorder_pct"):
        if key in merged and not (isinstance(merged[key], (int, float)) and merged[key] >= 0):
            raise ScenarioError(f"{where}: {key} must be a number >= 0")
    for key in ("loss_pct", "reorder_pct"):
        if merged.get(key, 0) > 100:
            raise ScenarioError(f"{where}: {key} is a percentage (0..100)")
    if "gilbert" in merged:
        g = merged["gilbert"]
        if not (isinstance(g, dict) and set(g) == {"p", "r"}
                and all(isinstance(g[k], (int, float)) and 0 <= g[k] <= 1 for k in "pr")):
            raise ScenarioError(f"{where}: gilbert must be {{\"p\": P(good->bad), \"r\": P(bad->good)}}"
                                " with probabilities in 0..1")
    if merged.get("rate_mbit", 0) > 1000:
        raise ScenarioError(f"{where}: rate_mbit above 1000 is not ground truth here (MEASURED.md)")
    return merged


def needs_forwarder(link):
    if "forwarder" in link:
        return bool(link["forwarder"])
    return any(link[d].get(k) for d in ("a_to_b", "b_to_a") for k in FORWARDER_KEYS)


def tbf_params(direction):
    """tbf burst/limit for a rate. Burst >= 2 x frame (MEASURED.md: a 1-MTU bucket delivers only
    88-91 % of 100 Mbit/s); queue_ms (default 50 ms) sizes the queue like a modest router buffer."""
    rate_bps = direction["rate_mbit"] * 1e6
    burst = int(direction.get("burst_bytes", 2 * ETH_FRAME))
    if burst < 2 * ETH_FRAME:
        raise ScenarioError(f"burst_bytes {burst} < 2 x {ETH_FRAME} (MEASURED.md: tbf under-delivers)")
    limit = max(int(rate_bps / 8 * direction.get("queue_ms", 50) / 1000), 4 * ETH_FRAME)
    return {"rate_bit": int(rate_bps), "burst": burst, "limit": limit}


def load(path_or_text, name_hint=None):
    if isinstance(path_or_text, str) and path_or_text.lstrip().startswith("{"):
        raw = json.loads(path_or_text)
    else:
        with open(path_or_text, encoding="utf-8") as f:
            try:
                raw = json.load(f)
            except json.JSONDecodeError as e:
                raise ScenarioError(f"{path_or_text}: not valid JSON: {e}") from e
    return parse(raw, name_hint)


def parse(raw, name_hint=None):
    """Returns a normalised scenario dict (nodes, links with addresses, routes) or raises."""
    _check_keys(raw, {"name", "description", "nodes", "links"}, "scenario")
    sc = {"name": raw.get("name", name_hint or "unnamed"),
          "description": raw.get("description", ""), "nodes": {}, "links": []}
    for node in raw.get("nodes", []):
        _check_keys(node, {"name", "role", "gateway", "icmp", "icmp_proxy", "nat", "comment"}, "node")
        name = node.get("name", "")
        if not NAME_RE.match(name):
            raise ScenarioError(f"node name '{name}' must match {NAME_RE.pattern}")
        if name in sc["nodes"] or name == "wire":
            raise ScenarioError(f"node name '{name}' is duplicated or reserved")
        role = node.get("role", "host")
        if role not in ("host", "router"):
            raise ScenarioError(f"node {name}: role must be host or router")
        icmp = node.get("icmp", {})
        _check_keys(icmp, {"time_exceeded", "rate_per_s", "burst"}, f"node {name} icmp")
        if icmp.get("time_exceeded", "normal") not in ("normal", "silent"):
            raise ScenarioError(f"node {name}: icmp.time_exceeded must be normal or silent")
        nat = node.get("nat")
        if nat is not None:
            _check_keys(nat, {"type", "outside"}, f"node {name} nat")
            if role != "router" or nat.get("type") not in NAT_TYPES or "outside" not in nat:
                raise ScenarioError(f"node {name}: nat needs role router, type one of {NAT_TYPES}"
                                    " and outside = the neighbour on the public side")
        # icmp_proxy: the router answers every ICMP echo it would forward, in the far host's
        # name (a satellite modem or CGNAT box faking a fast path; SPEC section 2 detects it).
        proxy = node.get("icmp_proxy", False)
        if not isinstance(proxy, bool) or (proxy and role != "router"):
            raise ScenarioError(f"node {name}: icmp_proxy must be true or false, and true only on a router")
        sc["nodes"][name] = {"name": name, "role": role, "gateway": node.get("gateway"),
                             "icmp": icmp, "icmp_proxy": proxy, "nat": nat, "links": []}
    if not sc["nodes"]:
        raise ScenarioError("scenario has no nodes")
    for link in raw.get("links", []):
        _check_keys(link, {"name", "a", "b", "ipv4", "ipv6", "both", "a_to_b", "b_to_a",
                           "forwarder", "comment"}, "link")
        lname = link.get("name", "")
        if not LINK_RE.match(lname) or any(l["name"] == lname for l in sc["links"]):
            raise ScenarioError(f"link name '{lname}' must be unique and match {LINK_RE.pattern}")
        for end in ("a", "b"):
            if link.get(end) not in sc["nodes"]:
                raise ScenarioError(f"link {lname}: {end} '{link.get(end)}' is not a node")
        if link["a"] == link["b"]:
            raise ScenarioError(f"link {lname}: a and b are the same node")
        out = {"name": lname, "a": link["a"], "b": link["b"], "addr": {}}
        for fam in ("ipv4", "ipv6"):
            if fam not in link:
                continue
            try:
                net = ipaddress.ip_network(link[fam], strict=True)
            except ValueError as e:
                raise ScenarioError(f"link {lname}: {fam} {link[fam]!r}: {e}") from e
            if (net.version == 4) != (fam == "ipv4") or not net.is_private or net.num_addresses < 4:
                raise ScenarioError(f"link {lname}: {fam} must be a private {fam} subnet "
                                    "(10/8, 172.16/12, 192.168/16, fd00::/8) with room for 2 hosts")
            out[fam] = str(net)
            out["addr"][fam] = {link["a"]: str(net.network_address + 1),
                                link["b"]: str(net.network_address + 2), "plen": net.prefixlen}
        if not out["addr"]:
            raise ScenarioError(f"link {lname}: give ipv4 and/or ipv6 subnets")
        out["a_to_b"] = _direction(link, "a_to_b")
        out["b_to_a"] = _direction(link, "b_to_a")
        out["forwarder"] = needs_forwarder({**link, **out})
        sc["links"].append(out)
        sc["nodes"][link["a"]]["links"].append(lname)
        sc["nodes"][link["b"]]["links"].append(lname)
    _check_subnets_disjoint(sc)
    for node in sc["nodes"].values():
        for key in ("gateway",):
            gw = node[key]
            if gw is not None and link_between(sc, node["name"], gw) is None:
                raise ScenarioError(f"node {node['name']}: gateway '{gw}' is not a direct neighbour")
        if node["nat"] and link_between(sc, node["name"], node["nat"]["outside"]) is None:
            raise ScenarioError(f"node {node['name']}: nat.outside must be a direct neighbour")
    sc["routes"] = compute_routes(sc)
    return sc


def _check_subnets_disjoint(sc):
    nets = [(l["name"], ipaddress.ip_network(l[f])) for l in sc["links"] for f in ("ipv4", "ipv6")
            if f in l]
    for i, (n1, a) in enumerate(nets):
        for n2, b in nets[i + 1:]:
            if a.version == b.version and a.overlaps(b):
                raise ScenarioError(f"links {n1} and {n2} have overlapping subnets {a} / {b}")


def link_between(sc, x, y):
    for l in sc["links"]:
        if {l["a"], l["b"]} == {x, y}:
            return l
    return None


def peer(link, node):
    return link["b"] if link["a"] == node else link["a"]


def link_by_name(sc, name):
    return next(l for l in sc["links"] if l["name"] == name)


def compute_routes(sc):
    """Static routes for every (node, subnet) not directly connected, by BFS over routers.

    Hosts never forward. A NAT router does not carry its inside subnets to its outside
    neighbours (IPv4 only: IPv6 is routed end to end, there is no NAT66 here).
    Returns {node: [(family, subnet, via_address, dev_link), ...]} plus default routes.
    """
    routes = {n: [] for n in sc["nodes"]}
    for target in sc["links"]:
        for fam in ("ipv4", "ipv6"):
            if fam not in target:
                continue
            # entered[node] = link through which BFS reached it (None for the subnet's own ends)
            entered = {target["a"]: None, target["b"]: None}
            queue = deque([target["a"], target["b"]])
            while queue:
                x = queue.popleft()
                nx = sc["nodes"][x]
                if nx["role"] != "router":
                    continue
                for lname in nx["links"]:
                    l = link_by_name(sc, lname)
                    if fam not in l:
                        continue
                    y = peer(l, x)
                    if y in entered:
                        continue
                    if fam == "ipv4" and nx["nat"] and y == nx["nat"]["outside"]:
                        came_in = entered[x]
                        from_outside = (came_in is not None and peer(link_by_name(sc, came_in), x)
                                        == nx["nat"]["outside"]) or (
                                            came_in is None and peer(target, x) == y)
                        if not from_outside:
                            continue  # inside subnet: invisible beyond the NAT
                    entered[y] = lname
                    routes[y].append((fam, target[fam], l["addr"][fam][x], lname))
                    queue.append(y)
    for node in sc["nodes"].values():
        if node["gateway"]:
            l = link_between(sc, node["name"], node["gateway"])
            for fam in ("ipv4", "ipv6"):
                if fam in l:
                    routes[node["name"]].append((fam, "default", l["addr"][fam][node["gateway"]],
                                                 l["name"]))
            if node["role"] == "host":
                # A host with a default gateway needs no specific route that uses the same next hop.
                routes[node["name"]] = [r for r in routes[node["name"]]
                                        if r[1] == "default" or r[3] != l["name"]]
    return routes


def node_addresses(sc, node):
    """{link: {'ipv4': addr, 'ipv6': addr, 'peer': name}} for one node."""
    out = {}
    for lname in sc["nodes"][node]["links"]:
        l = link_by_name(sc, lname)
        out[lname] = {"peer": peer(l, node)}
        for fam in ("ipv4", "ipv6"):
            if fam in l["addr"]:
                out[lname][fam] = l["addr"][fam][node]
    return out


def forwarder_config(sc):
    """Text for pathlens-impair --config (see impair/impair_config.h)."""
    key_map = {"delay_ms": "delay_ms", "jitter_ms": "jitter_ms", "loss_pct": "loss_pct",
               "reorder_pct": "reorder_pct", "reorder_hold_ms": "reorder_hold_ms", "seed": "seed"}
    lines = ["# generated by labctl from scenario " + sc["name"]]
    for i, l in enumerate(sc["links"]):
        if not l["forwarder"]:
            continue
        lines.append(f"link {l['name']} {l['name']}a {l['name']}b")
        for which, tag in (("a_to_b", "a2b"), ("b_to_a", "b2a")):
            d = l[which]
            kv = [f"{key_map[k]}={d[k]}" for k in key_map if k in d and k != "seed"]
            if "gilbert" in d:
                kv += [f"ge_p={d['gilbert']['p']}", f"ge_r={d['gilbert']['r']}"]
            # Default seed differs per link and direction so two links never drop in lockstep.
            kv.append(f"seed={d.get('seed', 1000 + 2 * i + (tag == 'b2a'))}")
            lines.append(f"dir {l['name']} {tag} " + " ".join(kv))
    return "\n".join(lines) + "\n"
