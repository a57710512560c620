// SPDX-License-Identifier: GPL-3.0-or-later
// Route change notifications (the "auto" gateway's re-detection): a NETLINK_ROUTE socket on Linux.
#pragma once

#include "core/base/result.h"

#include <memory>

namespace pathlens::collect {

// A non-blocking descriptor that becomes readable when the kernel's IPv4 routes change. The owner
// watches fd() (a QSocketNotifier: no polling timer, no wake-up while nothing changes) and calls
// drain() when it is readable. Only the fact of a change is reported: the owner re-reads the
// default route itself, so a message it does not understand or one lost to a full buffer is harmless.
class RouteWatch {
public:
    // Unsupported on systems without netlink; an error names the cause (the caller runs without it).
    static core::Result<std::unique_ptr<RouteWatch>> open();
    ~RouteWatch();
    RouteWatch(const RouteWatch &) = delete;
    RouteWatch &operator=(const RouteWatch &) = delete;

    int fd() const { return m_fd; }
    // Reads every pending message; true when any arrived (or the kernel dropped some: ENOBUFS).
    bool drain();

private:
    explicit RouteWatch(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace pathlens::collect
