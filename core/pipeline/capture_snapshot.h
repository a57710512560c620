// SPDX-License-Identifier: GPL-3.0-or-later
// What every view shows, as one immutable value: the analysis of one capture at one moment.
#pragma once

#include "core/active/probe_report.h"
#include "core/fleet/fleet_ranking.h"
#include "core/load/load_picture.h"
#include "core/mesh/mesh_matrix.h"
#include "core/passive/grading_policy.h"
#include "core/passive/tcp_rollups.h"
#include "core/series/latency_series.h"
#include "core/store/capture_tables.h"
#include "core/trace/trace_history.h"
#include "core/trains/capacity_result.h"
#include "core/timeline/timeline_callouts.h"
#include "core/wifi/wifi_picture.h"
#include "core/trains/hop_diagnosis.h"

#include <QMap>
#include <QMetaType>

#include <map>
#include <memory>
#include <optional>

namespace pathlens::core {

struct CaptureInfo {
    QString path;
    int schemaVersion = 0;
    QMap<QString, QString> meta;          // capture_id, host, os, started_utc, ended_utc, …
    std::optional<std::pair<TimestampUs, TimestampUs>> span; // first and last sample
    std::map<Table, qint64> counts;       // rows per table (a session counts once however often updated)
    bool closed() const { return meta.contains(QStringLiteral("ended_utc")); }
};

struct EventEntry {
    TimestampUs utcUs = 0;
    QString kind, source, message;
};

// Every capacity estimate and deep diagnosis of the capture, oldest first (a day at one estimate a
// minute is 1,440 per path: kept whole, shared between snapshots until it changes).
struct CapacityPicture {
    std::vector<CapacityResult> results;
    std::vector<Diagnosis> diagnoses;
};

// Shared between threads read-only: built on the analysis thread, never changed after.
struct CaptureSnapshot {
    quint64 sourceId = 0;  // which analysis made it (a live capture, an opened file)
    quint64 sequence = 0;  // increases with every snapshot of that source
    bool live = false;
    CaptureInfo capture;
    std::vector<EventEntry> events; // the most recent kMaxEvents, oldest first
    GradingPolicy policy;           // the policy the grades below were computed with
    TcpPicture passive;
    ProbeReport probes;
    std::shared_ptr<const LatencyData> latency; // never null
    std::vector<TraceResult> traces;            // newest first
    std::vector<PathChange> routeChanges;       // oldest first
    std::vector<MeshCell> mesh;                 // every directional pair measured, by source then destination
    FleetPicture fleet;                         // devices heard on the fleet bus, ranked
    std::vector<TraceResult> meshTraces;        // each mesh agent's latest trace to each peer, by agent then address
    std::shared_ptr<const CapacityPicture> capacity = std::make_shared<const CapacityPicture>(); // never null
    // Throughput tests and the bufferbloat split; their download/upload tiers are in probes.overall.
    std::shared_ptr<const LoadPicture> load = std::make_shared<const LoadPicture>(); // never null
    // Wi-Fi readings and events; the RSSI tier is in probes.overall.
    std::shared_ptr<const WifiPicture> wifi = std::make_shared<const WifiPicture>(); // never null
    // Where the aligned timeline's rows coincide (a latency rise with its likely cause), oldest first.
    std::vector<TimelineCallout> callouts;

    static constexpr int kMaxEvents = 50;
};

using SnapshotPtr = std::shared_ptr<const CaptureSnapshot>;

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::SnapshotPtr)
