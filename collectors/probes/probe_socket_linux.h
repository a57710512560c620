// SPDX-License-Identifier: GPL-3.0-or-later
// Linux helpers shared by the probe transports: target resolution, sockaddr, and the per-kind creators.
#pragma once

#include "collectors/os/socket_io_linux.h"
#include "probe_transport.h"

#include <QByteArray>
#include <QHostAddress>

#include <optional>

#include <sys/socket.h>

namespace pathlens::collect::probe_linux {

using net::realtimeNowNs; // CLOCK_REALTIME, the clock of kernel software timestamps
using net::sysError;
using Datagram = net::Datagram;

// SO_TIMESTAMPING software RX, else SO_TIMESTAMPNS; returns what the kernel gives.
inline QString enableRxTimestamps(int fd) { return net::enableTimestamps(fd, false); }
// Software RX + TX stamps; TX stamps come back on the error queue, numbered per send (OPT_ID,
// from 0) without a copy of the packet (OPT_TSONLY). False when the kernel refuses.
inline bool enableTxRxTimestamps(int fd)
{
    bool tx = false;
    net::enableTimestamps(fd, true, true, &tx);
    return tx;
}
// Non-blocking: nullopt when nothing is queued; other errors (ECONNREFUSED) are returned.
inline core::Result<std::optional<Datagram>> receiveDatagram(int fd, bool errQueue = false)
{
    return net::receiveDatagram(fd, errQueue, QStringLiteral("receiving probe replies failed"));
}

// An address literal as is; a host name through getaddrinfo (blocking, once per loop at open).
core::Result<QHostAddress> resolveTarget(const QString &target);
socklen_t toSockaddr(const QHostAddress &addr, quint16 port, sockaddr_storage &out);

// icmp_echo_transport_linux.cpp: datagram ICMP socket when ping_group_range allows, else a raw
// one here (CAP_NET_RAW), else a raw one from pathlens-helper; mode() says which (dgram/raw/helper).
core::Result<std::unique_ptr<ProbeTransport>> createIcmpEcho(const QHostAddress &target);
core::Result<void> icmpSupported();
// udp_dns_transport_linux.cpp
core::Result<std::unique_ptr<ProbeTransport>> createUdpDns(const QHostAddress &target, quint16 port,
                                                           const QString &name);
// tcp_connect_transport_linux.cpp
core::Result<std::unique_ptr<ProbeTransport>> createTcpConnect(const QHostAddress &target, quint16 port);

} // namespace pathlens::collect::probe_linux
