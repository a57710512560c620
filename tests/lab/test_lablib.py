#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests (no root) of the lab's pure Python parts: scenario parsing, routing, tool-output parsers."""

import glob
import ipaddress
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lablib import lab  # noqa: E402
from lablib import measure as ms  # noqa: E402
from lablib import scenario as scn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def has_route(sc, node, subnet):
    if any(scn.link_by_name(sc, l).get("ipv4") == subnet or scn.link_by_name(sc, l).get("ipv6") == subnet
           for l in sc["nodes"][node]["links"]):
        return True
    return any(r[1] in (subnet, "default") and (r[0] == "ipv6") == (":" in subnet)
               for r in sc["routes"][node])


class ScenarioTest(unittest.TestCase):
    def test_shipped_scenarios_parse_and_route(self):
        files = sorted(glob.glob(os.path.join(HERE, "scenarios", "*.json")))
        names = {os.path.basename(f)[:-5] for f in files}
        self.assertTrue({"two-hosts", "chain-6", "bottleneck", "lossy", "nat-pair", "mesh-6"} <= names)
        for f in files:
            sc = scn.load(f)
            for l in sc["links"]:
                for fam in ("ipv4", "ipv6"):
                    if fam in l:
                        self.assertTrue(ipaddress.ip_network(l[fam]).is_private, f)
            if any("nat" in n for n in sc["nodes"]):
                continue  # NAT hides the inside subnets (test_nat_hides_inside_subnets)
            for node in sc["nodes"]:  # without NAT every node reaches every subnet
                for l in sc["links"]:
                    for fam in ("ipv4", "ipv6"):
                        self.assertTrue(has_route(sc, node, l[fam]), f"{sc['name']} {node} {l[fam]}")

    def test_nat_hides_inside_subnets(self):
        sc = scn.load(os.path.join(HERE, "scenarios", "nat-pair.json"))
        self.assertFalse(has_route(sc, "inet", "192.168.1.0/24"))
        self.assertFalse(has_route(sc, "inet", "192.168.2.0/24"))
        self.assertFalse(any(r[1].startswith("192.168.") for r in sc["routes"]["pub"]))
        self.assertTrue(has_route(sc, "inet", "fd00:60:a::/64"))  # IPv6 is routed end to end
        ladder = scn.load(os.path.join(HERE, "scenarios", "nat-ladder.json"))
        for inside in ("192.168.1.0/24", "192.168.3.0/24", "192.168.9.0/24"):
            self.assertFalse(has_route(ladder, "inet", inside), inside)
        self.assertTrue(has_route(ladder, "f", "10.80.0.0/24"))  # f reaches the bus through e and nate
        self.assertTrue(has_route(ladder, "inet", "fd00:81:9::/64"))
        self.assertTrue(has_route(sc, "a", "10.60.3.0/24"))

    def test_chain_default_routes_and_forwarder_config(self):
        sc = scn.load(os.path.join(HERE, "scenarios", "chain-6.json"))
        self.assertIn(("ipv4", "default", "10.20.1.2", "l1"), sc["routes"]["h1"])
        cfg = scn.forwarder_config(sc)
        self.assertIn("link l3 l3a l3b", cfg)
        self.assertNotIn("link l5 ", cfg)  # no delay/loss on l5: a plain veth, no forwarder
        self.assertIn("dir l6 a2b delay_ms=3", cfg)

    def test_rejects_bad_scenarios(self):
        base = '{"nodes": [{"name": "h1"}, {"name": "h2"}], "links": [%s]}'
        bad = {
            '{"name": "l1", "a": "h1", "b": "h2", "ipv4": "8.8.8.0/24"}': "private",
            '{"name": "l1", "a": "h1", "b": "h2", "ipv4": "10.0.0.0/24", "both": {"dely_ms": 1}}': "unknown",
            '{"name": "l1", "a": "h1", "b": "hx", "ipv4": "10.0.0.0/24"}': "not a node",
            '{"name": "l1", "a": "h1", "b": "h2", "ipv4": "10.0.0.0/24", "both": {"loss_pct": 120}}': "percentage",
            '{"name": "l1", "a": "h1", "b": "h2", "ipv4": "10.0.0.0/24", "both": {"gilbert": {"p": 2, "r": 0}}}': "gilbert",
            '{"name": "l1", "a": "h1", "b": "h2", "ipv4": "10.0.0.0/24", "both": {"rate_mbit": 10, "burst_bytes": 1500}}': "burst",
        }
        for link, needle in bad.items():
            with self.assertRaises(scn.ScenarioError) as cm:
                sc = scn.parse(__import__("json").loads(base % link))
                for l in sc["links"]:  # burst is checked when tbf parameters are derived
                    for d in ("a_to_b", "b_to_a"):
                        if l[d].get("rate_mbit"):
                            scn.tbf_params(l[d])
            self.assertIn(needle, str(cm.exception))

    def test_icmp_proxy_router(self):
        sc = scn.load(os.path.join(HERE, "scenarios", "icmp-proxy.json"))
        self.assertTrue(sc["nodes"]["r1"]["icmp_proxy"])
        self.assertFalse(sc["nodes"]["h1"]["icmp_proxy"])
        rules = lab._iptables_rules(sc, "r1")
        # Echo requests in both families go to the router itself (nat PREROUTING), nothing else.
        self.assertIn(("iptables", ["-t", "nat", "-A", "PREROUTING", "-p", "icmp", "--icmp-type",
                                    "echo-request", "-j", "REDIRECT"]), rules)
        self.assertIn(("ip6tables", ["-t", "nat", "-A", "PREROUTING", "-p", "ipv6-icmp",
                                     "--icmpv6-type", "echo-request", "-j", "REDIRECT"]), rules)
        self.assertEqual(len(rules), 2)
        self.assertEqual(lab._iptables_rules(sc, "h2"), [])
        self.assertEqual([a[1] for _, a in lab.icmp_proxy_rules(delete=True)], ["nat", "nat"])
        self.assertTrue(all("-D" in a for _, a in lab.icmp_proxy_rules(delete=True)))
        # The far leg carries the 150 ms RTT; the client's own leg has no forwarder.
        cfg = scn.forwarder_config(sc)
        self.assertIn("dir l2 a2b delay_ms=75", cfg)
        self.assertNotIn("link l1 ", cfg)
        base = '{"nodes": [%s, {"name": "h2"}], "links": []}'
        for node, needle in (('{"name": "h1", "role": "host", "icmp_proxy": true}', "only on a router"),
                             ('{"name": "r1", "role": "router", "icmp_proxy": "yes"}', "true or false")):
            with self.assertRaises(scn.ScenarioError) as cm:
                scn.parse(__import__("json").loads(base % node))
            self.assertIn(needle, str(cm.exception))

    def test_tbf_burst_at_least_two_frames(self):
        t = scn.tbf_params({"rate_mbit": 100})
        self.assertGreaterEqual(t["burst"], 2 * 1514)
        self.assertEqual(t["rate_bit"], 100_000_000)


class MeasureTest(unittest.TestCase):
    PING = """PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=20.1 ms
64 bytes from 10.0.0.2: icmp_seq=3 ttl=64 time=20.3 ms
64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=25.0 ms
From 10.0.0.5 icmp_seq=4 Time to live exceeded

--- 10.0.0.2 ping statistics ---
5 packets transmitted, 3 received, 40% packet loss, time 801ms
rtt min/avg/max/mdev = 20.100/21.800/25.000/2.200 ms
"""

    def test_parse_ping(self):
        r = ms.parse_ping(self.PING)
        self.assertEqual(r["sent"], 5)
        self.assertEqual(r["received"], 3)
        self.assertEqual(r["order"], [1, 3, 2])
        self.assertEqual(ms.out_of_order(r["order"]), 1)
        self.assertEqual(r["ttl_exceeded"], [4])
        self.assertAlmostEqual(r["avg"], 21.8)
        self.assertAlmostEqual(ms.median(list(r["rtts"].values())), 20.3)

    def test_loss_runs_and_intervals(self):
        self.assertEqual(ms.loss_runs([1, 2, 5, 6, 10], 1, 10), [2, 3])
        lo, hi = ms.binomial_interval(3000, 0.02)
        self.assertTrue(39 < lo < 41 and 79 < hi < 81)
        self.assertAlmostEqual(ms.gilbert_loss(0.01, 0.25), 0.01 / 0.26)
        self.assertGreater(ms.gilbert_inflation(0.01, 0.25), 6)

    def test_parse_traceroute(self):
        hops = ms.parse_traceroute("traceroute to x\n 1  10.0.0.1  0.5 ms\n 2  *\n 3  fd00::1  1.0 ms\n")
        self.assertEqual(hops, {1: ["10.0.0.1"], 2: ["*"], 3: ["fd00::1"]})

    def test_parse_fping(self):
        out = ms.parse_fping_summary("10.0.0.2 : xmt/rcv/%loss = 4/4/0%, min/avg/max = 1.0/2.5/3.0\n"
                                     "10.0.0.3 : xmt/rcv/%loss = 4/0/100%\n")
        self.assertEqual(out["10.0.0.2"], (4, 4, 2.5, 1.0))
        self.assertEqual(out["10.0.0.3"], (4, 0, None, None))


if __name__ == "__main__":
    unittest.main()
