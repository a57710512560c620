// SPDX-License-Identifier: GPL-3.0-or-later
// One heat-map tab's reading of a mesh cell: its figure and its state against that link's own best
// (SPEC §4), the chips' counts, and the worst links first.
#pragma once

#include "core/mesh/mesh_matrix.h"

#include <optional>
#include <vector>

namespace pathlens::core {

enum class MeshMetric { Latency, Throughput, Loss, Queueing };
inline constexpr MeshMetric kAllMeshMetrics[] = {MeshMetric::Latency, MeshMetric::Throughput, MeshMetric::Loss, MeshMetric::Queueing};

struct MeshMetricReading {
    std::optional<MeshState> state; // absent: no figure for this metric yet (e.g. capacity doubtful)
    std::optional<double> value;    // ms, Mbit/s or %
    std::optional<double> baseline; // the link's own best for this metric, where it has one
    double severity = 0;            // orders the worst links: down > outside > marginal > within, then by excess
};

// Thresholds (one place): latency and queueing as MeshMatrix judges the smoothed RTT; throughput
// within ≥ 80 % of the link's best capacity, marginal ≥ 50 %; loss within < 1 %, marginal < 5 %.
inline constexpr double kMeshCapacityWithin = 0.8, kMeshCapacityMarginal = 0.5;

MeshMetricReading meshMetricReading(const MeshCell &cell, MeshMetric metric);

struct MeshStateCounts {
    int within = 0, marginal = 0, outside = 0, down = 0, unknown = 0;
};
MeshStateCounts countMeshStates(const std::vector<MeshCell> &cells, MeshMetric metric);

// Agents every one of whose measured links (to and from it) is down, by name: one problem to name
// once, not 2 × (N − 1) links. Needs three agents or more (with two, either end could be at fault).
struct MeshAgentDown {
    QString agent;
    int links = 0; // all down
};
std::vector<MeshAgentDown> meshAgentsDownEverywhere(const std::vector<MeshCell> &cells);

// Indices into `cells` of the n worst links for `metric`, worst first; within links are left out.
std::vector<size_t> worstMeshCells(const std::vector<MeshCell> &cells, MeshMetric metric, size_t n);

} // namespace pathlens::core
