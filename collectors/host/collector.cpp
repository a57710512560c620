// SPDX-License-Identifier: GPL-3.0-or-later
// Run-id tagging of published rows.
#include "collector.h"

#include "core/base/time_utc.h"

namespace pathlens::collect {

void Collector::attach(quint64 runId, std::shared_ptr<std::atomic<quint64>> currentRunId, RowSink sink)
{
    m_runId = runId;
    m_currentRunId = std::move(currentRunId);
    m_sink = std::move(sink);
}

core::Row Collector::eventRow(const QString &kind, const QString &message) const
{
    return core::eventRow(core::nowUtcUs(), name(), kind, message);
}

bool Collector::publish(std::vector<core::Row> rows)
{
    if (!m_sink || !m_currentRunId || m_currentRunId->load() != m_runId)
        return false;
    m_sink(std::move(rows));
    return true;
}

} // namespace pathlens::collect
