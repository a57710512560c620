// SPDX-License-Identifier: GPL-3.0-or-later
// Linux probe transports: resolution and the choice of transport per probe kind.
#include "probe_socket_linux.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <netdb.h>
#include <netinet/in.h>

namespace pathlens::collect {

namespace probe_linux {

core::Error sysError(const QString &what, int err, const QString &remedy)
{
    const auto code = (err == EPERM || err == EACCES) ? core::ErrorCode::PermissionDenied : core::ErrorCode::Io;
    return core::makeError(code, QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(err))),
                           remedy);
}

qint64 realtimeNowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

QString enableRxTimestamps(int fd)
{
    const int flags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE; // software: no driver support needed
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) == 0)
        return QStringLiteral("kernel rx");
    const int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0)
        return QStringLiteral("kernel rx (SO_TIMESTAMPNS)");
    return QStringLiteral("user-space");
}

bool enableTxRxTimestamps(int fd)
{
    const int flags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE |
                      SOF_TIMESTAMPING_OPT_TSONLY | SOF_TIMESTAMPING_OPT_ID;
    return setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) == 0;
}

core::Result<std::optional<Datagram>> receiveDatagram(int fd, bool errQueue)
{
    Datagram d;
    d.data.resize(2048); // replies to our probes are < 600 bytes (echo reply, DNS answer to one A query)
    sockaddr_storage name{};
    alignas(cmsghdr) char control[256];
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
        return sysError(QStringLiteral("receiving probe replies failed"), errno);
    }
    d.data.truncate(qsizetype(n));
    if (msg.msg_namelen > 0 && (name.ss_family == AF_INET || name.ss_family == AF_INET6)) {
        d.from = QHostAddress(reinterpret_cast<const sockaddr *>(&name));
        d.from.setScopeId({});
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
        } else if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
                   (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
            sock_extended_err ee{};
            std::memcpy(&ee, CMSG_DATA(c), sizeof ee);
            if (ee.ee_origin == SO_EE_ORIGIN_TIMESTAMPING) {
                d.isTxStamp = true;
                d.txId = ee.ee_data;
            }
        }
    }
    return std::optional<Datagram>(std::move(d));
}

core::Result<QHostAddress> resolveTarget(const QString &target)
{
    QHostAddress addr;
    if (addr.setAddress(target))
        return addr;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *res = nullptr;
    const int rc = getaddrinfo(target.toUtf8().constData(), nullptr, &hints, &res);
    if (rc != 0 || !res)
        return core::makeError(
            core::ErrorCode::NotFound,
            QStringLiteral("cannot resolve probe target '%1': %2")
                .arg(target, QString::fromLocal8Bit(gai_strerror(rc))),
            QStringLiteral("check the name or give an address (--target, the targets config or PATHLENS_TARGETS)"));
    addr = QHostAddress(res->ai_addr);
    freeaddrinfo(res);
    return addr;
}

socklen_t toSockaddr(const QHostAddress &addr, quint16 port, sockaddr_storage &out)
{
    std::memset(&out, 0, sizeof out);
    if (addr.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&out);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR b = addr.toIPv6Address();
        std::memcpy(&a->sin6_addr, &b, 16);
        a->sin6_scope_id = addr.scopeId().toUInt();
        return sizeof *a;
    }
    auto *a = reinterpret_cast<sockaddr_in *>(&out);
    a->sin_family = AF_INET;
    a->sin_port = htons(port);
    a->sin_addr.s_addr = htonl(addr.toIPv4Address());
    return sizeof *a;
}

} // namespace probe_linux

core::Result<std::unique_ptr<ProbeTransport>> createProbeTransport(const ProbeEndpoint &endpoint)
{
    auto addr = probe_linux::resolveTarget(endpoint.target);
    if (!addr)
        return addr.error();
    switch (endpoint.kind) {
    case ProbeKind::Icmp:
        return probe_linux::createIcmpEcho(*addr);
    case ProbeKind::UdpDns:
        return probe_linux::createUdpDns(*addr, endpoint.port, endpoint.dnsName);
    case ProbeKind::TcpConnect:
        return probe_linux::createTcpConnect(*addr, endpoint.port);
    }
    return core::makeError(core::ErrorCode::Internal, QStringLiteral("unknown probe kind"));
}

core::Result<void> probeTransportSupported(ProbeKind kind)
{
    if (kind == ProbeKind::Icmp)
        return probe_linux::icmpSupported();
    return {}; // UDP and TCP sockets need no privilege
}

} // namespace pathlens::collect
