// SPDX-License-Identifier: GPL-3.0-or-later
// RouteWatch on Linux: a NETLINK_ROUTE socket subscribed to IPv4 route changes.
#include "route_watch.h"
#include "collectors/os/errno_error.h"

#include <QString>

#include <cerrno>
#include <cstring>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pathlens::collect {

core::Result<std::unique_ptr<RouteWatch>> RouteWatch::open()
{
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    if (fd < 0)
        return core::makeError(
            core::ErrorCode::Unsupported,
            QStringLiteral("cannot open a route netlink socket: %1").arg(errnoText(errno)));
    sockaddr_nl addr{};
    addr.nl_family = AF_NETLINK;
    // Route changes only: a default route that comes or goes (link down, DHCP, VPN) is announced
    // here too, and link or address messages (frequent on Wi-Fi) would only cost wake-ups.
    addr.nl_groups = RTMGRP_IPV4_ROUTE;
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
        const int err = errno;
        ::close(fd);
        return core::makeError(
            core::ErrorCode::Unsupported,
            QStringLiteral("cannot subscribe to route changes: %1").arg(errnoText(err)));
    }
    return std::unique_ptr<RouteWatch>(new RouteWatch(fd));
}

RouteWatch::~RouteWatch()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RouteWatch::drain()
{
    bool changed = false;
    alignas(nlmsghdr) char buf[16384];
    // Bounded: a flood of route messages is read in slices; the notifier fires again for the rest.
    for (int i = 0; i < 64; ++i) {
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) {
            changed = true;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == ENOBUFS) { // the kernel dropped messages: something changed
            changed = true;
            continue;
        }
        break; // EAGAIN: empty
    }
    return changed;
}

} // namespace pathlens::collect
