// SPDX-License-Identifier: GPL-3.0-or-later
// Trace drawing texts (translated in the Path view's context, where they first appeared).
#include "core/trace/path_labels.h"

#include "core/base/address_text.h"
#include "core/base/units_format.h"

#include <QCoreApplication>

namespace pathlens::core {

namespace {
constexpr int kWrapAt = 24; // end-box lines longer than this wrap (IPv6 addresses are 39)

QString tr(const char *text) { return QCoreApplication::translate("pathlens::views::PathDiagram", text); }

// Wraps every long end-box line at a ':' or ' ' near its middle, so boxes stay narrow and the
// route line keeps its room.
QStringList wrapLong(const QStringList &lines)
{
    QStringList out;
    for (const QString &line : lines) {
        if (line.size() <= kWrapAt) {
            out << line;
            continue;
        }
        int cut = -1;
        for (int d = 0; d < line.size() / 2 && cut < 0; ++d) {
            for (int at : {line.size() / 2 + d, line.size() / 2 - d})
                if (at > 0 && at < line.size() && (line[at] == QLatin1Char(':') || line[at] == QLatin1Char(' '))) {
                    cut = at;
                    break;
                }
        }
        if (cut < 0)
            cut = int(line.size() / 2);
        out << line.left(cut + 1).trimmed() << line.mid(cut + 1).trimmed();
    }
    return out;
}
} // namespace

QString traceHopLabel(const TraceResult &t, size_t i)
{
    const TraceHop &h = t.hops[i];
    QString second = formatMs(h.medianRttMs());
    if (auto d = t.deltaMs(i))
        second += QStringLiteral("  %1%2").arg(*d >= 0 ? QStringLiteral("+") : QString(), formatMs(*d));
    if (t.isRateLimited(i))
        second += tr("  · rate-limited");
    return compactAddress(h.addr) + QLatin1Char('\n') + second;
}

QStringList traceSourceLines(const TraceResult &t)
{
    // A mesh agent's trace starts at that agent, not at the machine showing it.
    QStringList lines{t.tracedBy.isEmpty() ? tr("This device") : t.tracedBy,
                      t.localAddr.isEmpty() ? tr("local address unknown") : compactAddress(t.localAddr)};
    if (!t.publicAddr.isEmpty())
        lines << tr("public (NAT)") << compactAddress(t.publicAddr);
    return wrapLong(lines);
}

QStringList traceDestinationLines(const TraceResult &t)
{
    QStringList lines{compactAddress(t.target)};
    if (!t.targetAddr.isEmpty() && t.targetAddr != t.target)
        lines << compactAddress(t.targetAddr);
    if (!t.hops.empty() && t.reached) {
        const TraceHop &last = t.hops.back();
        if (!last.asn.isEmpty() || !last.place.isEmpty())
            lines += QStringList{last.asn, last.place}.join(QStringLiteral(" · ")).trimmed();
    } else {
        lines += tr("not reached");
    }
    return wrapLong(lines);
}

} // namespace pathlens::core
