// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet ranking: latest report per device, sorted and counted.
#include "core/fleet/fleet_ranking.h"

#include "core/stats/statistics.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace pathlens::core {

namespace {
bool betterFirst(const FleetDevice &a, const FleetDevice &b)
{
    const bool ag = a.grade != Grade::Ungraded, bg = b.grade != Grade::Ungraded;
    if (ag != bg)
        return ag; // graded devices before ungraded ones
    if (ag && a.grade != b.grade)
        return gradeRank(a.grade) < gradeRank(b.grade);
    const double ar = a.medianRttMs.value_or(1e300), br = b.medianRttMs.value_or(1e300);
    if (ar != br)
        return ar < br;
    return a.name < b.name;
}
} // namespace

void FleetRanking::add(const FleetDevice &report)
{
    if (report.id.isEmpty())
        return;
    auto [it, fresh] = m_devices.try_emplace(report.id, report);
    if (fresh)
        return;
    // The last report to arrive wins, part by part: the bus delivers one topic in order, and a last
    // will carries the time its agent connected, so timestamps cannot order hellos.
    FleetDevice &known = it->second;
    known.utcUs = std::max(known.utcUs, report.utcUs);
    if (!report.name.isEmpty())
        known.name = report.name;
    if (report.hasHello) {
        known.hasHello = true;
        known.online = report.online;
        if (!report.addresses.isEmpty())
            known.addresses = report.addresses;
        known.reflectorPort = report.reflectorPort; // 0: it stopped reflecting
    }
    if (report.hasVerdict) {
        known.hasVerdict = true;
        known.grade = report.grade;
        known.medianRttMs = report.medianRttMs;
        known.retransPct = report.retransPct;
        known.sessions = report.sessions;
    }
}

FleetPicture FleetRanking::picture() const
{
    FleetPicture p;
    std::vector<double> rtts;
    for (const auto &[id, d] : m_devices) {
        p.devices.push_back(d);
        ++p.gradeCounts[size_t(d.grade)];
        if (d.online)
            ++p.online;
        if (d.grade != Grade::Ungraded) {
            p.worst = worse(p.worst, d.grade);
            if (d.medianRttMs)
                rtts.push_back(*d.medianRttMs);
        }
    }
    std::sort(p.devices.begin(), p.devices.end(), betterFirst);
    if (!rtts.empty())
        p.medianRttMs = median(rtts);
    p.band = fleetBand(p.gradeCounts);
    return p;
}

std::vector<FleetDevice> FleetPicture::fastest(size_t n) const
{
    std::vector<FleetDevice> out;
    for (const FleetDevice &d : devices)
        if (d.grade != Grade::Ungraded && out.size() < n)
            out.push_back(d);
    return out;
}

std::vector<FleetDevice> FleetPicture::slowest(size_t n) const
{
    std::vector<FleetDevice> out;
    for (auto it = devices.rbegin(); it != devices.rend() && out.size() < n; ++it)
        if (it->grade != Grade::Ungraded)
            out.push_back(*it);
    return out;
}

QString fleetBand(const std::array<int, 5> &counts)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("FleetRanking", s); };
    const int graded = counts[0] + counts[1] + counts[2] + counts[3];
    const int total = graded + counts[4];
    if (total == 0)
        return tr("No devices have reported on the fleet bus yet");
    if (graded == 0)
        return QCoreApplication::translate("FleetRanking", "%n device(s) reporting, none graded yet", nullptr, total);
    QString head = counts[size_t(Grade::Poor)] > 0   ? tr("Fleet has trouble")
                   : counts[size_t(Grade::Fair)] > 0 ? tr("Fleet needs attention")
                                                     : tr("Fleet is healthy");
    QStringList parts;
    for (Grade g : {Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor})
        if (counts[size_t(g)] > 0)
            parts << QStringLiteral("%1 %2").arg(counts[size_t(g)]).arg(gradeName(g));
    if (counts[size_t(Grade::Ungraded)] > 0)
        parts << QCoreApplication::translate("FleetRanking", "%1 not graded yet").arg(counts[size_t(Grade::Ungraded)]);
    return head + QStringLiteral(" — ") + parts.join(QStringLiteral(" · "));
}

} // namespace pathlens::core
