// SPDX-License-Identifier: GPL-3.0-or-later
// Mesh cells: EWMA, baselines, states.
#include "core/mesh/mesh_matrix.h"

#include "core/stats/statistics.h"

#include <algorithm>

namespace pathlens::core {

QString meshStateName(MeshState state)
{
    switch (state) {
    case MeshState::Within: return QStringLiteral("within");
    case MeshState::Marginal: return QStringLiteral("marginal");
    case MeshState::Outside: return QStringLiteral("outside");
    case MeshState::Down: return QStringLiteral("down");
    }
    return {};
}

void MeshMatrix::add(const MeshResult &r)
{
    MeshCell &c = m_cells[{r.src, r.dst}];
    // Another rung of the connection ladder is another link (a relay's detour, a punched way):
    // its history starts afresh, or a relayed pair would look "outside" its direct best forever.
    // A pair that is down (path none) keeps the history of the way it had.
    if (c.cycles > 0 && !r.down() && !c.latest.down() && r.path != c.latest.path) {
        const int cycles = c.cycles;
        c = MeshCell{};
        c.cycles = cycles;
    }
    c.latest = r;
    ++c.cycles;
    if (r.down()) {
        c.state = MeshState::Down;
        return;
    }
    c.rttEwmaMs = c.rttEwmaMs > 0 ? c.rttEwmaMs + kEwmaAlpha * (r.rttMs - c.rttEwmaMs) : r.rttMs;
    c.baselineRttMs = c.baselineRttMs > 0 ? std::min(c.baselineRttMs, r.rttMs) : r.rttMs;
    auto push = [](std::vector<double> &recent, const std::optional<double> &v, std::optional<double> &median) {
        if (!v)
            return;
        recent.push_back(*v);
        if (recent.size() > kCapacityWindow)
            recent.erase(recent.begin());
        median = core::median(recent);
    };
    push(c.recentForward, r.capacityForwardMbps, c.capacityForwardMbps);
    push(c.recentReverse, r.capacityReverseMbps, c.capacityReverseMbps);
    if (r.capacityForwardMbps)
        c.baselineCapacityForwardMbps =
            c.baselineCapacityForwardMbps ? std::max(*c.baselineCapacityForwardMbps, *r.capacityForwardMbps) : *r.capacityForwardMbps;
    const double excess = c.rttEwmaMs - c.baselineRttMs;
    if (excess > std::max(kMarginalFloorMs, kMarginalRatio * c.baselineRttMs) || r.lossPct >= kOutsideLossPct)
        c.state = MeshState::Outside;
    else if (excess > std::max(kWithinFloorMs, kWithinRatio * c.baselineRttMs) || r.lossPct >= kMarginalLossPct)
        c.state = MeshState::Marginal;
    else
        c.state = MeshState::Within;
}

std::vector<MeshCell> MeshMatrix::cells() const
{
    std::vector<MeshCell> out;
    out.reserve(m_cells.size());
    for (const auto &[key, cell] : m_cells)
        out.push_back(cell);
    return out;
}

} // namespace pathlens::core
