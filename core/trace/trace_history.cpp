// SPDX-License-Identifier: GPL-3.0-or-later
// Bounded trace history.
#include "core/trace/trace_history.h"

#include <QSet>

#include <algorithm>

namespace pathlens::core {

void TraceHistory::addTrace(TraceResult trace)
{
    // Keep start-time order even if a trace is recorded late (enrichment finishes out of order).
    auto at = std::upper_bound(m_traces.begin(), m_traces.end(), trace.startedUtcUs,
                               [](TimestampUs t, const TraceResult &r) { return t < r.startedUtcUs; });
    m_traces.insert(at, std::move(trace));
    while (m_traces.size() > kKeepTraces) {
        // Drop the oldest trace whose target has a newer one.
        auto victim = std::find_if(m_traces.begin(), m_traces.end(), [this](const TraceResult &old) {
            return std::any_of(m_traces.rbegin(), m_traces.rend(), [&](const TraceResult &r) {
                return &r != &old && r.target == old.target && r.startedUtcUs >= old.startedUtcUs;
            });
        });
        if (victim == m_traces.end())
            break; // every trace is the last of its target
        m_traces.erase(victim);
    }
}

void TraceHistory::addPathChange(PathChange change)
{
    auto at = std::upper_bound(m_changes.begin(), m_changes.end(), change.utcUs,
                               [](TimestampUs t, const PathChange &c) { return t < c.utcUs; });
    m_changes.insert(at, std::move(change));
}

std::vector<TraceResult> TraceHistory::newestFirst() const
{
    return {m_traces.rbegin(), m_traces.rend()};
}

} // namespace pathlens::core
