#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of every fuzz target to tests/fuzz/corpus/TARGET/ (run it again after a
format changes; the files are committed). Seeds are valid inputs, so the fuzzer starts inside each
parser instead of spending its runs on the first length check: the project's own fixtures where
there are some, otherwise packets built here field by field from the RFCs."""

import json
import os
import re
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(HERE, "corpus")
MAX_SEED = 16 * 1024  # libFuzzer's default -max_len is derived from the corpus; keep runs quick


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(proto, payload, src="10.0.0.1", dst="10.0.0.2", ttl=64, tos=0):
    a = bytes(int(x) for x in src.split("."))
    b = bytes(int(x) for x in dst.split("."))
    head = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), 0x1234, 0x4000, ttl, proto, 0, a, b)
    return head[:10] + struct.pack("!H", checksum(head)) + head[12:] + payload


def ipv6(next_header, payload, hop=64):
    src = bytes.fromhex("fd000000000000000000000000000001")
    dst = bytes.fromhex("fd000000000000000000000000000002")
    return struct.pack("!IHBB", 6 << 28, len(payload), next_header, hop) + src + dst + payload


def icmp(kind, code, rest, body):
    head = struct.pack("!BBH", kind, code, 0) + rest
    return struct.pack("!BBH", kind, code, checksum(head + body)) + rest + body


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(sport, dport, seq, ack, flags, payload=b"", options=b""):
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset << 4, flags, 64240, 0, 0) + options + payload


def ethernet(payload, ethertype=0x0800, vlan=None):
    head = bytes.fromhex("020000000002020000000001")
    if vlan is not None:
        head += struct.pack("!HH", 0x8100, vlan)
    return head + struct.pack("!H", ethertype) + payload


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data[:MAX_SEED])


def icmp_seeds():
    # First byte: bit 0 IPv6, bit 1 the datagram starts with its IP header (raw socket).
    quoted = ipv4(17, udp(40000, 33434, b"\0" * 12), ttl=1)
    exceeded = icmp(11, 0, b"\0" * 4, quoted)
    write("fuzz_icmp", "v4_time_exceeded", b"\x00" + exceeded)
    write("fuzz_icmp", "v4_time_exceeded_with_header", b"\x02" + ipv4(1, exceeded, src="10.0.1.1"))
    # RFC 4884/4950: the quoted datagram padded to 128 bytes, then an extension with two MPLS labels.
    padded = quoted.ljust(128, b"\0")
    labels = struct.pack("!II", (16001 << 12) | 0x100 | 0xFE, (16002 << 12) | 0x1FF)
    obj = struct.pack("!HBB", 4 + len(labels), 1, 1) + labels
    ext = struct.pack("!BBH", 0x20, 0, 0) + obj
    ext = ext[:2] + struct.pack("!H", checksum(ext)) + ext[4:]
    write("fuzz_icmp", "v4_time_exceeded_mpls", b"\x00" + icmp(11, 0, struct.pack("!BBH", 0, 32, 0), padded + ext))
    echo = icmp(0, 0, struct.pack("!HH", 0x4242, 7), b"pathlens" * 4)
    write("fuzz_icmp", "v4_echo_reply", b"\x00" + echo)
    write("fuzz_icmp", "v4_unreachable_port", b"\x00" + icmp(3, 3, b"\0" * 4, quoted))
    write("fuzz_icmp", "v4_frag_needed", b"\x00" + icmp(3, 4, struct.pack("!HH", 0, 1400), quoted))
    quoted6 = ipv6(17, udp(40000, 33434, b"\0" * 12), hop=1)
    write("fuzz_icmp", "v6_time_exceeded", b"\x01" + icmp(3, 0, b"\0" * 4, quoted6))
    write("fuzz_icmp", "v6_echo_reply", b"\x01" + icmp(129, 0, struct.pack("!HH", 0x4242, 7), b"pathlens"))
    write("fuzz_icmp", "v6_packet_too_big", b"\x01" + icmp(2, 0, struct.pack("!I", 1280), quoted6))


def dns_seeds():
    name = b"".join(bytes([len(p)]) + p for p in (b"gateway", b"lab")) + b"\0"
    question = name + struct.pack("!HH", 1, 1)
    answer = struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + bytes([10, 0, 0, 1])
    write("fuzz_dns_response", "a_response", struct.pack("!HHHHHH", 0x1234, 0x8180, 1, 1, 0, 0) + question + answer)
    write("fuzz_dns_response", "nxdomain", struct.pack("!HHHHHH", 0x1234, 0x8183, 1, 0, 0, 0) + question)
    write("fuzz_dns_response", "query", struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + question)
    write("fuzz_dns_response", "hostname", b"www.example.lab")


def http_seeds():
    write("fuzz_http_head", "ok_keepalive", b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
    write("fuzz_http_head", "via_proxy", b"HTTP/1.1 301 Moved Permanently\r\nVia: 1.1 squid\r\nLocation: /\r\n\r\nbody")
    write("fuzz_http_head", "http10_close", b"HTTP/1.0 404 Not Found\r\nServer: lab\r\n\r\n")
    write("fuzz_http_head", "partial", b"HTTP/1.1 200 OK\r\nContent-Type: text/pl")


def helper_seeds():
    write("fuzz_helper_request", "hello", b"hello version=1\n")
    write("fuzz_helper_request", "raw_open_icmp", b"raw-open family=inet protocol=icmp\n")
    write("fuzz_helper_request", "raw_open_icmpv6", b"raw-open family=inet6 protocol=icmpv6\n")
    write("fuzz_helper_request", "percent", b"error message=no%20such%20protocol%3D\n")


def stamp_seeds():
    # RFC 8762 §4.2.1 / §4.3.1: unauthenticated packets are 44 bytes, authenticated 112.
    ts = struct.pack("!II", 3_900_000_000, 0x80000000)
    sender = struct.pack("!I", 7) + ts + struct.pack("!H", 0x8001) + b"\0" * 30
    write("fuzz_stamp", "sender_unauth", sender)
    reflector = (struct.pack("!I", 9) + ts + struct.pack("!HH", 0x8001, 0) + ts + struct.pack("!I", 7) + ts
                 + struct.pack("!HH", 0x8001, 0) + bytes([64]) + b"\0" * 3)
    write("fuzz_stamp", "reflector_unauth", reflector)
    auth_sender = struct.pack("!I", 7) + b"\0" * 12 + ts + struct.pack("!H", 0x8001) + b"\0" * 70 + b"\x11" * 16
    write("fuzz_stamp", "sender_auth", auth_sender)


def stun_seeds():
    magic = 0x2112A442
    tid = bytes(range(1, 13))

    def message(kind, attrs):
        return struct.pack("!HHI", kind, len(attrs), magic) + tid + attrs

    def attr(kind, value):
        pad = (4 - len(value) % 4) % 4
        return struct.pack("!HH", kind, len(value)) + value + b"\0" * pad

    write("fuzz_stun", "binding_request", message(0x0001, b""))
    user = attr(0x0006, b"peer:me") + attr(0x0024, struct.pack("!I", 0x6E0001FF))
    write("fuzz_stun", "binding_request_ice", message(0x0001, user + attr(0x0008, b"\0" * 20) + attr(0x8028, b"\0" * 4)))
    xport = 8620 ^ (magic >> 16)
    xaddr = struct.unpack("!I", bytes([198, 51, 100, 7]))[0] ^ magic
    write("fuzz_stun", "binding_success", message(0x0101, attr(0x0020, struct.pack("!BBHI", 0, 1, xport, xaddr))))
    write("fuzz_stun", "binding_error", message(0x0111, attr(0x0009, struct.pack("!HBB", 0, 4, 1) + b"Unauthorized")))


def pcap_seeds():
    # First byte picks the link type (index 1 = Ethernet, 2 = raw IP, 4 = Linux SLL); then frames,
    # each behind a 2-byte big-endian length.
    c, s = ("10.0.0.1", 40000), ("10.0.0.2", 443)
    mss = b"\x02\x04\x05\xb4\x04\x02\x01\x01"  # MSS 1460, SACK permitted, NOP, NOP
    segments = [
        (c, s, tcp(c[1], s[1], 1000, 0, 0x02, options=mss)),
        (s, c, tcp(s[1], c[1], 5000, 1001, 0x12, options=mss)),
        (c, s, tcp(c[1], s[1], 1001, 5001, 0x10)),
        (c, s, tcp(c[1], s[1], 1001, 5001, 0x18, b"x" * 100)),
        (c, s, tcp(c[1], s[1], 1001, 5001, 0x18, b"x" * 100)),  # a retransmission
        (s, c, tcp(s[1], c[1], 5001, 1101, 0x10, options=b"\x01\x01\x05\x0a" + struct.pack("!II", 1001, 1101))),
        (c, s, tcp(c[1], s[1], 1101, 5001, 0x11)),
    ]

    def frames(wrap):
        out = b""
        for (src, dst, seg) in segments:
            f = wrap(ipv4(6, seg, src=src[0], dst=dst[0]))
            out += struct.pack("!H", len(f)) + f
        return out

    write("fuzz_pcap_decoder", "ethernet_flow", b"\x01" + frames(ethernet))
    write("fuzz_pcap_decoder", "vlan_flow", b"\x01" + frames(lambda p: ethernet(p, vlan=42)))
    write("fuzz_pcap_decoder", "raw_ip_flow", b"\x02" + frames(lambda p: p))
    sll = lambda p: struct.pack("!HHH", 0, 1, 6) + b"\x02\0\0\0\0\x01\0\0" + struct.pack("!H", 0x0800) + p
    write("fuzz_pcap_decoder", "linux_sll_flow", b"\x04" + frames(sll))
    v6 = ipv6(6, tcp(40000, 443, 1000, 0, 0x02, options=mss))
    write("fuzz_pcap_decoder", "ipv6_syn", b"\x01" + struct.pack("!H", 14 + len(v6)) + ethernet(v6, 0x86DD))


def fleet_seeds():
    with open(os.path.join(ROOT, "docs", "fleet-bus.md"), encoding="utf-8") as f:
        text = f.read()
    # Every JSON example in the fleet bus document (they span lines in the text).
    for i, block in enumerate(re.findall(r"\n(\{\"v\":1.*?\})\n", text, re.S)):
        payload = json.dumps(json.loads(block), separators=(",", ":")).encode()
        write("fuzz_fleet_bus", f"doc_example_{i}", payload)


def copied_seeds():
    for name in ("probes.csv", "traces.csv", "seed_vocabulary.csv", "pep.csv", "malformed.csv", "roundtrip.csv"):
        with open(os.path.join(DATA, name), "rb") as f:
            write("fuzz_csv_import", name, f.read())
    with open(os.path.join(DATA, "tcp", "loopback_mixed.tcprec"), "rb") as f:
        write("fuzz_inet_diag", "loopback_mixed.tcprec", f.read())
    wifi = os.path.join(DATA, "wifi")
    for name in sorted(os.listdir(wifi)):
        if name.endswith(".bin"):
            with open(os.path.join(wifi, name), "rb") as f:
                write("fuzz_nl80211", name, f.read())


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for make in (icmp_seeds, dns_seeds, http_seeds, helper_seeds, stamp_seeds, stun_seeds, pcap_seeds, fleet_seeds,
                 copied_seeds):
        make()
    for target in sorted(os.listdir(OUT)):
        print(f"{target}: {len(os.listdir(os.path.join(OUT, target)))} seeds")


if __name__ == "__main__":
    main()
