// SPDX-License-Identifier: GPL-3.0-or-later
// The one incremental analysis of a capture: fed committed row batches (live, from the capture
// writer) or the file's rows (offline, from replayCapture) — the same code both ways — and asked
// for typed snapshots.
#pragma once

#include "core/active/probe_report.h"
#include "core/mesh/mesh_matrix.h"
#include "core/passive/tcp_session.h"
#include "core/pipeline/capture_snapshot.h"
#include "core/store/capture_tables.h"
#include "core/trace/trace_history.h"

#include <deque>
#include <map>

namespace pathlens::core {

// Not thread-safe: one owner thread (the AnalysisService's). Holds what the per-domain analyses
// need (sessions by id, probe observations, traces), never a store. Rows of one trace and its
// hops must arrive in the same batch, as the writer commits them.
class CaptureAnalysis {
public:
    explicit CaptureAnalysis(QString path, GradingPolicy policy = {});

    void ingestMeta(const QMap<QString, QString> &meta, int schemaVersion = 0);
    void ingest(const std::vector<Row> &rows);
    // Probe samples straight from the file (the replay's fast path skips building rows).
    void ingestProbeSample(const ProbeSample &sample);
    void setPolicy(const GradingPolicy &policy);

    const QString &capturePath() const { return m_info.path; }
    bool changed() const { return m_changed; }
    // Builds a snapshot of everything so far; clears changed().
    SnapshotPtr snapshot(quint64 sourceId, quint64 sequence, bool live);

private:
    void ingestOne(const Row &row, std::map<qint64, std::vector<const Row *>> &hopsByTrace);
    void noteTime(TimestampUs t);
    std::vector<RttPoint> icmpPings(TimestampUs fromUs, TimestampUs toUs) const; // sent in [from, to]

    CaptureInfo m_info;
    GradingPolicy m_policy;
    std::map<qint64, TcpSession> m_sessions; // by row id: later upserts replace earlier ones
    ProbeReportBuilder m_probes;
    std::shared_ptr<LatencyData> m_latency = std::make_shared<LatencyData>();
    std::shared_ptr<const LatencyData> m_latencyShared; // the copy the last snapshot handed out
    bool m_latencyDirty = true;
    TraceHistory m_traces;
    MeshMatrix m_mesh;
    std::map<std::pair<QString, QString>, TraceResult> m_meshTraces; // (traced by, target address) → latest
    FleetRanking m_fleet;
    // Capacity estimates and diagnoses in arrival order; shared with snapshots until the next one.
    std::vector<CapacityResult> m_capacity;
    std::vector<Diagnosis> m_diagnoses;
    std::shared_ptr<const CapacityPicture> m_capacityShared;
    bool m_capacityDirty = false;
    std::vector<ThroughputResult> m_throughput; // arrival order
    std::shared_ptr<const LoadPicture> m_loadShared;
    bool m_loadDirty = false;
    TimestampUs m_testsFromUs = 0, m_testsToUs = 0; // earliest start, latest end of the tests
    TimestampUs m_loadBuiltThroughUs = 0;            // the last sample time the split had seen
    std::vector<WifiSample> m_wifi;                   // arrival order
    std::shared_ptr<const WifiPicture> m_wifiShared;
    bool m_wifiDirty = false;
    // Callouts read latency, Wi-Fi and route changes: rebuilt when one of them changed.
    std::vector<TimelineCallout> m_callouts;
    size_t m_calloutRouteChanges = 0; // route changes the callouts had seen
    bool m_calloutsBuilt = false;
    std::deque<EventEntry> m_events;
    bool m_changed = true;
};

} // namespace pathlens::core
