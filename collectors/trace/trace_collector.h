// SPDX-License-Identifier: GPL-3.0-or-later
// Trace collector: traces one target every 30 s, publishes trace rows and path-change events.
#pragma once

#include "collectors/host/collector.h"
#include "core/trace/trace_result.h"
#include "trace_engine.h"
#include "trace_enricher.h"

#include <QFutureWatcher>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace pathlens::collect {

using TraceIdAllocator = std::function<qint64()>; // ids for new traces rows (the capture store's sequence)
// Runs one trace; tests inject fakes. Called on a pool thread, never the collector's.
using TraceFunction = std::function<core::Result<core::TraceResult>(const TraceOptions &, const std::atomic<bool> *)>;

struct TraceCollectorOptions {
    TraceOptions trace;             // target, protocol, TTLs, probes per hop, 900 ms silence, DSCP
    int intervalMs = 30000;         // SPEC §2: traceroute every 30 s
    bool reverseDns = true;
    QStringList geoDatabases;       // MaxMind-format .mmdb files (ASN, City); missing ones are reported once
    TraceFunction traceFn;          // nullptr: traceOnce
};

// Owned by CollectorHost; runs on its own QThread. start() creates the timer there; each tick
// starts one trace as a QtConcurrent job (skipped while one is still running), then enrichment
// (reverse DNS, ASN/place) as a second job, and publishes from the worker thread when both are
// done. The jobs hold no pointer to the collector: a watcher (child of the collector) delivers
// the result, so destroying the collector mid-trace only cancels (the engine stops within 50 ms).
// Permission/unsupported errors go to failed(); other errors (no route) become one event per
// change of message and the next tick tries again. It knows nothing of views or the store.
class TraceCollector : public Collector {
    Q_OBJECT
public:
    TraceCollector(TraceCollectorOptions options, TraceIdAllocator allocateId);
    ~TraceCollector() override;

    QString name() const override { return QStringLiteral("trace"); }
    core::Result<void> checkSupported() const override;

public slots:
    void start() override;
    void stop() override;
    void traceNow(); // one trace now (if none is running); public so tests need no timer

signals:
    void traceReady(quint64 runId, const pathlens::core::TraceResult &trace);
    void statusMessage(quint64 runId, const QString &text);

private:
    void onTraced();
    void onEnriched();
    void publishTrace(core::TraceResult trace);

    TraceCollectorOptions m_options;
    TraceIdAllocator m_allocateId;
    EnrichOptions m_enrich;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QTimer *m_timer = nullptr;
    QFutureWatcher<core::Result<core::TraceResult>> *m_traceWatcher = nullptr;
    QFutureWatcher<core::TraceResult> *m_enrichWatcher = nullptr;
    std::optional<core::TraceResult> m_previous;
    QString m_lastError;
    bool m_busy = false;
};

// For CollectorHost::add(): called for every (re)start, so allocateId must outlive restarts.
std::unique_ptr<Collector> makeTraceCollector(TraceCollectorOptions options, TraceIdAllocator allocateId);

} // namespace pathlens::collect
