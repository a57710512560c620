// SPDX-License-Identifier: GPL-3.0-or-later
// What a capture says about the link under load: every throughput test, the download and upload
// figures that join the overall rating, and the bufferbloat split of the pings around the tests.
#pragma once

#include "core/active/quality_tiers.h"
#include "core/load/bufferbloat_split.h"
#include "core/load/throughput_result.h"

#include <optional>
#include <vector>

namespace pathlens::core {

struct LoadPicture {
    std::vector<ThroughputResult> results; // oldest first, calibration steps and skips included
    // Median of the last 5 measured, in-family, non-calibration results of each direction: one
    // unlucky test neither makes nor breaks the rating.
    std::optional<double> downloadMbps, uploadMbps;
    std::optional<Tier> downloadTier, uploadTier;
    BufferbloatSplit bufferbloat;
    bool empty() const { return results.empty(); }
};

// Idle pings count only within this distance of a test: the baseline is the link as it was
// around the tests, not hours earlier.
inline constexpr qint64 kIdleContextUs = 10LL * 60 * 1'000'000;
inline constexpr int kRatingResults = 5;

LoadPicture buildLoadPicture(std::vector<ThroughputResult> results, const std::vector<RttPoint> &pings);
// The load windows of measured tests (the ones that loaded the link).
std::vector<LoadWindow> loadWindows(const std::vector<ThroughputResult> &results);

} // namespace pathlens::core
