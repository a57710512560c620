// SPDX-License-Identifier: GPL-3.0-or-later
// Default gateway from /proc/net/route (columns: Iface Destination Gateway Flags RefCnt Use Metric Mask …).
#include "default_gateway.h"

#include <QFile>
#include <QHostAddress>
#include <QList>

#include <limits>

namespace pathlens::collect {

namespace {
constexpr int kRtfUp = 0x1, kRtfGateway = 0x2; // RTF_UP, RTF_GATEWAY (linux/route.h)
}

QString defaultGatewayFromRoute(const QByteArray &text)
{
    QString best;
    qint64 bestMetric = std::numeric_limits<qint64>::max();
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // line 0 is the header
        const QList<QByteArray> f = lines[i].simplified().split(' ');
        if (f.size() < 8)
            continue;
        bool okDst = false, okGw = false, okFlags = false, okMetric = false, okMask = false;
        const quint32 dst = f[1].toUInt(&okDst, 16);
        const quint32 gw = f[2].toUInt(&okGw, 16);
        const int flags = f[3].toInt(&okFlags, 16);
        const qint64 metric = f[6].toLongLong(&okMetric);
        const quint32 mask = f[7].toUInt(&okMask, 16);
        if (!okDst || !okGw || !okFlags || !okMetric || !okMask || dst != 0 || mask != 0 || gw == 0)
            continue;
        if ((flags & (kRtfUp | kRtfGateway)) != (kRtfUp | kRtfGateway) || metric >= bestMetric)
            continue;
        // The kernel prints the address as a host-order integer of network-order bytes (little endian here).
        const quint32 hostOrder = ((gw & 0xff) << 24) | ((gw & 0xff00) << 8) | ((gw >> 8) & 0xff00) | (gw >> 24);
        best = QHostAddress(hostOrder).toString();
        bestMetric = metric;
    }
    return best;
}

QString detectDefaultGateway(const QString &procRoot)
{
    QFile f(procRoot + QStringLiteral("/net/route"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return defaultGatewayFromRoute(f.readAll());
}

} // namespace pathlens::collect
