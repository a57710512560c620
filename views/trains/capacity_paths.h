// SPDX-License-Identifier: GPL-3.0-or-later
// The measured paths of a capture: its capacity estimates grouped by target and direction.
#pragma once

#include "core/trains/capacity_result.h"

#include <QString>

#include <vector>

namespace pathlens::views {

struct CapacityPathKey {
    QString target;
    core::CapacityDirection direction = core::CapacityDirection::RoundTrip;
    bool operator==(const CapacityPathKey &) const = default;
};

struct CapacityPath {
    CapacityPathKey key;
    QString address;             // of the newest estimate
    core::CapacityMode mode = core::CapacityMode::SingleEnded;
    std::vector<size_t> results; // indices into the picture's results, oldest first
    int doubtful = 0;
    QString text() const;        // "10.90.4.2 — outbound": what the path selector shows
};

// Targets in the order they were first measured; each target's directions as both-ways, outbound,
// inbound. Pure: the same results always give the same paths.
std::vector<CapacityPath> groupCapacityPaths(const std::vector<core::CapacityResult> &oldestFirst);

} // namespace pathlens::views
