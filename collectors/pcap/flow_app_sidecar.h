// SPDX-License-Identifier: GPL-3.0-or-later
// The sidecar JSON that names the app of a captured TCP flow (a pcap carries no process names).
#pragma once

#include "core/base/result.h"

#include <QHash>
#include <QHostAddress>
#include <QString>

namespace pathlens::collect {

// {"flows":[{"src":"10.0.0.1:5000","dst":"10.0.0.2:80","app":"curl"}, ...]}: IPv6 as
// "[2001:db8::1]:443". A flow matches in either direction (the sidecar's author may not know which
// side opened it). A value type; knows nothing of packets.
class FlowAppSidecar {
public:
    static pathlens::core::Result<FlowAppSidecar> load(const QString &path);
    // `origin` names the input in error messages (the file's path).
    static pathlens::core::Result<FlowAppSidecar> parse(const QByteArray &json, const QString &origin);

    // The app named for this pair of endpoints, in either order; empty when none.
    QString appFor(const QHostAddress &a, quint16 aPort, const QHostAddress &b, quint16 bPort) const;
    int size() const { return int(m_apps.size()); }

private:
    QHash<QString, QString> m_apps; // flowKey() → app
};

} // namespace pathlens::collect
