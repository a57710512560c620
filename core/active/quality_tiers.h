// SPDX-License-Identifier: GPL-3.0-or-later
// The six quality tiers of SPEC §2 as data (latency, loss, throughput, Wi-Fi RSSI), the GEO latch,
// and the bufferbloat rating.
#pragma once

#include <QString>

#include <optional>

namespace pathlens::core {

enum class Tier { Superior, Excellent, Good, Fair, Impaired, Broken };
QString tierName(Tier tier); // "superior" … "broken"
Tier worseTier(Tier a, Tier b);

Tier latencyTier(double p50Ms, bool geo);
Tier lossTier(double lossPct);
Tier downloadTier(double mbps);
Tier uploadTier(double mbps);
Tier wifiRssiTier(double dbm); // never Superior or Broken (SPEC table)

// SPEC §2: median RTT > 400 ms = GEO satellite; once GEO, never downgraded.
class LinkTypeLatch {
public:
    static constexpr double kGeoThresholdMs = 400.0;
    void observe(double medianRttMs) { m_geo = m_geo || medianRttMs > kGeoThresholdMs; }
    bool isGeo() const { return m_geo; }

private:
    bool m_geo = false;
};

// Bufferbloat = loaded p50 − idle p50: excellent <20, good <50, fair <100, impaired <200, broken.
Tier bufferbloatTier(double bloatMs);
inline double responsivenessRpm(double loadedRttMs) { return loadedRttMs > 0 ? 60000.0 / loadedRttMs : 0.0; }

} // namespace pathlens::core
