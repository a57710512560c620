// SPDX-License-Identifier: GPL-3.0-or-later
// The rungs of the connection ladder, cheapest first.
#include "collectors/nat/connection_ladder.h"

#include <algorithm>

namespace pathlens::collect {

QString meshPathName(MeshPath path)
{
    switch (path) {
    case MeshPath::Lan: return QStringLiteral("lan");
    case MeshPath::Direct: return QStringLiteral("direct");
    case MeshPath::Punched: return QStringLiteral("punched");
    case MeshPath::Relayed: return QStringLiteral("relayed");
    case MeshPath::None: break;
    }
    return QStringLiteral("none");
}

std::optional<MeshPath> meshPathFromName(const QString &name)
{
    for (MeshPath p : {MeshPath::Lan, MeshPath::Direct, MeshPath::Punched, MeshPath::Relayed, MeshPath::None})
        if (meshPathName(p) == name)
            return p;
    return std::nullopt;
}

QString endpointText(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

std::optional<std::pair<QHostAddress, quint16>> parseEndpoint(const QString &text)
{
    QString host, port;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1String("]:"));
        if (close < 0)
            return std::nullopt;
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0 || text.indexOf(QLatin1Char(':')) != colon)
            return std::nullopt;
        host = text.left(colon);
        port = text.mid(colon + 1);
    }
    bool ok = false;
    const uint p = port.toUInt(&ok);
    const QHostAddress a(host);
    if (!ok || p == 0 || p > 65535 || a.isNull())
        return std::nullopt;
    return std::pair{a, quint16(p)};
}

namespace {
bool usable(const QHostAddress &a, bool allowLoopback)
{
    return !a.isNull() && !a.isMulticast() && !a.isBroadcast() && a != QHostAddress::AnyIPv4 && a != QHostAddress::AnyIPv6
           && !a.isLinkLocal() && (allowLoopback || !a.isLoopback());
}
// Direct order: global IPv6 (no NAT in the way), then IPv4, then unique-local IPv6.
int directRank(const QHostAddress &a)
{
    if (a.protocol() == QAbstractSocket::IPv6Protocol)
        return a.isGlobal() && !a.isUniqueLocalUnicast() ? 0 : 2;
    return 1;
}
} // namespace

std::vector<LadderRung> ladderRungs(const PeerReachability &peer, const std::vector<LocalSubnet> &own, bool ownReflectedKnown,
                                    bool haveRelay, bool allowLoopback)
{
    std::vector<LadderRung> lan, direct, out;
    if (peer.port != 0) {
        for (const QString &text : peer.addresses) {
            const QHostAddress a(text);
            if (!usable(a, allowLoopback))
                continue;
            const bool shared = std::any_of(own.begin(), own.end(), [&](const LocalSubnet &s) {
                return s.prefixLength > 0 && a != s.address && a.isInSubnet(s.address, s.prefixLength);
            });
            (shared ? lan : direct).push_back({shared ? MeshPath::Lan : MeshPath::Direct, a, peer.port});
        }
    }
    std::stable_sort(direct.begin(), direct.end(),
                     [](const LadderRung &x, const LadderRung &y) { return directRank(x.address) < directRank(y.address); });
    out = lan;
    out.insert(out.end(), direct.begin(), direct.end());
    if (ownReflectedKnown)
        if (const auto r = parseEndpoint(peer.reflected); r && usable(r->first, allowLoopback))
            out.push_back({MeshPath::Punched, r->first, r->second});
    if (haveRelay)
        if (const auto r = parseEndpoint(peer.relay); r && usable(r->first, allowLoopback))
            out.push_back({MeshPath::Relayed, r->first, r->second});
    return out;
}

std::vector<quint16> punchPorts(quint16 reflectedPort, int deltas)
{
    std::vector<quint16> out;
    for (int d = 0; d < deltas && int(reflectedPort) + d <= 65535; ++d)
        out.push_back(quint16(reflectedPort + d));
    return out;
}

} // namespace pathlens::collect
