// SPDX-License-Identifier: GPL-3.0-or-later
// Building chartable series from probe samples.
#include "core/series/latency_series.h"

#include "core/base/notes_codec.h"

#include <algorithm>
#include <cmath>
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

namespace {
struct Point {
    TimestampUs t;
    float rttMs; // NaN: lost
};

// Index of the series with this (probe, target), added on first sight. Compares raw UTF-8 bytes so
// the common case (same key as the previous row) builds no string.
size_t seriesIndex(LatencyData &data, std::vector<std::pair<QByteArray, QByteArray>> &keys, QByteArrayView probe,
                   QByteArrayView target, const SqliteStatement &stmt, size_t hint)
{
    if (hint < keys.size() && keys[hint].first == probe && keys[hint].second == target)
        return hint;
    for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i].first == probe && keys[i].second == target)
            return i;
    keys.emplace_back(probe.toByteArray(), target.toByteArray());
    LatencySeries series{QString::fromUtf8(probe), QString::fromUtf8(target), false, {}};
    if (auto notes = Notes::parse(QString::fromUtf8(stmt.columnUtf8(5))))
        series.gateway = notes->value(QStringLiteral("gateway")) == QStringLiteral("1");
    data.series.push_back(std::move(series));
    return keys.size() - 1;
}
} // namespace

Result<std::shared_ptr<LatencyData>> loadLatencyData(CaptureStore &store)
{
    auto data = std::make_shared<LatencyData>();
    // One pass in storage order (24 h at 5/s is ~1.3 M rows): no ORDER BY and no GROUP BY, which cost
    // SQLite a sort of every row; no QVariant or QString per row. Rows are nearly in time order
    // already (a late reply is written after newer probes), so each series is sorted here instead.
    auto stmt = store.db().prepare(QStringLiteral("SELECT ts_us, rtt_ms, lost, probe, target, notes FROM probe_samples"));
    if (!stmt)
        return stmt.error();
    std::vector<std::pair<QByteArray, QByteArray>> keys;
    std::vector<std::vector<Point>> points;
    size_t last = 0;
    for (;;) {
        auto more = stmt->step();
        if (!more)
            return more.error();
        if (!*more)
            break;
        last = seriesIndex(*data, keys, stmt->columnUtf8(3), stmt->columnUtf8(4), *stmt, last);
        if (points.size() <= last)
            points.resize(last + 1);
        const bool lost = stmt->columnIsNull(1) || stmt->columnInt64(2) != 0;
        points[last].push_back({stmt->columnInt64(0), lost ? std::numeric_limits<float>::quiet_NaN() : float(stmt->columnDouble(1))});
    }
    for (size_t i = 0; i < points.size(); ++i) {
        std::vector<Point> &p = points[i];
        std::stable_sort(p.begin(), p.end(), [](const Point &a, const Point &b) { return a.t < b.t; });
        MinMaxPyramid &pyramid = data->series[i].pyramid;
        for (const Point &pt : p) {
            if (std::isnan(pt.rttMs))
                pyramid.appendLoss(pt.t);
            else
                pyramid.append(pt.t, pt.rttMs);
        }
        std::vector<Point>().swap(p); // release as we go: the pyramids hold the data now
    }
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
