// SPDX-License-Identifier: GPL-3.0-or-later
// Linux socket helpers shared by the probe and trace engines: errno → Error, the kernel's
// timestamp clock, SO_TIMESTAMPING set-up, and one non-blocking recvmsg with its control data.
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QHostAddress>

#include <optional>

struct sockaddr;

namespace pathlens::collect::net {

core::Error sysError(const QString &what, int err, const QString &remedy = {});
qint64 realtimeNowNs(); // CLOCK_REALTIME: the clock of kernel software timestamps
QHostAddress addressOf(const sockaddr *sa); // IPv4/IPv6 only; scope id dropped

// IP_TTL / IPV6_UNICAST_HOPS and the DSCP in IP_TOS / IPV6_TCLASS of everything the socket sends.
core::Result<void> setTtl(int fd, bool ipv6, int ttl);
core::Result<void> setDscp(int fd, bool ipv6, int dscp);

// Software RX stamps (plus TX stamps on the error queue when `tx`; numbered per send from 0 when
// `txIds`), falling back to SO_TIMESTAMPNS. Returns what the kernel gives, for status lines;
// `txEnabled` (optional) says whether TX stamps were accepted.
QString enableTimestamps(int fd, bool tx, bool txIds = false, bool *txEnabled = nullptr);

// One datagram from the normal or the error queue and what its control messages said.
struct Datagram {
    QByteArray data;
    qint64 rxNs = 0;          // kernel stamp (CLOCK_REALTIME ns), 0 if none; a TX stamp when isTxStamp
    QHostAddress from;        // msg_name
    quint16 fromPort = 0;     // msg_name's port (UDP)
    int ttl = -1;             // IP_TTL / IPV6_HOPLIMIT when the socket asked for them (IP_RECVTTL, IPV6_RECVHOPLIMIT)
    bool truncated = false;   // longer than the buffer (MSG_TRUNC): data holds its start only
    bool isTxStamp = false;   // error queue: SO_EE_ORIGIN_TIMESTAMPING
    quint32 txId = 0;         // OPT_ID counter of that send
    bool isIcmpError = false; // error queue: SO_EE_ORIGIN_ICMP / ICMP6
    quint8 icmpType = 0, icmpCode = 0;
    QHostAddress offender;    // SO_EE_OFFENDER
};

// Non-blocking: nullopt when nothing is queued (EAGAIN); other errors become `context: strerror`.
// `bufferBytes`: the longest datagram kept whole (2048: probes, replies and quoted ICMP errors).
core::Result<std::optional<Datagram>> receiveDatagram(int fd, bool errQueue, const QString &context, int bufferBytes = 2048);

} // namespace pathlens::collect::net
