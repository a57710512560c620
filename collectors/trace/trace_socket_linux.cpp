// SPDX-License-Identifier: GPL-3.0-or-later
// Linux socket helpers for the trace transports (SO_TIMESTAMPING, IP_RECVERR control messages).
#include "trace_socket_linux.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace pathlens::collect::trace_linux {

core::Error sysError(const QString &what, int err, const QString &remedy)
{
    const auto code = (err == EPERM || err == EACCES) ? core::ErrorCode::PermissionDenied : core::ErrorCode::Io;
    return core::makeError(code, QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(err))), remedy);
}

qint64 realtimeNowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts); // the clock of software timestamps
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

QString enableTimestamps(int fd, bool tx)
{
    // Software stamps only: hardware stamps need driver support and CAP_NET_ADMIN to enable.
    int flags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;
    if (tx) // OPT_TSONLY: the error queue returns the stamp without a copy of the packet (allowed unprivileged)
        flags |= SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_OPT_TSONLY;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) == 0)
        return tx ? QStringLiteral("kernel send and receive timestamps") : QStringLiteral("kernel receive timestamps");
    const int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0)
        return QStringLiteral("kernel receive timestamps (SO_TIMESTAMPNS)");
    return QStringLiteral("user-space timestamps");
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

core::Result<std::optional<Received>> receiveOne(int fd, bool errQueue)
{
    Received r;
    r.data.resize(2048); // our probes are < 100 bytes; ICMP errors quote at most 576 (v4) / 1232 (v6) bytes
    sockaddr_storage name{};
    alignas(cmsghdr) char control[512];
    iovec iov{r.data.data(), size_t(r.data.size())};
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
            return std::optional<Received>();
        return sysError(QStringLiteral("receiving trace replies failed"), errno);
    }
    r.data.truncate(qsizetype(n));
    if (msg.msg_namelen > 0)
        r.from = addressOf(reinterpret_cast<const sockaddr *>(&name));
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPING) {
            scm_timestamping ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            if (ts.ts[0].tv_sec || ts.ts[0].tv_nsec) // ts[0] = software stamp
                r.rxNs = qint64(ts.ts[0].tv_sec) * 1'000'000'000 + ts.ts[0].tv_nsec;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPNS) {
            timespec ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            r.rxNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
        } else if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR)
                   || (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
            const auto *ee = reinterpret_cast<const sock_extended_err *>(CMSG_DATA(c));
            if (ee->ee_origin == SO_EE_ORIGIN_TIMESTAMPING) {
                r.isTxStamp = true;
            } else if (ee->ee_origin == SO_EE_ORIGIN_ICMP || ee->ee_origin == SO_EE_ORIGIN_ICMP6) {
                r.isIcmpError = true;
                r.icmpType = ee->ee_type;
                r.icmpCode = ee->ee_code;
                r.offender = addressOf(SO_EE_OFFENDER(ee));
            }
        }
    }
    return std::optional<Received>(std::move(r));
}

} // namespace pathlens::collect::trace_linux
