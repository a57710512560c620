#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Minimal authoritative DNS responder for lab tests of the system-resolver probe.

Answers A queries for NAME with ADDRESS (TTL 0, so nothing is cached), AAAA queries for NAME with
no data (NOERROR, empty answer), anything else with NXDOMAIN. UDP, dual-stack, port 53. Prints
"query <type> <name>" (flushed) for each question, so a test can count what reached it.
Usage: lab_dns_responder.py NAME ADDRESS
"""
import socket
import struct
import sys


def parse_question(msg):
    labels, pos = [], 12
    while True:
        n = msg[pos]
        if n == 0:
            pos += 1
            break
        if n & 0xC0:  # no compression in a question we sent ourselves; refuse it
            raise ValueError("compressed question")
        labels.append(msg[pos + 1:pos + 1 + n].decode("ascii", "replace"))
        pos += 1 + n
    qtype, qclass = struct.unpack("!HH", msg[pos:pos + 4])
    return ".".join(labels).lower(), qtype, qclass, pos + 4


def answer(msg, name, address):
    qname, qtype, _, end = parse_question(msg)
    ident, flags = struct.unpack("!HH", msg[:4])
    rd = flags & 0x0100
    known = qname == name
    rcode = 0 if known else 3
    answers = b""
    count = 0
    if known and qtype == 1:
        answers = struct.pack("!HHHIH", 0xC00C, 1, 1, 0, 4) + socket.inet_aton(address)
        count = 1
    header = struct.pack("!HHHHHH", ident, 0x8400 | rd | 0x0080 | rcode, 1, count, 0, 0)
    return header + msg[12:end] + answers, qname, qtype


def main():
    name, address = sys.argv[1].lower().rstrip("."), sys.argv[2]
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.bind(("::", 53))
    print("listening", flush=True)
    while True:
        msg, peer = sock.recvfrom(4096)
        try:
            reply, qname, qtype = answer(msg, name, address)
        except (ValueError, IndexError, struct.error):
            continue
        sock.sendto(reply, peer)
        print("query %d %s" % (qtype, qname), flush=True)


if __name__ == "__main__":
    main()
