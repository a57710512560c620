// SPDX-License-Identifier: GPL-3.0-or-later
// Per-metric states of mesh cells.
#include "core/mesh/mesh_metrics.h"

#include <algorithm>
#include <map>

namespace pathlens::core {

namespace {
double rank(MeshState s)
{
    switch (s) {
    case MeshState::Down: return 4;
    case MeshState::Outside: return 3;
    case MeshState::Marginal: return 2;
    case MeshState::Within: return 1;
    }
    return 0;
}

// Latency-like figures against the RTT baseline, with MeshMatrix's floors.
MeshState delayState(double excessMs, double baselineMs)
{
    if (excessMs > std::max(MeshMatrix::kMarginalFloorMs, MeshMatrix::kMarginalRatio * baselineMs))
        return MeshState::Outside;
    if (excessMs > std::max(MeshMatrix::kWithinFloorMs, MeshMatrix::kWithinRatio * baselineMs))
        return MeshState::Marginal;
    return MeshState::Within;
}
} // namespace

MeshMetricReading meshMetricReading(const MeshCell &cell, MeshMetric metric)
{
    MeshMetricReading r;
    const MeshResult &m = cell.latest;
    if (m.down()) {
        r.state = MeshState::Down;
        r.severity = rank(MeshState::Down);
        return r;
    }
    double excessRatio = 0; // how far from the best, for ordering within a state
    switch (metric) {
    case MeshMetric::Latency:
        r.value = cell.rttEwmaMs;
        r.baseline = cell.baselineRttMs;
        r.state = delayState(cell.rttEwmaMs - cell.baselineRttMs, cell.baselineRttMs);
        excessRatio = cell.baselineRttMs > 0 ? cell.rttEwmaMs / cell.baselineRttMs - 1 : 0;
        break;
    case MeshMetric::Throughput:
        r.baseline = cell.baselineCapacityForwardMbps;
        if (cell.capacityForwardMbps && cell.baselineCapacityForwardMbps && *cell.baselineCapacityForwardMbps > 0) {
            r.value = cell.capacityForwardMbps;
            const double share = *cell.capacityForwardMbps / *cell.baselineCapacityForwardMbps;
            r.state = share >= kMeshCapacityWithin ? MeshState::Within
                      : share >= kMeshCapacityMarginal ? MeshState::Marginal
                                                       : MeshState::Outside;
            excessRatio = 1 - share;
        }
        break;
    case MeshMetric::Loss:
        r.value = m.lossPct;
        r.baseline = 0;
        r.state = m.lossPct >= MeshMatrix::kOutsideLossPct    ? MeshState::Outside
                  : m.lossPct >= MeshMatrix::kMarginalLossPct ? MeshState::Marginal
                                                              : MeshState::Within;
        excessRatio = m.lossPct / 100;
        break;
    case MeshMetric::Queueing: {
        const double q = std::max(m.queueForwardMs, m.queueReverseMs);
        r.value = q;
        r.baseline = 0;
        r.state = delayState(q, cell.baselineRttMs);
        excessRatio = cell.baselineRttMs > 0 ? q / cell.baselineRttMs : q;
        break;
    }
    }
    if (r.state)
        r.severity = rank(*r.state) + std::clamp(excessRatio, 0.0, 100.0) / 101.0; // stays below the next state
    return r;
}

MeshStateCounts countMeshStates(const std::vector<MeshCell> &cells, MeshMetric metric)
{
    MeshStateCounts c;
    for (const MeshCell &cell : cells) {
        const auto s = meshMetricReading(cell, metric).state;
        if (!s)
            ++c.unknown;
        else if (*s == MeshState::Within)
            ++c.within;
        else if (*s == MeshState::Marginal)
            ++c.marginal;
        else if (*s == MeshState::Outside)
            ++c.outside;
        else
            ++c.down;
    }
    return c;
}

std::vector<MeshAgentDown> meshAgentsDownEverywhere(const std::vector<MeshCell> &cells)
{
    std::map<QString, std::pair<int, int>> links; // agent → (links, links down)
    for (const MeshCell &c : cells)
        for (const QString &a : {c.latest.src, c.latest.dst}) {
            ++links[a].first;
            links[a].second += c.latest.down();
        }
    std::vector<MeshAgentDown> out;
    if (links.size() < 3)
        return out;
    for (const auto &[agent, n] : links)
        if (n.first > 1 && n.second == n.first)
            out.push_back({agent, n.first});
    return out;
}

std::vector<size_t> worstMeshCells(const std::vector<MeshCell> &cells, MeshMetric metric, size_t n)
{
    std::vector<std::pair<double, size_t>> scored;
    for (size_t i = 0; i < cells.size(); ++i) {
        const MeshMetricReading r = meshMetricReading(cells[i], metric);
        if (r.state && *r.state != MeshState::Within)
            scored.emplace_back(r.severity, i);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<size_t> out;
    for (size_t i = 0; i < scored.size() && i < n; ++i)
        out.push_back(scored[i].second);
    return out;
}

} // namespace pathlens::core
