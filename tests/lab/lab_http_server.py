#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tiny keep-alive HTTP/1.1 server for the HTTP HEAD probe lab test.

Answers every request on a connection (keep-alive) at once with proxy/cache headers (Via, X-Cache,
X-Cache-Hits, X-Forwarded-For, Server) and no body; prints "accept N" (flushed) for each new TCP
connection, so the test can count connections against the probes' reuse notes.
With CERT and KEY (PEM) it speaks HTTPS (TLS 1.2/1.3, the handshake on the connection's thread).
Usage: lab_http_server.py PORT [CERT KEY]
"""
import socket
import ssl
import sys
import threading

REPLY = (b"HTTP/1.1 200 OK\r\nServer: pathlens-lab/1\r\nVia: 1.1 lab-cache (squid/5.7)\r\n"
         b"X-Cache: HIT from lab-cache\r\nX-Cache-Hits: 42\r\nX-Forwarded-For: 10.99.0.1\r\n"
         b"Content-Length: 512\r\n\r\n")
accepts = 0
lock = threading.Lock()


def serve(conn, tls):
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if tls:
        try:
            conn = tls.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError):
            conn.close()
            return
    buf = b""
    with conn:
        while True:
            try:
                data = conn.recv(4096)
            except (ssl.SSLError, OSError):
                return
            if not data:
                return
            buf += data
            while b"\r\n\r\n" in buf:
                _, buf = buf.split(b"\r\n\r\n", 1)
                conn.sendall(REPLY)


def main():
    global accepts
    tls = None
    if len(sys.argv) >= 4:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(sys.argv[2], sys.argv[3])
    srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    srv.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("::", int(sys.argv[1])))
    srv.listen(64)
    print("listening", flush=True)
    while True:
        conn, _ = srv.accept()
        with lock:
            accepts += 1
            print("accept %d" % accepts, flush=True)
        threading.Thread(target=serve, args=(conn, tls), daemon=True).start()


if __name__ == "__main__":
    main()
