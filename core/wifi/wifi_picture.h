// SPDX-License-Identifier: GPL-3.0-or-later
// What a capture says about the Wi-Fi link: the active interface's readings (for the strips), its
// latest, its median signal and tier (which joins the overall rating), and every interface's events.
#pragma once

#include "core/active/quality_tiers.h"
#include "core/wifi/wifi_sample.h"

#include <limits>
#include <optional>
#include <vector>

namespace pathlens::core {

// SPEC §2 reads Wi-Fi from "the active interface": of the interfaces in the readings, the one connected
// most recently (ties, or none ever connected: the one with the most readings; then the first by name).
// samples, latest, rssiP50Dbm and tier are that interface's alone; events come from every interface
// (each carries its iface).
struct WifiPicture {
    std::vector<WifiSample> samples;  // the active interface's, oldest first (a day at one per 10 s is 8,640)
    std::vector<WifiEvent> events;    // every interface's, oldest first
    std::optional<WifiSample> latest; // the active interface's last reading
    // Over the active interface's connected readings in the last 10 minutes of the capture (ending at
    // its last sample of any kind, not at the last Wi-Fi reading): none there, no median and no tier.
    std::optional<double> rssiP50Dbm;
    std::optional<Tier> tier; // wifiRssiTier(rssiP50Dbm)
    // The capture end through which rssiP50Dbm and tier stay as they are without new readings (when the
    // oldest reading in the window leaves it); a later end needs a rebuild.
    TimestampUs signalHoldsThroughUs = std::numeric_limits<TimestampUs>::max();
    bool empty() const { return samples.empty(); }
};

inline constexpr qint64 kWifiTierWindowUs = 10LL * 60 * 1'000'000;

// Events between consecutive readings of one interface: a BSSID change while connected → Roam;
// connected → not → Disconnect, and back → Reconnect; a lower PHY generation → PhyModeDrop; a
// narrower channel → WidthDrop; fewer spatial streams → StreamDrop (rate-adaptation noise aside:
// PHY mode, width and streams count only when two consecutive readings agree, on the higher value
// before and on the lower one after; the drop is stamped at the first lower reading).
std::vector<WifiEvent> wifiEvents(const std::vector<WifiSample> &samples);

// captureEndUs: the capture's last sample (any table); absent, the last Wi-Fi reading stands for it
// (a capture of Wi-Fi readings alone).
WifiPicture buildWifiPicture(std::vector<WifiSample> samples, std::optional<TimestampUs> captureEndUs = {});

} // namespace pathlens::core
