// SPDX-License-Identifier: GPL-3.0-or-later
// Pure parser of the IPv4 default gateway from /proc/net/route text (the "auto" gateway target).
#pragma once

#include <QByteArray>
#include <QString>

namespace pathlens::collect {

// The gateway of the default route with the lowest metric, as a dotted quad; empty when none.
QString defaultGatewayFromRoute(const QByteArray &procNetRoute);
// Reads <procRoot>/net/route; empty when unreadable or without a default route.
QString detectDefaultGateway(const QString &procRoot = QStringLiteral("/proc"));

} // namespace pathlens::collect
