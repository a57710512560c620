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

namespace {
// The distinct (probe, target) pairs, in first-seen order, each with its gateway flag.
Result<void> readSeriesKeys(SqliteDb &db, LatencyData &data)
{
    auto stmt = db.prepare(QStringLiteral("SELECT probe, target, notes FROM probe_samples GROUP BY probe, target ORDER BY MIN(id)"));
    if (!stmt)
        return stmt.error();
    for (;;) {
        auto more = stmt->step();
        if (!more)
            return more.error();
        if (!*more)
            return {};
        LatencySeries series{stmt->column(0).toString(), stmt->column(1).toString(), false, {}};
        if (auto notes = Notes::parse(stmt->column(2).toString()))
            series.gateway = notes->value(QStringLiteral("gateway")) == QStringLiteral("1");
        data.series.push_back(std::move(series));
    }
}
} // namespace

Result<std::shared_ptr<LatencyData>> loadLatencyData(CaptureStore &store)
{
    auto data = std::make_shared<LatencyData>();
    if (auto keys = readSeriesKeys(store.db(), *data); !keys)
        return keys.error();
    if (!data->series.empty()) {
        // One ordered pass yielding three numbers per sample: the series index comes from a CASE over
        // the keys, so no string or QVariant is built per row (24 h at 5/s is ~1.3 M rows).
        QString which = QStringLiteral("CASE");
        for (size_t i = 0; i < data->series.size(); ++i)
            which += QStringLiteral(" WHEN probe=?%1 AND target=?%2 THEN %3").arg(2 * i + 1).arg(2 * i + 2).arg(i);
        which += QStringLiteral(" ELSE -1 END");
        auto stmt = store.db().prepare(QStringLiteral("SELECT ts_us, rtt_ms, lost, %1 FROM probe_samples ORDER BY ts_us, id").arg(which));
        if (!stmt)
            return stmt.error();
        for (size_t i = 0; i < data->series.size(); ++i) {
            stmt->bind(int(2 * i + 1), data->series[i].probe);
            stmt->bind(int(2 * i + 2), data->series[i].target);
        }
        for (;;) {
            auto more = stmt->step();
            if (!more)
                return more.error();
            if (!*more)
                break;
            const qint64 index = stmt->columnInt64(3);
            if (index < 0)
                continue;
            MinMaxPyramid &pyramid = data->series[size_t(index)].pyramid;
            const TimestampUs ts = stmt->columnInt64(0);
            if (stmt->columnIsNull(1) || stmt->columnInt64(2) != 0)
                pyramid.appendLoss(ts);
            else
                pyramid.append(ts, float(stmt->columnDouble(1)));
        }
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
