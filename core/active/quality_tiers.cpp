// SPDX-License-Identifier: GPL-3.0-or-later
// Tier thresholds from SPEC §2, one table per metric.
#include "core/active/quality_tiers.h"

#include <array>
#include <utility>

namespace pathlens::core {

namespace {
// "Lower is better" metrics: first tier whose bound the value is strictly below.
template <size_t N>
Tier below(double v, const std::array<std::pair<Tier, double>, N> &bounds, Tier otherwise)
{
    for (const auto &[tier, bound] : bounds)
        if (v < bound)
            return tier;
    return otherwise;
}
// "Higher is better" metrics: first tier whose bound the value reaches.
template <size_t N>
Tier atLeast(double v, const std::array<std::pair<Tier, double>, N> &bounds, Tier otherwise)
{
    for (const auto &[tier, bound] : bounds)
        if (v >= bound)
            return tier;
    return otherwise;
}
} // namespace

QString tierName(Tier tier)
{
    static const char *const names[] = {"superior", "excellent", "good", "fair", "impaired", "broken"};
    return QString::fromLatin1(names[int(tier)]);
}

Tier worseTier(Tier a, Tier b)
{
    return int(a) > int(b) ? a : b;
}

Tier latencyTier(double p50Ms, bool geo)
{
    if (geo) {
        // GEO: ≤700 good, ≤900 fair, ≤1200 impaired, >1200 broken (inclusive bounds, SPEC table).
        if (p50Ms <= 700)
            return Tier::Good;
        if (p50Ms <= 900)
            return Tier::Fair;
        return p50Ms <= 1200 ? Tier::Impaired : Tier::Broken;
    }
    static constexpr std::array<std::pair<Tier, double>, 5> bounds{
        {{Tier::Superior, 20}, {Tier::Excellent, 50}, {Tier::Good, 100}, {Tier::Fair, 200}, {Tier::Impaired, 500}}};
    return below(p50Ms, bounds, Tier::Broken);
}

Tier lossTier(double lossPct)
{
    static constexpr std::array<std::pair<Tier, double>, 5> bounds{
        {{Tier::Superior, 0.1}, {Tier::Excellent, 0.5}, {Tier::Good, 1}, {Tier::Fair, 5}, {Tier::Impaired, 10}}};
    return below(lossPct, bounds, Tier::Broken);
}

Tier downloadTier(double mbps)
{
    static constexpr std::array<std::pair<Tier, double>, 5> bounds{
        {{Tier::Superior, 200}, {Tier::Excellent, 100}, {Tier::Good, 25}, {Tier::Fair, 12}, {Tier::Impaired, 3}}};
    return atLeast(mbps, bounds, Tier::Broken);
}

Tier uploadTier(double mbps)
{
    static constexpr std::array<std::pair<Tier, double>, 5> bounds{
        {{Tier::Superior, 100}, {Tier::Excellent, 25}, {Tier::Good, 5}, {Tier::Fair, 1}, {Tier::Impaired, 0.5}}};
    return atLeast(mbps, bounds, Tier::Broken);
}

Tier wifiRssiTier(double dbm)
{
    static constexpr std::array<std::pair<Tier, double>, 3> bounds{
        {{Tier::Excellent, -50}, {Tier::Good, -67}, {Tier::Fair, -70}}};
    return atLeast(dbm, bounds, Tier::Impaired);
}

Tier bufferbloatTier(double bloatMs)
{
    static constexpr std::array<std::pair<Tier, double>, 4> bounds{
        {{Tier::Excellent, 20}, {Tier::Good, 50}, {Tier::Fair, 100}, {Tier::Impaired, 200}}};
    return below(bloatMs, bounds, Tier::Broken);
}

} // namespace pathlens::core
