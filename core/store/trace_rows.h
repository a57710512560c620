// SPDX-License-Identifier: GPL-3.0-or-later
// Reads traces and route-change events back from a capture; the report's traces section.
#pragma once

#include "core/store/capture_store.h"
#include "core/trace/trace_result.h"

#include <QJsonArray>

namespace pathlens::core {

// Capture rows: one traces row (id given) + one trace_hops row per TTL slot.
std::vector<Row> traceRows(const TraceResult &trace, qint64 traceId);
// Back from a capture (hops in TTL order).
TraceResult traceFromRows(const Row &traceRow, const std::vector<Row> &hopRows);

// The most recent `limit` traces, newest first, with their hops.
Result<std::vector<TraceResult>> loadTraces(CaptureStore &store, int limit = 50);

struct PathChange {
    TimestampUs utcUs = 0;
    QString message;
};
Result<std::vector<PathChange>> loadPathChanges(CaptureStore &store, int limit = 200);

// report --json: the latest trace of each target:
// [{target, proto, utc, reached, hops [{ttl, addr, rtt_ms, silent, delta_ms, loss_pct, rate_limited}]}]
QJsonArray tracesReportJson(const std::vector<TraceResult> &newestFirst);

} // namespace pathlens::core
