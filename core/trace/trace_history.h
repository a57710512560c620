// SPDX-License-Identifier: GPL-3.0-or-later
// Traces and route changes of a capture, fed one by one: the newest traces and every route change.
#pragma once

#include "core/trace/trace_result.h"

#include <deque>
#include <vector>

namespace pathlens::core {

struct PathChange {
    TimestampUs utcUs = 0;
    QString message;
};

// Not thread-safe. Route changes are rare (one per real path change), so all are kept; traces
// beyond kKeepTraces are dropped oldest first, except that the newest of each target stays.
class TraceHistory {
public:
    static constexpr size_t kKeepTraces = 50; // an hour of traces at one every 30 s per target mix

    void addTrace(TraceResult trace);
    void addPathChange(PathChange change);
    std::vector<TraceResult> newestFirst() const;
    const std::vector<PathChange> &pathChanges() const { return m_changes; } // oldest first
    bool empty() const { return m_traces.empty() && m_changes.empty(); }

private:
    std::deque<TraceResult> m_traces; // oldest first, by start time
    std::vector<PathChange> m_changes;
};

} // namespace pathlens::core
