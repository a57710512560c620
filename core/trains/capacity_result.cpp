// SPDX-License-Identifier: GPL-3.0-or-later
// Names of the capacity enums, as stored and as report --json writes them.
#include "core/trains/capacity_result.h"

namespace pathlens::core {

namespace {
template <typename E, size_t N>
std::optional<E> fromName(const QString &s, const std::pair<E, const char *> (&table)[N])
{
    for (const auto &[e, name] : table)
        if (s == QLatin1String(name))
            return e;
    return std::nullopt;
}
template <typename E, size_t N>
QString toName(E e, const std::pair<E, const char *> (&table)[N])
{
    for (const auto &[v, name] : table)
        if (v == e)
            return QString::fromLatin1(name);
    return {};
}
constexpr std::pair<CapacityMode, const char *> kModes[] = {{CapacityMode::SingleEnded, "single"},
                                                            {CapacityMode::DualEnded, "dual"}};
constexpr std::pair<CapacityDirection, const char *> kDirections[] = {{CapacityDirection::RoundTrip, "round_trip"},
                                                                      {CapacityDirection::Forward, "forward"},
                                                                      {CapacityDirection::Reverse, "reverse"}};
constexpr std::pair<CapacityPhase, const char *> kPhases[] = {{CapacityPhase::OneOff, "once"},
                                                              {CapacityPhase::Continuous, "continuous"},
                                                              {CapacityPhase::Confirming, "confirming"}};
} // namespace

QString capacityModeName(CapacityMode m) { return toName(m, kModes); }
QString capacityDirectionName(CapacityDirection d) { return toName(d, kDirections); }
QString capacityPhaseName(CapacityPhase p) { return toName(p, kPhases); }
std::optional<CapacityMode> capacityModeFromName(const QString &s) { return fromName(s, kModes); }
std::optional<CapacityDirection> capacityDirectionFromName(const QString &s) { return fromName(s, kDirections); }
std::optional<CapacityPhase> capacityPhaseFromName(const QString &s) { return fromName(s, kPhases); }

} // namespace pathlens::core
