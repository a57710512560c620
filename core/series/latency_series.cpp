// SPDX-License-Identifier: GPL-3.0-or-later
// Building chartable series from probe samples.
#include "core/series/latency_series.h"

#include "core/active/probe_kind.h"

#include "core/base/notes_codec.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pathlens::core {

QString LatencySeries::label() const
{
    return QStringLiteral("%1 → %2%3").arg(probeDisplayName(probe), target, gateway ? QStringLiteral(" (gateway)") : QString());
}

void LatencyData::add(const ProbeSample &s)
{
    LatencySeries *series = nullptr;
    for (LatencySeries &candidate : this->series)
        if (candidate.probe == s.probe && candidate.target == s.target)
            series = &candidate;
    if (!series) {
        this->series.push_back({s.probe, s.target, false, {}});
        series = &this->series.back();
    }
    // Like the probe report: any sample marked as the gateway's makes the series the gateway's.
    if (!series->gateway && s.notes.contains(QLatin1String("gateway=1")))
        if (auto notes = Notes::parse(s.notes))
            series->gateway = notes->value(QStringLiteral("gateway")) == QStringLiteral("1");
    if (s.rttMs)
        series->pyramid.append(s.utcUs, float(*s.rttMs));
    else
        series->pyramid.appendLoss(s.utcUs);
}

TimestampUs LatencyData::firstTime() const
{
    TimestampUs t = std::numeric_limits<TimestampUs>::max();
    for (const auto &s : series)
        if (!s.pyramid.empty())
            t = std::min(t, s.pyramid.firstTime());
    return t;
}

TimestampUs LatencyData::lastTime() const
{
    TimestampUs t = std::numeric_limits<TimestampUs>::min();
    for (const auto &s : series)
        if (!s.pyramid.empty())
            t = std::max(t, s.pyramid.lastTime());
    return t;
}

bool LatencyData::empty() const
{
    for (const auto &s : series)
        if (!s.pyramid.empty())
            return false;
    return true;
}

void LatencyData::addBurst(const BurstRecord &b)
{
    bursts.push_back({b.burst.startUtcUs, b.burst.startUtcUs + TimestampUs(b.burst.durationMs * 1000), b.probe + QLatin1Char(' ') + b.target,
                      b.burst.length});
}

} // namespace pathlens::core
