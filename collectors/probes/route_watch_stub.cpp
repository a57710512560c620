// SPDX-License-Identifier: GPL-3.0-or-later
// RouteWatch elsewhere: no route notifications, the gateway is detected once at start.
#include "route_watch.h"

#include <QString>

namespace pathlens::collect {

core::Result<std::unique_ptr<RouteWatch>> RouteWatch::open()
{
    return core::makeError(
        core::ErrorCode::Unsupported,
        QStringLiteral("route change notifications need Linux netlink: the gateway is detected at start only"));
}

RouteWatch::~RouteWatch() = default;

bool RouteWatch::drain()
{
    return false;
}

} // namespace pathlens::collect
