// SPDX-License-Identifier: GPL-3.0-or-later
// Linux socket helpers shared by the trace transports: timestamping, TTL/TOS, one recvmsg with its control data.
#pragma once

#include "collectors/os/socket_io_linux.h"
#include "collectors/os/unique_fd.h"
#include "core/base/result.h"

#include <QByteArray>
#include <QHostAddress>

#include <optional>

struct sockaddr;

namespace pathlens::collect::trace_linux {

using net::addressOf;
using net::realtimeNowNs;
using net::sysError;
using Received = net::Datagram;

// SO_TIMESTAMPING software RX (+ TX stamps on the error queue when tx); falls back to SO_TIMESTAMPNS.
inline QString enableTimestamps(int fd, bool tx) { return net::enableTimestamps(fd, tx); }
using net::setDscp;
using net::setTtl;

// One datagram (normal or error queue) and what its control messages said; nullopt when empty.
inline core::Result<std::optional<Received>> receiveOne(int fd, bool errQueue)
{
    return net::receiveDatagram(fd, errQueue, QStringLiteral("receiving trace replies failed"));
}

} // namespace pathlens::collect::trace_linux

#include "trace_transport.h"
namespace pathlens::collect::trace_linux {
// ICMP echo / TCP SYN probes over raw sockets (trace_raw_transport_linux.cpp).
std::unique_ptr<TraceTransport> createRawTransport(TraceProto proto, RawSocketOpener opener);
// Where raw sockets come from ("raw": this process, "helper", "injected"), by opening one ICMP socket.
core::Result<QString> rawSocketMode(const RawSocketOpener &opener);
} // namespace pathlens::collect::trace_linux
