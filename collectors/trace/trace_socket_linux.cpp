// SPDX-License-Identifier: GPL-3.0-or-later
// Linux socket helpers for the trace transports (SO_TIMESTAMPING, IP_RECVERR control messages).
#include "trace_socket_linux.h"

#include <cerrno>

#include <netinet/in.h>
#include <sys/socket.h>

namespace pathlens::collect::trace_linux {

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

} // namespace pathlens::collect::trace_linux
