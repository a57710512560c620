// SPDX-License-Identifier: GPL-3.0-or-later
// Mesh link wording.
#include "views/mesh/mesh_link_text.h"

#include "core/base/time_utc.h"
#include "core/base/units_format.h"

#include <QCoreApplication>

namespace pathlens::views {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MeshLinkText", text);
}

QString opt(const std::optional<double> &v, QString (*format)(double))
{
    return v ? format(*v) : QStringLiteral("–");
}

QString mbps(double v)
{
    return core::formatBitrate(v * 1e6);
}
} // namespace

QString meshPathDescription(const QString &path)
{
    if (path == QLatin1String("relayed"))
        return tr("relayed: these figures measure the path through the relay");
    if (path == QLatin1String("lan"))
        return tr("same LAN");
    if (path == QLatin1String("punched"))
        return tr("through NAT (hole-punched)");
    if (path == QLatin1String("direct"))
        return tr("direct");
    if (path == QLatin1String("none"))
        return tr("no way found");
    return path;
}

QStringList meshLinkLines(const core::MeshCell &c)
{
    const core::MeshResult &m = c.latest;
    QStringList lines{tr("<b>%1 → %2</b> via %3 (%4)")
                          .arg(m.src.toHtmlEscaped(), m.dst.toHtmlEscaped(), m.dstAddress.toHtmlEscaped(),
                               meshPathDescription(m.path).toHtmlEscaped())};
    if (m.path == QLatin1String("none")) { // the connection ladder found no way: say what each rung met
        lines << tr("<b>down</b>: no way to reach it at %1 UTC").arg(core::formatUtcMs(m.utcUs));
        if (!m.pathNote.isEmpty())
            lines << tr("tried: %1").arg(m.pathNote.toHtmlEscaped());
        return lines;
    }
    if (m.down()) {
        lines << tr("<b>down</b>: none of %1 test packets answered at %2 UTC").arg(m.sent).arg(core::formatUtcMs(m.utcUs));
        return lines;
    }
    lines << tr("round trip %1, smoothed %2, best %3").arg(core::formatMs(m.rttMs), core::formatMs(c.rttEwmaMs), core::formatMs(c.baselineRttMs));
    lines << tr("loss → %1 ← %2 · queueing → %3 ← %4")
                 .arg(opt(m.lossForwardPct, &core::formatPercent), opt(m.lossReversePct, &core::formatPercent),
                      core::formatMs(m.queueForwardMs), core::formatMs(m.queueReverseMs));
    lines << tr("capacity → %1 ← %2 (best → %3)")
                 .arg(opt(c.capacityForwardMbps, &mbps), opt(c.capacityReverseMbps, &mbps), opt(c.baselineCapacityForwardMbps, &mbps));
    if (!m.capacityNote.isEmpty())
        lines << tr("capacity: %1").arg(m.capacityNote.toHtmlEscaped());
    lines << tr("%1 cycles, last %2 UTC").arg(c.cycles).arg(core::formatUtcMs(m.utcUs));
    if (!m.pathNote.isEmpty())
        lines << tr("way found: %1").arg(m.pathNote.toHtmlEscaped());
    return lines;
}

} // namespace pathlens::views
