// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput figures for the rating, and the split of the pings around the tests.
#include "core/load/load_picture.h"

#include "core/stats/statistics.h"

#include <algorithm>

namespace pathlens::core {

std::vector<LoadWindow> loadWindows(const std::vector<ThroughputResult> &results)
{
    std::vector<LoadWindow> windows;
    for (const ThroughputResult &r : results)
        if (r.bytes > 0 && r.endUs > r.startUs) // a skipped test loaded nothing
            windows.push_back({r.startUs, r.endUs, r.direction});
    return windows;
}

namespace {
std::optional<double> ratingFigure(const std::vector<ThroughputResult> &results, TransferDirection d)
{
    std::vector<double> recent;
    for (auto it = results.rbegin(); it != results.rend() && int(recent.size()) < kRatingResults; ++it)
        if (it->direction == d && it->mbps && !it->calibration && !it->outOfFamily)
            recent.push_back(*it->mbps);
    if (recent.empty())
        return std::nullopt;
    return median(std::move(recent));
}
} // namespace

LoadPicture buildLoadPicture(std::vector<ThroughputResult> results, const std::vector<RttPoint> &pings)
{
    LoadPicture p;
    p.results = std::move(results);
    p.downloadMbps = ratingFigure(p.results, TransferDirection::Download);
    p.uploadMbps = ratingFigure(p.results, TransferDirection::Upload);
    if (p.downloadMbps)
        p.downloadTier = downloadTier(*p.downloadMbps);
    if (p.uploadMbps)
        p.uploadTier = uploadTier(*p.uploadMbps);
    const std::vector<LoadWindow> windows = loadWindows(p.results);
    if (windows.empty())
        return p;
    // The windows widened by the idle context and merged, in time order; a ping counts when one holds it.
    std::vector<std::pair<TimestampUs, TimestampUs>> context;
    for (const LoadWindow &w : windows)
        context.emplace_back(w.startUs - kIdleContextUs, w.endUs + kIdleContextUs);
    std::sort(context.begin(), context.end());
    std::vector<std::pair<TimestampUs, TimestampUs>> merged;
    for (const auto &c : context)
        if (!merged.empty() && c.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, c.second);
        else
            merged.push_back(c);
    std::vector<RttPoint> near;
    for (const RttPoint &ping : pings) {
        const auto it = std::upper_bound(merged.begin(), merged.end(), ping.utcUs,
                                         [](TimestampUs t, const auto &m) { return t < m.first; });
        if (it != merged.begin() && ping.utcUs <= std::prev(it)->second)
            near.push_back(ping);
    }
    p.bufferbloat = bufferbloatSplit(near, windows);
    return p;
}

} // namespace pathlens::core
