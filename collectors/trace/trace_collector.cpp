// SPDX-License-Identifier: GPL-3.0-or-later
// The trace collector's schedule: trace job, enrichment job, rows, path-change events.
#include "trace_collector.h"

#include "core/base/time_utc.h"
#include "core/store/trace_rows.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrent>

namespace pathlens::collect {

namespace {

bool fatal(const core::Error &e)
{
    return e.code == core::ErrorCode::PermissionDenied || e.code == core::ErrorCode::Unsupported
        || e.code == core::ErrorCode::InvalidInput;
}
} // namespace

TraceCollector::TraceCollector(TraceCollectorOptions options, TraceIdAllocator allocateId)
    : m_options(std::move(options)), m_allocateId(std::move(allocateId))
{
    qRegisterMetaType<pathlens::core::TraceResult>();
    if (!m_options.traceFn)
        m_options.traceFn = [](const TraceOptions &o, const std::atomic<bool> *c) { return traceOnce(o, c); };
}

TraceCollector::~TraceCollector()
{
    m_cancel->store(true); // a running job finishes on its own; its watcher dies with us
}

core::Result<void> TraceCollector::checkSupported() const
{
    if (m_options.trace.target.isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no trace target configured"),
                               QStringLiteral("set a trace target (a host name or address)"));
    return traceTransportSupported(m_options.trace.proto, m_options.trace.rawOpener);
}

void TraceCollector::start()
{
    m_enrich.reverseDns = m_options.reverseDns;
    QStringList notes;
    for (const QString &path : m_options.geoDatabases) {
        auto db = openGeoDatabase(path);
        if (db)
            m_enrich.geo.push_back(std::shared_ptr<const GeoLookup>(std::move(*db)));
        else
            notes << db.error().toString();
    }
    m_traceWatcher = new QFutureWatcher<core::Result<core::TraceResult>>(this);
    connect(m_traceWatcher, &QFutureWatcherBase::finished, this, &TraceCollector::onTraced);
    m_enrichWatcher = new QFutureWatcher<core::TraceResult>(this);
    connect(m_enrichWatcher, &QFutureWatcherBase::finished, this, &TraceCollector::onEnriched);
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::CoarseTimer); // a trace every 30 s: 5 % timer slack is irrelevant
    connect(m_timer, &QTimer::timeout, this, &TraceCollector::traceNow);
    m_timer->start(m_options.intervalMs);
    // Where the sockets come from, like the probes' mode=: recverr (UDP), raw (this process) or
    // helper (pathlens-helper). A failure here is reported by the first trace, with its remedy.
    const auto mode = traceTransportMode(m_options.trace.proto, m_options.trace.rawOpener);
    const QString status =
        QStringLiteral("tracing %1 every %2 s with %3 probes (mode=%4)%5")
            .arg(m_options.trace.target)
            .arg(m_options.intervalMs / 1000.0)
            .arg(traceProtoName(m_options.trace.proto).toUpper(), mode ? mode.value() : QStringLiteral("unavailable"),
                 notes.isEmpty() ? QString() : QStringLiteral("; ") + notes.join(QStringLiteral("; ")));
    publish({eventRow(QStringLiteral("trace_source"), status)});
    emit statusMessage(runId(), status);
    reportStarted();
    traceNow();
}

void TraceCollector::stop()
{
    if (m_timer)
        m_timer->stop();
    m_cancel->store(true);
}

void TraceCollector::traceNow()
{
    if (m_busy || !m_traceWatcher)
        return;
    m_busy = true;
    m_cancel->store(false);
    auto cancel = m_cancel; // the job holds the flag, never `this`
    m_traceWatcher->setFuture(QtConcurrent::run([fn = m_options.traceFn, o = m_options.trace, cancel] {
        return fn(o, cancel.get());
    }));
}

void TraceCollector::onTraced()
{
    auto result = m_traceWatcher->result();
    if (!result) {
        m_busy = false;
        if (m_cancel->load())
            return;
        if (fatal(result.error())) {
            stop();
            reportFailure(result.error());
            return;
        }
        if (result.error().message != m_lastError) { // one event per change, not one every 30 s
            m_lastError = result.error().message;
            publish({eventRow(QStringLiteral("trace_error"), result.error().toString())});
        }
        return;
    }
    m_lastError.clear();
    m_enrichWatcher->setFuture(enrichTraceAsync(std::move(*result), m_enrich));
}

void TraceCollector::onEnriched()
{
    m_busy = false;
    if (!m_cancel->load())
        publishTrace(m_enrichWatcher->result());
}

void TraceCollector::publishTrace(core::TraceResult trace)
{
    std::vector<core::Row> rows = core::traceRows(trace, m_allocateId());
    if (m_previous && m_previous->targetAddr == trace.targetAddr) {
        const QString change = core::describePathChange(*m_previous, trace);
        if (!change.isEmpty())
            rows.push_back(eventRow(QStringLiteral("path_change"), change));
    }
    publish(std::move(rows));
    m_previous = trace;
    emit traceReady(runId(), trace);
}

std::unique_ptr<Collector> makeTraceCollector(TraceCollectorOptions options, TraceIdAllocator allocateId)
{
    return std::make_unique<TraceCollector>(std::move(options), std::move(allocateId));
}

} // namespace pathlens::collect
