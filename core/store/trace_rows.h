// SPDX-License-Identifier: GPL-3.0-or-later
// TraceResult ⇄ traces/trace_hops rows.
#pragma once

#include "core/store/capture_tables.h"
#include "core/trace/trace_result.h"

namespace pathlens::core {

// Capture rows: one traces row (id given) + one trace_hops row per TTL slot.
std::vector<Row> traceRows(const TraceResult &trace, qint64 traceId);
// Back from a capture (hops in TTL order).
TraceResult traceFromRows(const Row &traceRow, const std::vector<Row> &hopRows);

} // namespace pathlens::core
