// SPDX-License-Identifier: GPL-3.0-or-later
// traces/trace_hops rows → TraceResult values; path_change events; report JSON.
#include "trace_store.h"

#include <QJsonObject>
#include <QSet>

namespace pathlens::core {

Result<std::vector<TraceResult>> loadTraces(CaptureStore &store, int limit)
{
    std::vector<Row> traceRows;
    auto r = store.forEach(Table::Traces, [&](const Row &row) { traceRows.push_back(row); return true; },
                           QStringLiteral("id IN (SELECT id FROM traces ORDER BY ts_us DESC, id DESC LIMIT %1)").arg(limit));
    if (!r)
        return r.error();
    std::vector<TraceResult> out;
    for (auto it = traceRows.rbegin(); it != traceRows.rend(); ++it) {
        std::vector<Row> hops;
        auto h = store.forEach(Table::TraceHops, [&](const Row &row) { hops.push_back(row); return true; },
                               QStringLiteral("trace_id = %1").arg(it->values.at(0).toLongLong()));
        if (!h)
            return h.error();
        out.push_back(traceFromRows(*it, hops));
    }
    return out;
}

Result<std::vector<PathChange>> loadPathChanges(CaptureStore &store, int limit)
{
    std::vector<PathChange> out;
    auto r = store.forEach(Table::Events, [&](const Row &row) {
        out.push_back({row.get("ts_us").toLongLong(), row.get("message").toString()});
        return true;
    }, QStringLiteral("kind = 'path_change' AND id IN (SELECT id FROM events WHERE kind = 'path_change' "
                      "ORDER BY ts_us DESC LIMIT %1)").arg(limit));
    if (!r)
        return r.error();
    std::reverse(out.begin(), out.end());
    return out;
}

QJsonArray tracesReportJson(const std::vector<TraceResult> &newestFirst)
{
    QJsonArray traces;
    QSet<QString> seen;
    for (const TraceResult &t : newestFirst) {
        if (seen.contains(t.target))
            continue;
        seen.insert(t.target);
        QJsonArray hops;
        for (size_t i = 0; i < t.hops.size(); ++i) {
            const TraceHop &h = t.hops[i];
            const auto delta = t.deltaMs(i);
            hops.append(QJsonObject{{QStringLiteral("ttl"), h.ttl},
                                    {QStringLiteral("addr"), h.silent() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.addr)},
                                    {QStringLiteral("rtt_ms"), h.silent() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.medianRttMs())},
                                    {QStringLiteral("silent"), h.silent()},
                                    {QStringLiteral("delta_ms"), delta ? QJsonValue(*delta) : QJsonValue(QJsonValue::Null)},
                                    {QStringLiteral("loss_pct"), h.lossPct()},
                                    {QStringLiteral("rate_limited"), t.isRateLimited(i)}});
        }
        traces.append(QJsonObject{{QStringLiteral("target"), t.target}, {QStringLiteral("proto"), t.proto},
                                  {QStringLiteral("utc"), formatUtcMs(t.startedUtcUs)}, {QStringLiteral("reached"), t.reached},
                                  {QStringLiteral("hops"), hops}});
    }
    return traces;
}

} // namespace pathlens::core
