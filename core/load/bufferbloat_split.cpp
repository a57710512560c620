// SPDX-License-Identifier: GPL-3.0-or-later
// Ping classification against load windows and the per-leg loaded-latency figures.
#include "core/load/bufferbloat_split.h"

#include "core/stats/statistics.h"

#include <algorithm>

namespace pathlens::core {

namespace {

// Windows sorted by start, with the longest one's length: a ping at t can only fall in (or near)
// windows that start in [t − longest − guard after, t + guard before].
struct WindowIndex {
    std::vector<LoadWindow> byStart;
    qint64 longestUs = 0;

    explicit WindowIndex(std::vector<LoadWindow> windows) : byStart(std::move(windows))
    {
        std::sort(byStart.begin(), byStart.end(),
                  [](const LoadWindow &a, const LoadWindow &b) { return a.startUs < b.startUs; });
        for (const LoadWindow &w : byStart)
            longestUs = std::max(longestUs, w.endUs - w.startUs);
    }
    LoadClass classify(TimestampUs t) const
    {
        const auto from = std::lower_bound(byStart.begin(), byStart.end(), t - longestUs - kGuardAfterUs,
                                           [](const LoadWindow &w, TimestampUs s) { return w.startUs < s; });
        const auto to = std::upper_bound(byStart.begin(), byStart.end(), t + kGuardBeforeUs,
                                         [](TimestampUs s, const LoadWindow &w) { return s < w.startUs; });
        return classifyAmong(t, from, to);
    }
    static LoadClass classifyAmong(TimestampUs t, std::vector<LoadWindow>::const_iterator from,
                                   std::vector<LoadWindow>::const_iterator to);
};

} // namespace

LoadClass classifyPing(TimestampUs t, const std::vector<LoadWindow> &windows)
{
    return WindowIndex::classifyAmong(t, windows.begin(), windows.end());
}

LoadClass WindowIndex::classifyAmong(TimestampUs t, std::vector<LoadWindow>::const_iterator from,
                                     std::vector<LoadWindow>::const_iterator to)
{
    const LoadWindow *inside = nullptr;
    bool guarded = false;
    for (auto it = from; it != to; ++it) {
        const LoadWindow &w = *it;
        if (t >= w.startUs && t <= w.endUs) {
            if (!inside || (w.endUs - w.startUs) < (inside->endUs - inside->startUs))
                inside = &w;
        } else if (t >= w.startUs - kGuardBeforeUs && t <= w.endUs + kGuardAfterUs) {
            guarded = true;
        }
    }
    if (inside)
        return inside->direction == TransferDirection::Download ? LoadClass::Download : LoadClass::Upload;
    return guarded ? LoadClass::Guard : LoadClass::Idle;
}

namespace {

LatencyClassStats classStats(std::vector<double> rtts)
{
    LatencyClassStats s;
    s.count = int(rtts.size());
    if (s.count >= kMinClassSamples) {
        s.p50Ms = percentileInPlace(rtts, 50);
        s.p95Ms = percentileInPlace(rtts, 95);
    }
    return s;
}

LegBufferbloat leg(const std::vector<double> &idle, const std::vector<double> &down, const std::vector<double> &up)
{
    LegBufferbloat l;
    l.idle = classStats(idle);
    l.download = classStats(down);
    l.upload = classStats(up);
    std::optional<double> worstLoaded;
    for (const LatencyClassStats *loaded : {&l.download, &l.upload})
        if (loaded->p50Ms)
            worstLoaded = std::max(worstLoaded.value_or(0.0), *loaded->p50Ms);
    if (l.idle.p50Ms) {
        if (l.download.p50Ms)
            l.downloadDeltaMs = *l.download.p50Ms - *l.idle.p50Ms;
        if (l.upload.p50Ms)
            l.uploadDeltaMs = *l.upload.p50Ms - *l.idle.p50Ms;
    }
    std::optional<double> worstDelta;
    for (const std::optional<double> &d : {l.downloadDeltaMs, l.uploadDeltaMs})
        if (d)
            worstDelta = std::max(worstDelta.value_or(*d), *d);
    if (worstDelta)
        l.rating = bufferbloatTier(*worstDelta);
    if (worstLoaded && *worstLoaded > 0)
        l.rpm = responsivenessRpm(*worstLoaded);
    return l;
}

} // namespace

BufferbloatSplit bufferbloatSplit(const std::vector<RttPoint> &pings, const std::vector<LoadWindow> &windows)
{
    const WindowIndex index(windows);
    std::vector<double> by[2][3]; // [gateway][idle, download, upload]
    for (const RttPoint &p : pings) {
        const LoadClass c = index.classify(p.utcUs);
        if (c == LoadClass::Guard)
            continue;
        by[p.gateway ? 1 : 0][c == LoadClass::Idle ? 0 : c == LoadClass::Download ? 1 : 2].push_back(p.rttMs);
    }
    BufferbloatSplit s;
    s.internet = leg(by[0][0], by[0][1], by[0][2]);
    s.gateway = leg(by[1][0], by[1][1], by[1][2]);
    s.rpm = s.internet.rpm ? s.internet.rpm : s.gateway.rpm;
    for (const std::optional<Tier> &r : {s.internet.rating, s.gateway.rating})
        if (r)
            s.rating = s.rating ? worseTier(*s.rating, *r) : *r;
    return s;
}

} // namespace pathlens::core
