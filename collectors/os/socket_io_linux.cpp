// SPDX-License-Identifier: GPL-3.0-or-later
// recvmsg with SO_TIMESTAMPING / IP_RECVERR control messages, and the set-up they need.
#include "collectors/os/socket_io_linux.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "collectors/os/errno_error.h"

namespace pathlens::collect::net {

core::Error sysError(const QString &what, int err, const QString &remedy)
{
    return errnoError(what, err, remedy);
}

qint64 realtimeNowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

QHostAddress addressOf(const sockaddr *sa)
{
    if (!sa || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
        return {};
    QHostAddress a(sa);
    a.setScopeId({});
    return a;
}

QString enableTimestamps(int fd, bool tx, bool txIds, bool *txEnabled)
{
    if (txEnabled)
        *txEnabled = false;
    // Software stamps only: hardware stamps need driver support and CAP_NET_ADMIN to enable.
    int flags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;
    if (tx) // OPT_TSONLY: the error queue returns the stamp without a copy of the packet (allowed unprivileged)
        flags |= SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_OPT_TSONLY | (txIds ? SOF_TIMESTAMPING_OPT_ID : 0);
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) == 0) {
        if (txEnabled)
            *txEnabled = tx;
        return tx ? QStringLiteral("kernel send and receive timestamps") : QStringLiteral("kernel receive timestamps");
    }
    const int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0)
        return QStringLiteral("kernel receive timestamps (SO_TIMESTAMPNS)");
    return QStringLiteral("user-space timestamps");
}

core::Result<std::optional<Datagram>> receiveDatagram(int fd, bool errQueue, const QString &context, int bufferBytes)
{
    Datagram d;
    d.data.resize(bufferBytes); // probes and their replies are < 600 bytes; ICMP errors quote ≤ 576 (v4) / 1232 (v6)
    sockaddr_storage name{};
    alignas(cmsghdr) char control[512];
    iovec iov{d.data.data(), size_t(d.data.size())};
    msghdr msg{};
    msg.msg_name = &name;
    msg.msg_namelen = sizeof name;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT | (errQueue ? MSG_ERRQUEUE : 0));
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return std::optional<Datagram>();
        return sysError(context, errno);
    }
    d.data.truncate(qsizetype(n));
    d.truncated = (msg.msg_flags & MSG_TRUNC) != 0;
    if (msg.msg_namelen > 0) {
        d.from = addressOf(reinterpret_cast<const sockaddr *>(&name));
        if (name.ss_family == AF_INET)
            d.fromPort = ntohs(reinterpret_cast<const sockaddr_in *>(&name)->sin_port);
        else if (name.ss_family == AF_INET6)
            d.fromPort = ntohs(reinterpret_cast<const sockaddr_in6 *>(&name)->sin6_port);
        if (d.from.protocol() == QAbstractSocket::IPv6Protocol) { // v4-mapped on a dual-stack socket: plain v4
            bool mapped = false;
            const quint32 v4 = d.from.toIPv4Address(&mapped);
            if (mapped)
                d.from = QHostAddress(v4);
        }
    }
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPING) {
            scm_timestamping ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            if (ts.ts[0].tv_sec || ts.ts[0].tv_nsec) // ts[0] = software stamp
                d.rxNs = qint64(ts.ts[0].tv_sec) * 1'000'000'000 + ts.ts[0].tv_nsec;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPNS) {
            timespec ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            d.rxNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
        } else if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL) ||
                   (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)) {
            int ttl = -1;
            std::memcpy(&ttl, CMSG_DATA(c), sizeof ttl);
            d.ttl = ttl;
        } else if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
                   (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
            sock_extended_err ee{};
            std::memcpy(&ee, CMSG_DATA(c), sizeof ee);
            if (ee.ee_origin == SO_EE_ORIGIN_TIMESTAMPING) {
                d.isTxStamp = true;
                d.txId = ee.ee_data;
            } else if (ee.ee_origin == SO_EE_ORIGIN_ICMP || ee.ee_origin == SO_EE_ORIGIN_ICMP6) {
                d.isIcmpError = true;
                d.icmpType = ee.ee_type;
                d.icmpCode = ee.ee_code;
                d.offender = addressOf(SO_EE_OFFENDER(reinterpret_cast<const sock_extended_err *>(CMSG_DATA(c))));
            }
        }
    }
    return std::optional<Datagram>(std::move(d));
}

core::Result<void> setTtl(int fd, bool ipv6, int ttl)
{
    const int rc = ipv6 ? setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof ttl)
                        : setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl);
    if (rc != 0)
        return sysError(QStringLiteral("cannot set the probe TTL to %1").arg(ttl), errno);
    return {};
}

core::Result<void> setDscp(int fd, bool ipv6, int dscp)
{
    const int tos = (dscp & 0x3f) << 2; // DSCP is the upper 6 bits of TOS / traffic class (RFC 2474)
    const int rc = ipv6 ? setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof tos)
                        : setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos);
    if (rc != 0)
        return sysError(QStringLiteral("cannot mark probes with DSCP %1").arg(dscp), errno);
    return {};
}

} // namespace pathlens::collect::net
