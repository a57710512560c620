// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet roll-up (SPEC §1): every device's latest report, ranked, counted by grade, and the band
// sentence that sums it up.
#pragma once

#include "core/fleet/fleet_device.h"

#include <array>
#include <map>
#include <vector>

namespace pathlens::core {

struct FleetPicture {
    std::vector<FleetDevice> devices;          // graded best first (grade, then median RTT), ungraded last
    std::array<int, 5> gradeCounts{};          // indexed by Grade (Excellent … Ungraded)
    std::optional<double> medianRttMs;         // median of the graded devices' median RTTs
    int online = 0;
    Grade worst = Grade::Ungraded;             // worst graded device
    QString band;                              // "Fleet is healthy — 8 Excellent · 3 Good · 1 Fair"

    bool empty() const { return devices.empty(); }
    std::vector<FleetDevice> fastest(size_t n) const; // best first
    std::vector<FleetDevice> slowest(size_t n) const; // worst first, graded devices only
};

// Not thread-safe. A device's hello and verdict are merged; the last of each to arrive wins.
class FleetRanking {
public:
    void add(const FleetDevice &report);
    FleetPicture picture() const;
    bool empty() const { return m_devices.empty(); }

private:
    std::map<QString, FleetDevice> m_devices; // by id
};

// The band's words: healthy when every graded device is Good or better, "needs attention" when one
// is Fair, "has trouble" when one is Poor.
QString fleetBand(const std::array<int, 5> &gradeCounts);

} // namespace pathlens::core
