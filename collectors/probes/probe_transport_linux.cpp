// SPDX-License-Identifier: GPL-3.0-or-later
// Linux probe transports: resolution and the choice of transport per probe kind.
#include "dns/dns_system_transport.h"
#include "http/http_head_transport.h"
#include "probe_socket_linux.h"
#include "quic/quic_transport.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <netdb.h>
#include <netinet/in.h>

namespace pathlens::collect {

namespace probe_linux {

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
    // These two resolve per probe (timed, on a lookup thread): the target is a URL / a name.
    if (endpoint.kind == ProbeKind::HttpHead)
        return createHttpHeadTransport(endpoint.target, endpoint.tls);
    if (endpoint.kind == ProbeKind::DnsSystem)
        return createSystemDnsTransport(endpoint.target);
    if (endpoint.kind == ProbeKind::Quic) // a host name needs SNI: resolved per probe, timed like HTTP's lookup
        return createQuicTransport(endpoint.target, endpoint.port, endpoint.tls);
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
    case ProbeKind::HttpHead:
    case ProbeKind::DnsSystem:
    case ProbeKind::Quic:
        break; // handled above
    }
    return core::makeError(core::ErrorCode::Internal, QStringLiteral("unknown probe kind"));
}

core::Result<void> probeTransportSupported(ProbeKind kind)
{
    if (kind == ProbeKind::Icmp)
        return probe_linux::icmpSupported();
    return {}; // UDP and TCP sockets, HTTP and the system resolver need no privilege
}

} // namespace pathlens::collect
