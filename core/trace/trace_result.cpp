// SPDX-License-Identifier: GPL-3.0-or-later
// Derived trace facts (deltas, rate limiting, DSCP rewrites, path identity).
#include "core/trace/trace_result.h"

#include "core/stats/statistics.h"

#include <algorithm>

namespace pathlens::core {

double TraceHop::bestRttMs() const
{
    return rttMs.empty() ? 0.0 : *std::min_element(rttMs.begin(), rttMs.end());
}

double TraceHop::medianRttMs() const
{
    return median(rttMs);
}

std::optional<double> TraceResult::deltaMs(size_t index) const
{
    if (index >= hops.size() || hops[index].silent())
        return std::nullopt;
    for (size_t j = index; j-- > 0;) {
        if (!hops[j].silent())
            return hops[index].medianRttMs() - hops[j].medianRttMs();
    }
    return std::nullopt; // the first answering hop has no previous one
}

bool TraceResult::isRateLimited(size_t index) const
{
    if (index >= hops.size() || hops[index].silent() || hops[index].lossPct() <= 0)
        return false;
    // Loss that a later answering hop does not show was never on the path: the hop only
    // declined to answer some of our probes (ICMP rate limiting), it forwarded them all.
    for (size_t k = hops.size(); k-- > index + 1;) {
        if (!hops[k].silent())
            return hops[k].lossPct() < hops[index].lossPct();
    }
    return false;
}

std::vector<int> TraceResult::dscpRewritingTtls() const
{
    std::vector<int> ttls;
    for (const TraceHop &h : hops)
        if (h.quotedDscp && *h.quotedDscp != sentDscp)
            ttls.push_back(h.ttl);
    return ttls;
}

QStringList TraceResult::pathSignature() const
{
    QStringList sig;
    for (const TraceHop &h : hops)
        sig << (h.silent() ? QStringLiteral("*") : h.addr);
    return sig;
}

QString describePathChange(const TraceResult &before, const TraceResult &after)
{
    const QStringList a = before.pathSignature(), b = after.pathSignature();
    const int n = int(std::min(a.size(), b.size()));
    for (int i = 0; i < n; ++i) {
        if (a[i] == QLatin1String("*") || b[i] == QLatin1String("*"))
            continue; // a silent slot is not a change: the hop may simply not have answered
        if (a[i] != b[i])
            return QStringLiteral("path to %1 changed at hop %2: %3 → %4").arg(after.target).arg(i + 1).arg(a[i], b[i]);
    }
    if (a.size() != b.size() && before.reached && after.reached)
        return QStringLiteral("path to %1 is now %2 hops (was %3)").arg(after.target).arg(b.size()).arg(a.size());
    return {};
}

} // namespace pathlens::core
