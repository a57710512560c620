# SPDX-License-Identifier: GPL-3.0-or-later
"""Parses the output of independent tools (ping, traceroute, iperf3, fping) and states tolerances (pure)."""

import json
import math
import re
import statistics

Z99 = 2.5758  # two-sided 99 % normal quantile


def parse_ping(text):
    """iputils ping output -> {'rtts': {seq: ms}, 'order': [seq...], 'sent': n, 'received': n,
    'ttl_exceeded': [seq...]}; per-line data, so order and gaps are visible."""
    rtts, order, exceeded = {}, [], []
    for m in re.finditer(r"icmp_seq=(\d+)(?:\s+ttl=\d+)?\s+time=([\d.]+) ms", text):
        seq = int(m.group(1))
        if seq not in rtts:
            rtts[seq] = float(m.group(2))
            order.append(seq)
    for m in re.finditer(r"icmp_seq=(\d+) Time to live exceeded", text):
        exceeded.append(int(m.group(1)))
    am = re.search(r"rtt min/avg/max/mdev = [\d.]+/([\d.]+)/", text)
    sm = re.search(r"(\d+) packets transmitted, (\d+) received", text)
    sent = int(sm.group(1)) if sm else 0
    received = int(sm.group(2)) if sm else len(rtts)
    return {"rtts": rtts, "order": order, "sent": sent, "received": received,
            "ttl_exceeded": exceeded, "avg": float(am.group(1)) if am else float("nan")}


def median(values):
    return statistics.median(values) if values else float("nan")


def out_of_order(order):
    """Replies that arrive after a higher sequence number already did."""
    count, highest = 0, -1
    for seq in order:
        if seq < highest:
            count += 1
        highest = max(highest, seq)
    return count


def loss_runs(received_seqs, first, last):
    """Lengths of the runs of consecutive missing sequence numbers in [first, last]."""
    got = set(received_seqs)
    runs, cur = [], 0
    for s in range(first, last + 1):
        if s in got:
            if cur:
                runs.append(cur)
            cur = 0
        else:
            cur += 1
    if cur:
        runs.append(cur)
    return runs


def binomial_interval(n, p, z=Z99, inflation=1.0):
    """Normal-approximation interval for a count of n Bernoulli(p) trials. inflation > 1 widens it
    for correlated trials (variance factor of a two-state Markov chain, see gilbert_inflation)."""
    mean = n * p
    half = z * math.sqrt(n * p * (1 - p) * inflation)
    return max(0.0, mean - half), mean + half


def gilbert_loss(p, r):
    return p / (p + r)


def gilbert_inflation(p, r):
    """Variance factor (1 + l) / (1 - l), l = 1 - p - r: the lag correlation of the loss state."""
    lam = 1.0 - p - r
    return (1 + lam) / (1 - lam)


def mean_burst_interval(r, bursts, z=Z99):
    """Mean of `bursts` geometric(r) run lengths: mean 1/r, sd sqrt(1-r)/r."""
    mean = 1.0 / r
    if bursts <= 0:
        return mean, mean
    half = z * math.sqrt(1 - r) / r / math.sqrt(bursts)
    return mean - half, mean + half


def parse_traceroute(text):
    """traceroute -n -> {ttl: [addresses or '*', ...]}"""
    hops = {}
    for line in text.splitlines():
        m = re.match(r"^\s*(\d+)\s+(.*)$", line)
        if not m:
            continue
        items = re.findall(r"\*|[0-9a-fA-F:.]+(?=\s+[\d.]+ ms)", m.group(2))
        hops[int(m.group(1))] = items
    return hops


def iperf3_goodput_bps(json_text):
    """Receiver-side TCP goodput from iperf3 -J."""
    data = json.loads(json_text)
    return float(data["end"]["sum_received"]["bits_per_second"])


def tcp_goodput_fraction(mtu=1500):
    """Payload share of an Ethernet frame for TCP with timestamps: (MTU-20-32)/(MTU+14)
    (20 B IPv4, 32 B TCP with the timestamp option, 14 B Ethernet header that tbf counts)."""
    return (mtu - 52) / (mtu + 14)


def parse_fping_summary(text):
    """fping -q -c N summary lines -> {addr: (sent, received, avg_ms or None, min_ms or None)}"""
    out = {}
    for m in re.finditer(r"^(\S+)\s*: xmt/rcv/%loss = (\d+)/(\d+)/\d+%(?:, min/avg/max = "
                         r"([\d.]+)/([\d.]+)/[\d.]+)?", text, re.M):
        out[m.group(1)] = (int(m.group(2)), int(m.group(3)),
                           float(m.group(5)) if m.group(5) else None,
                           float(m.group(4)) if m.group(4) else None)
    return out
