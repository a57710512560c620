// SPDX-License-Identifier: GPL-3.0-or-later
// Rows → values → per-domain analyses; snapshots on demand.
#include "core/pipeline/capture_analysis.h"

#include "core/store/capture_schema.h"
#include "core/store/capture_store.h"
#include "core/store/fleet_rows.h"
#include "core/store/mesh_rows.h"
#include "core/store/probe_rows.h"
#include "core/store/tcp_session_rows.h"
#include "core/store/trace_rows.h"

#include <algorithm>

namespace pathlens::core {

namespace {
// Route changes are recorded by the trace collector as events of this kind.
const QString kPathChangeKind = QStringLiteral("path_change");
} // namespace

CaptureAnalysis::CaptureAnalysis(QString path, GradingPolicy policy) : m_policy(std::move(policy))
{
    m_info.path = std::move(path);
    m_info.schemaVersion = kCaptureSchemaVersion;
}

void CaptureAnalysis::ingestMeta(const QMap<QString, QString> &meta, int schemaVersion)
{
    for (auto it = meta.begin(); it != meta.end(); ++it)
        if (it.key() != QLatin1String(meta::kLastCommitUtc)) // a writer's heartbeat, not capture content
            m_info.meta[it.key()] = it.value();
    if (schemaVersion > 0)
        m_info.schemaVersion = schemaVersion;
    m_changed = true;
}

void CaptureAnalysis::setPolicy(const GradingPolicy &policy)
{
    if (policy == m_policy)
        return;
    m_policy = policy;
    m_changed = true;
}

void CaptureAnalysis::noteTime(TimestampUs t)
{
    m_info.span = m_info.span ? std::make_pair(std::min(m_info.span->first, t), std::max(m_info.span->second, t))
                              : std::make_pair(t, t);
}

void CaptureAnalysis::ingestProbeSample(const ProbeSample &sample)
{
    noteTime(sample.utcUs);
    ++m_info.counts[Table::ProbeSamples];
    m_probes.add(sample);
    m_latency->add(sample);
    m_latencyDirty = m_changed = true;
}

void CaptureAnalysis::ingest(const std::vector<Row> &rows)
{
    // Hops join their trace: index them first (a batch holds a trace row and all its hops).
    std::map<qint64, std::vector<const Row *>> hopsByTrace;
    for (const Row &row : rows)
        if (row.table == Table::TraceHops)
            hopsByTrace[row.get("trace_id").toLongLong()].push_back(&row);
    for (const Row &row : rows)
        ingestOne(row, hopsByTrace);
}

void CaptureAnalysis::ingestOne(const Row &row, std::map<qint64, std::vector<const Row *>> &hopsByTrace)
{
    if (row.table == Table::ProbeSamples) {
        ingestProbeSample(probeSampleFromRow(row));
        return;
    }
    noteTime(row.get("ts_us").toLongLong());
    m_changed = true;
    switch (row.table) {
    case Table::TcpSessions: {
        TcpSession s = sessionFromRow(row);
        m_sessions[s.id] = std::move(s); // counted at snapshot: one per id
        return;
    }
    case Table::LossBursts: {
        BurstRecord b;
        b.probe = row.get("probe").toString();
        b.target = row.get("target").toString();
        b.burst.startUtcUs = row.get("ts_us").toLongLong();
        b.burst.length = row.get("length").toInt();
        b.burst.durationMs = row.get("duration_ms").toDouble();
        b.burst.cycleOffsetMs = row.get("cycle_offset_ms").toDouble();
        m_probes.addBurst(b);
        m_latency->addBurst(b);
        m_latencyDirty = true;
        break;
    }
    case Table::Traces: {
        std::vector<Row> hops;
        for (const Row *h : hopsByTrace[row.values.at(0).toLongLong()])
            hops.push_back(*h);
        TraceResult trace = traceFromRows(row, hops);
        if (!trace.tracedBy.isEmpty()) { // a mesh agent's trace to a peer: the Mesh page's, not the Path page's
            TraceResult &latest = m_meshTraces[{trace.tracedBy, trace.targetAddr}];
            if (trace.startedUtcUs >= latest.startedUtcUs)
                latest = std::move(trace);
            break;
        }
        m_traces.addTrace(std::move(trace));
        break;
    }
    case Table::Events: {
        EventEntry e{row.get("ts_us").toLongLong(), row.get("kind").toString(), row.get("source").toString(),
                     row.get("message").toString()};
        if (e.kind == kPathChangeKind)
            m_traces.addPathChange({e.utcUs, e.message});
        // Oldest first by time; equal times keep arrival (= row id) order.
        auto at = std::upper_bound(m_events.begin(), m_events.end(), e.utcUs,
                                   [](TimestampUs t, const EventEntry &x) { return t < x.utcUs; });
        m_events.insert(at, std::move(e));
        while (m_events.size() > size_t(CaptureSnapshot::kMaxEvents))
            m_events.pop_front();
        break;
    }
    case Table::MeshResults:
        m_mesh.add(meshResultFromRow(row));
        break;
    case Table::FleetDevices:
        m_fleet.add(fleetDeviceFromRow(row));
        break;
    case Table::ProbeSamples:
    case Table::TcpReadings:
    case Table::WifiSamples:
    case Table::TraceHops:
        break; // counted; their analyses arrive with their features
    }
    ++m_info.counts[row.table];
}

SnapshotPtr CaptureAnalysis::snapshot(quint64 sourceId, quint64 sequence, bool live)
{
    auto snap = std::make_shared<CaptureSnapshot>();
    snap->sourceId = sourceId;
    snap->sequence = sequence;
    snap->live = live;
    snap->capture = m_info;
    for (Table t : kAllTables)
        snap->capture.counts.try_emplace(t, 0);
    snap->capture.counts[Table::TcpSessions] = qint64(m_sessions.size());
    snap->events.assign(m_events.begin(), m_events.end());
    snap->policy = m_policy;
    std::vector<TcpSession> sessions;
    sessions.reserve(m_sessions.size());
    for (const auto &[id, s] : m_sessions)
        sessions.push_back(s);
    // The 24 h window ends with the capture's last sample, live and offline alike.
    const TimestampUs end = m_info.span ? m_info.span->second : 0;
    snap->passive = buildTcpPicture(std::move(sessions), end, m_policy);
    snap->probes = m_probes.report();
    if (m_latencyDirty || !m_latencyShared) {
        // Views keep the snapshot they were given; the analysis goes on appending to its own copy.
        m_latencyShared = std::make_shared<const LatencyData>(*m_latency);
        m_latencyDirty = false;
    }
    snap->latency = m_latencyShared;
    snap->traces = m_traces.newestFirst();
    snap->routeChanges = m_traces.pathChanges();
    snap->mesh = m_mesh.cells();
    snap->fleet = m_fleet.picture();
    for (const auto &[key, trace] : m_meshTraces)
        snap->meshTraces.push_back(trace);
    m_changed = false;
    return snap;
}

} // namespace pathlens::core
