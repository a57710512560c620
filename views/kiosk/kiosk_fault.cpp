// SPDX-License-Identifier: GPL-3.0-or-later
// The wall screen's fault line, from the snapshot and the collectors' states alone.
#include "views/kiosk/kiosk_fault.h"

#include "core/active/probe_kind.h"
#include "core/report/display_names.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace pathlens::views {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("KioskFault", text); }

// The newest probe answered across the network and the newest sample of any kind (a loss mark
// counts), 0 for none. The system resolver does not count as an answer: it answers from its cache
// or /etc/hosts with the link down (lab: "localhost" kept a dropped link from being called down).
std::pair<core::TimestampUs, core::TimestampUs> newestSamples(const core::CaptureSnapshot &snapshot)
{
    core::TimestampUs answered = 0, any = 0;
    const QString local = core::probeKindId(core::ProbeKind::DnsSystem);
    for (const core::LatencySeries &s : snapshot.latency->series) {
        if (!s.pyramid.times().empty() && s.probe != local)
            answered = std::max(answered, s.pyramid.times().back());
        if (!s.pyramid.empty())
            any = std::max(any, s.pyramid.lastTime());
    }
    if (snapshot.capture.span) // TCP sessions and every other table count as measurements too
        any = std::max(any, snapshot.capture.span->second);
    return {answered, any};
}
} // namespace

QString kioskShortDuration(core::TimestampUs us)
{
    const qint64 s = std::max<qint64>(0, us / 1'000'000);
    if (s < 120)
        return tr("%1 s").arg(s);
    if (s < 2 * 3600)
        return tr("%1 min").arg(s / 60);
    return tr("%1 h").arg(s / 3600);
}

QString kioskFaultText(const core::CaptureSnapshot *snapshot, const std::vector<core::CollectorStatus> &collectors,
                       core::TimestampUs nowUs)
{
    QStringList parts;
    const bool watching = snapshot && snapshot->live && !snapshot->capture.closed();
    if (watching) {
        const auto [answered, any] = newestSamples(*snapshot);
        if (any > 0 && nowUs - any >= kKioskStaleUs)
            parts << tr("No measurements for %1").arg(kioskShortDuration(nowUs - any));
        else if (answered > 0 && any > answered && nowUs - answered >= kKioskLinkDownUs)
            parts << tr("Link down: no probe answered for %1").arg(kioskShortDuration(nowUs - answered));
    }
    // At most two collectors by name, with their reasons: the line must leave room for the dashboard.
    constexpr int kNamed = 2;
    constexpr int kReasonChars = 90;
    int named = 0, more = 0;
    for (const core::CollectorStatus &c : collectors) {
        const QString name = core::collectorDisplayName(c.name);
        QString part;
        if (c.state == core::CollectorState::Stopped)
            part = tr("%1 stopped").arg(name);
        else if (c.state == core::CollectorState::Restarting)
            part = tr("%1 failed, restarting").arg(name);
        else
            continue;
        if (named == kNamed) {
            ++more;
            continue;
        }
        ++named;
        if (!c.message.isEmpty())
            part += QStringLiteral(": ") + (c.message.size() > kReasonChars ? c.message.left(kReasonChars - 1) + QChar(0x2026) : c.message);
        parts << part;
    }
    if (more > 0)
        parts << QCoreApplication::translate("KioskFault", "%n more stopped", nullptr, more);
    return parts.join(QStringLiteral(" — "));
}

} // namespace pathlens::views
