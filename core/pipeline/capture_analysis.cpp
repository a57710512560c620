// SPDX-License-Identifier: GPL-3.0-or-later
// Rows → values → per-domain analyses; snapshots on demand.
#include "core/pipeline/capture_analysis.h"

#include "core/active/probe_kind.h"
#include "core/store/capture_schema.h"
#include "core/store/capture_store.h"
#include "core/store/fleet_rows.h"
#include "core/store/load_rows.h"
#include "core/store/mesh_rows.h"
#include "core/store/trains_rows.h"
#include "core/store/probe_rows.h"
#include "core/store/tcp_session_rows.h"
#include "core/store/trace_rows.h"
#include "core/store/wifi_rows.h"
#include "core/wifi/wifi_link_text.h"

#include <algorithm>
#include <iterator>

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
    case Table::CapacityResults:
        m_capacity.push_back(capacityResultFromRow(row));
        m_capacityDirty = true;
        break;
    case Table::Diagnoses:
        m_diagnoses.push_back(diagnosisFromRow(row));
        m_capacityDirty = true;
        break;
    case Table::ThroughputResults: {
        const ThroughputResult &r = m_throughput.emplace_back(throughputResultFromRow(row));
        m_testsFromUs = m_throughput.size() == 1 ? r.startUs : std::min(m_testsFromUs, r.startUs);
        m_testsToUs = std::max(m_testsToUs, r.endUs);
        m_loadDirty = true;
        break;
    }
    case Table::WifiSamples:
        m_wifi.push_back(wifiSampleFromRow(row));
        m_wifiDirty = true;
        break;
    case Table::ProbeSamples:
    case Table::TcpReadings:
    case Table::TraceHops:
        break; // counted; their analyses arrive with their features
    }
    ++m_info.counts[row.table];
}

std::vector<RttPoint> CaptureAnalysis::icmpPings(TimestampUs fromUs, TimestampUs toUs) const
{
    std::vector<RttPoint> pings;
    if (m_throughput.empty())
        return pings;
    for (const LatencySeries &s : m_latency->series) {
        if (s.probe != probeKindId(ProbeKind::Icmp))
            continue;
        const auto &t = s.pyramid.times();
        const auto &v = s.pyramid.values();
        for (size_t i = 0; i < t.size(); ++i)
            if (t[i] >= fromUs && t[i] <= toUs)
                pings.push_back({t[i], double(v[i]), s.gateway});
    }
    return pings;
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
    const bool latencyChanged = m_latencyDirty || !m_latencyShared;
    if (latencyChanged) {
        // Views keep the snapshot they were given; the analysis goes on appending to its own copy.
        auto latency = std::make_shared<LatencyData>(*m_latency);
        for (const BurstRecord &b : snap->probes.bursts)
            if (b.ongoing) // drawn while it lasts; its row replaces it when the collector records it
                latency->addBurst(b);
        m_latencyShared = std::move(latency);
        m_latencyDirty = false;
    }
    snap->latency = m_latencyShared;
    // The split reads the pings near the tests: rebuilt when tests arrived, or pings that can still be
    // near one (a live capture pings on long after its last test; those never change the split).
    const bool pingsMatter = latencyChanged && !m_throughput.empty() && m_loadBuiltThroughUs <= m_testsToUs + kIdleContextUs;
    if (m_loadDirty || pingsMatter || !m_loadShared) {
        m_loadShared = std::make_shared<const LoadPicture>(
            buildLoadPicture(m_throughput, icmpPings(m_testsFromUs - kIdleContextUs, m_testsToUs + kIdleContextUs)));
        m_loadBuiltThroughUs = m_info.span ? m_info.span->second : 0;
        m_loadDirty = false;
    }
    snap->load = m_loadShared;
    // The signal's window ends with the capture too: readings that have left it (an adapter unplugged
    // long ago) no longer rate the link, so a later end past what the picture holds through rebuilds it.
    const bool wifiChanged =
        m_wifiDirty || !m_wifiShared || (!m_wifi.empty() && end > m_wifiShared->signalHoldsThroughUs);
    if (wifiChanged) {
        m_wifiShared = std::make_shared<const WifiPicture>(buildWifiPicture(m_wifi, end));
        m_wifiDirty = false;
    }
    snap->wifi = m_wifiShared;
    // SPEC §2: the overall rating is the worst single metric, throughput and Wi-Fi signal included.
    for (const std::optional<Tier> &t : {m_loadShared->downloadTier, m_loadShared->uploadTier, m_wifiShared->tier})
        if (t)
            snap->probes.overall = snap->probes.overall ? worseTier(*snap->probes.overall, *t) : *t;
    // Wi-Fi events are read from the readings, not stored: they join the stored events by time
    // (a stored one first at the same moment) and the list keeps its most recent kMaxEvents.
    if (!m_wifiShared->events.empty()) {
        const std::vector<WifiEvent> &read = m_wifiShared->events;
        std::vector<EventEntry> wifi;
        const auto first = read.end() - std::min<std::ptrdiff_t>(read.size(), CaptureSnapshot::kMaxEvents);
        for (auto it = first; it != read.end(); ++it)
            wifi.push_back({it->utcUs, wifiEventKindId(it->kind), wifiEventSource(), wifiEventMessage(*it)});
        std::vector<EventEntry> merged;
        merged.reserve(snap->events.size() + wifi.size());
        std::merge(snap->events.begin(), snap->events.end(), wifi.begin(), wifi.end(), std::back_inserter(merged),
                   [](const EventEntry &a, const EventEntry &b) { return a.utcUs < b.utcUs; });
        if (merged.size() > size_t(CaptureSnapshot::kMaxEvents))
            merged.erase(merged.begin(), merged.end() - CaptureSnapshot::kMaxEvents);
        snap->events = std::move(merged);
    }
    snap->traces = m_traces.newestFirst();
    snap->routeChanges = m_traces.pathChanges();
    if (latencyChanged || wifiChanged || snap->routeChanges.size() != m_calloutRouteChanges || !m_calloutsBuilt) {
        m_callouts = timelineCallouts(*snap); // reads the latency, Wi-Fi and route changes set above
        m_calloutRouteChanges = snap->routeChanges.size();
        m_calloutsBuilt = true;
    }
    snap->callouts = m_callouts;
    snap->mesh = m_mesh.cells();
    snap->fleet = m_fleet.picture();
    for (const auto &[key, trace] : m_meshTraces)
        snap->meshTraces.push_back(trace);
    if (m_capacityDirty || !m_capacityShared) {
        m_capacityShared = std::make_shared<const CapacityPicture>(CapacityPicture{m_capacity, m_diagnoses});
        m_capacityDirty = false;
    }
    snap->capacity = m_capacityShared;
    m_changed = false;
    return snap;
}

} // namespace pathlens::core
