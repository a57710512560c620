// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet's mesh, fed result by result: per directional pair the latest cycle, the RTT smoothed by
// EWMA (α = 1/6), and the pair's own best (lowest RTT, highest capacity) that its cells are judged
// against (SPEC §4: each link against its own history, not an absolute scale).
#pragma once

#include "core/mesh/mesh_result.h"

#include <map>
#include <vector>

namespace pathlens::core {

enum class MeshState { Within, Marginal, Outside, Down };
QString meshStateName(MeshState state); // "within", "marginal", "outside", "down"

struct MeshCell {
    MeshResult latest;
    double rttEwmaMs = 0;
    double baselineRttMs = 0;                   // lowest cycle RTT seen for this pair
    std::optional<double> baselineCapacityForwardMbps; // highest forward capacity seen
    // Median of the last kCapacityWindow cycles' figures: one cycle's three trains are few, and a
    // train delayed by cross traffic or a busy forwarder reads low.
    std::optional<double> capacityForwardMbps, capacityReverseMbps;
    std::vector<double> recentForward, recentReverse; // oldest first
    int cycles = 0;
    MeshState state = MeshState::Within;
};

// Not thread-safe; order-insensitive between pairs, in time order within one (results are).
class MeshMatrix {
public:
    static constexpr double kEwmaAlpha = 1.0 / 6.0; // SPEC §4: one bad cycle moves the smoothed RTT by a sixth
    static constexpr size_t kCapacityWindow = 5;     // cycles: 10 minutes at the default 2-minute cycle
    // Against the baseline, the smoothed RTT's excess: within ≤ max(1 ms, 25 %), marginal ≤ max(5 ms,
    // 100 %) (or loss ≥ 1 %), outside beyond (or loss ≥ 5 %). The floors keep sub-millisecond links
    // (a LAN, loopback) from flapping on scheduling noise.
    static constexpr double kWithinRatio = 0.25, kMarginalRatio = 1.0;
    static constexpr double kWithinFloorMs = 1.0, kMarginalFloorMs = 5.0;
    static constexpr double kMarginalLossPct = 1.0, kOutsideLossPct = 5.0;

    void add(const MeshResult &result);
    std::vector<MeshCell> cells() const; // sorted by source then destination
    bool empty() const { return m_cells.empty(); }

private:
    std::map<std::pair<QString, QString>, MeshCell> m_cells;
};

} // namespace pathlens::core
