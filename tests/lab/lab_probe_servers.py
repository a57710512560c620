#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Far-side servers for the probe lab tests (tst_probe_lab, tst_icmp_proxy_lab, bench_probe_overhead).

  --tcp-port N    TCP listener that accepts and closes at once (the kernel completes the handshakes)
  --http-port N   HTTP/1.1 server answering HEAD with 200, Content-Length 0 and keep-alive
  --dns-port N    DNS "resolver": echoes every query back with the QR bit set
  --dns-bind ADDR bind the DNS socket per IPv4 address instead of one dual-stack socket on "::". Needed when the
                  targets are secondary addresses: an unbound UDP socket answers from the primary address, which the
                  probe's connected socket rightly drops. Repeatable.

TCP and HTTP are dual-stack on "::". Prints "ready" once every socket is bound, then serves until killed.
"""
import argparse
import http.server
import selectors
import socket
import sys
import threading


def dual_stack(kind):
    s = socket.socket(socket.AF_INET6, kind)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    return s


def tcp_listener(port):
    t = dual_stack(socket.SOCK_STREAM)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("::", port))
    t.listen(512)

    def accept():
        while True:
            c, _ = t.accept()
            c.close()

    threading.Thread(target=accept, daemon=True).start()


class HeadHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *a):
        pass


class DualStackHTTPServer(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def dns_sockets(port, binds):
    if not binds:
        u = dual_stack(socket.SOCK_DGRAM)
        u.bind(("::", port))
        return [u]
    out = []
    for addr in binds:
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind((addr, port))
        out.append(u)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tcp-port", type=int)
    ap.add_argument("--http-port", type=int)
    ap.add_argument("--dns-port", type=int)
    ap.add_argument("--dns-bind", action="append", default=[], metavar="ADDR")
    a = ap.parse_args()
    if a.dns_bind and a.dns_port is None:
        ap.error("--dns-bind needs --dns-port")
    if a.tcp_port is not None:
        tcp_listener(a.tcp_port)
    if a.http_port is not None:
        server = DualStackHTTPServer(("::", a.http_port), HeadHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    sel = selectors.DefaultSelector()
    if a.dns_port is not None:
        for u in dns_sockets(a.dns_port, a.dns_bind):
            sel.register(u, selectors.EVENT_READ)
    print("ready", flush=True)
    if not sel.get_map():
        threading.Event().wait()  # TCP/HTTP only: their threads serve
    while True:
        for key, _ in sel.select():
            d, addr = key.fileobj.recvfrom(2048)
            key.fileobj.sendto(d[:2] + bytes([d[2] | 0x80]) + d[3:], addr)


if __name__ == "__main__":
    sys.exit(main())
