// SPDX-License-Identifier: GPL-3.0-or-later
// Linux socket helpers shared by the trace transports: timestamping, TTL/TOS, one recvmsg with its control data.
#pragma once

#include "collectors/tcp/unique_fd.h"
#include "core/result.h"

#include <QByteArray>
#include <QHostAddress>

#include <optional>

struct sockaddr;

namespace pathlens::collect::trace_linux {

core::Error sysError(const QString &what, int err, const QString &remedy = {});
qint64 realtimeNowNs();
QHostAddress addressOf(const sockaddr *sa);

// SO_TIMESTAMPING software RX (+ TX stamps on the error queue when tx); falls back to SO_TIMESTAMPNS.
// Returns a description of what the kernel gives ("kernel rx+tx", "kernel rx", "user-space").
QString enableTimestamps(int fd, bool tx);
core::Result<void> setTtl(int fd, bool ipv6, int ttl);
core::Result<void> setDscp(int fd, bool ipv6, int dscp);

// One datagram (normal or error queue) and what its control messages said.
struct Received {
    QByteArray data;
    qint64 rxNs = 0;          // kernel stamp (CLOCK_REALTIME), 0 if none
    QHostAddress from;        // msg_name
    bool isTxStamp = false;   // SO_EE_ORIGIN_TIMESTAMPING
    bool isIcmpError = false; // SO_EE_ORIGIN_ICMP / ICMP6
    quint8 icmpType = 0, icmpCode = 0;
    QHostAddress offender;    // SO_EE_OFFENDER
};
// Non-blocking: nullopt when nothing is queued (EAGAIN); errors other than EAGAIN are returned too.
core::Result<std::optional<Received>> receiveOne(int fd, bool errQueue);

} // namespace pathlens::collect::trace_linux

#include "trace_transport.h"
namespace pathlens::collect::trace_linux {
// ICMP echo / TCP SYN probes over raw sockets (trace_raw_transport_linux.cpp).
std::unique_ptr<TraceTransport> createRawTransport(TraceProto proto, RawSocketOpener opener);
} // namespace pathlens::collect::trace_linux
