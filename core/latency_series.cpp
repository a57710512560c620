// SPDX-License-Identifier: GPL-3.0-or-later
// Building chartable series from probe samples.
#include "latency_series.h"

#include "notes_codec.h"

#include <limits>

namespace pathlens::core {

QString LatencySeries::label() const
{
    return QStringLiteral("%1 → %2%3").arg(probe, target, gateway ? QStringLiteral(" (gateway)") : QString());
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
        if (auto notes = Notes::parse(s.notes))
            series->gateway = notes->value(QStringLiteral("gateway")) == QStringLiteral("1");
    }
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

Result<std::shared_ptr<LatencyData>> loadLatencyData(CaptureStore &store)
{
    auto data = std::make_shared<LatencyData>();
    auto r = store.forEach(Table::ProbeSamples, [&](const Row &row) {
        data->add(ProbeSample::fromRow(row));
        return true;
    });
    if (!r)
        return r.error();
    // Bursts straight from their table: one pass over the samples is the whole cost of opening.
    auto b = store.forEach(Table::LossBursts, [&](const Row &row) {
        const TimestampUs start = row.get("ts_us").toLongLong();
        data->bursts.push_back({start, start + TimestampUs(row.get("duration_ms").toDouble() * 1000),
                                row.get("probe").toString() + QLatin1Char(' ') + row.get("target").toString(),
                                row.get("length").toInt()});
        return true;
    });
    if (!b)
        return b.error();
    return data;
}

} // namespace pathlens::core
