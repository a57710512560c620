#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A TCP-terminating proxy for the lab's PEP test (tst_quic_lab), run on the router next to the client.

Like a satellite terminal's performance-enhancing proxy, it answers every TCP connection itself (the kernel's
SYN-ACK comes from this router) and carries the bytes to the original destination over a connection of its own.
The router sends it the client's TCP/443 with iptables REDIRECT (nat PREROUTING); the original destination is
read back with SO_ORIGINAL_DST. UDP (QUIC) is never touched: that difference is what the test detects.

  --port N       port to listen on (IPv4 and IPv6, the REDIRECT's target)
  --max-conns N  connections relayed at once (default 256); more are closed at once

Prints "ready" once listening, then serves until killed.
"""
import argparse
import asyncio
import socket
import struct
import sys

SO_ORIGINAL_DST = 80  # linux/netfilter_ipv4.h (IP6T_SO_ORIGINAL_DST has the same number at SOL_IPV6)
CONNECT_TIMEOUT_S = 5  # the far side is one satellite round trip (0.6 s) away; a dead one must not pile up


def original_destination(sock):
    """(host, port) the client asked for before REDIRECT."""
    if sock.family == socket.AF_INET:
        raw = sock.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)  # struct sockaddr_in
        return socket.inet_ntop(socket.AF_INET, raw[4:8]), struct.unpack_from("!H", raw, 2)[0]
    raw = sock.getsockopt(socket.SOL_IPV6, SO_ORIGINAL_DST, 28)  # struct sockaddr_in6
    return socket.inet_ntop(socket.AF_INET6, raw[8:24]), struct.unpack_from("!H", raw, 2)[0]


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


class Proxy:
    def __init__(self, max_conns):
        self.active = 0
        self.max_conns = max_conns

    async def handle(self, client_r, client_w):
        sock = client_w.get_extra_info("socket")
        if self.active >= self.max_conns:
            client_w.close()
            return
        self.active += 1
        try:
            host, port = original_destination(sock)
            up_r, up_w = await asyncio.wait_for(asyncio.open_connection(host, port), CONNECT_TIMEOUT_S)
        except (OSError, asyncio.TimeoutError):
            client_w.close()
            self.active -= 1
            return
        await asyncio.gather(pipe(client_r, up_w), pipe(up_r, client_w))
        self.active -= 1


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--max-conns", type=int, default=256)
    args = ap.parse_args()
    proxy = Proxy(args.max_conns)
    servers = []
    # One socket per family: SO_ORIGINAL_DST is asked at the level of the connection's own family.
    for family, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        sock = socket.socket(family, socket.SOCK_STREAM)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((addr, args.port))
        servers.append(await asyncio.start_server(proxy.handle, sock=sock, backlog=512))
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
