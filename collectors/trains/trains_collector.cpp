// SPDX-License-Identifier: GPL-3.0-or-later
// The continuous capacity schedule: measure, judge against the baseline, confirm, diagnose.
#include "collectors/trains/trains_collector.h"

#include "core/base/time_utc.h"
#include "core/store/trace_rows.h"
#include "core/store/trains_rows.h"

#include <QHostInfo>
#include <QTimer>
#include <QtConcurrent/QtConcurrent>

namespace pathlens::collect {

namespace {
constexpr int kTickMs = 200; // due times are 6 s apart at the fastest: start within 0.2 s of them

core::Result<QHostAddress> resolve(const QString &name)
{
    QHostAddress a;
    if (a.setAddress(name))
        return a;
    const QHostInfo info = QHostInfo::fromName(name);
    if (info.addresses().isEmpty())
        return core::makeError(core::ErrorCode::NotFound, QStringLiteral("cannot resolve %1: %2").arg(name, info.errorString()),
                               QStringLiteral("give an address or a name that resolves"));
    return info.addresses().first();
}

bool fatal(const core::Error &e) { return e.code == core::ErrorCode::PermissionDenied || e.code == core::ErrorCode::Unsupported; }
} // namespace

TrainsCollector::TrainsCollector(TrainsCollectorOptions options) : m_options(std::move(options))
{
    for (const QString &t : m_options.targets) {
        Target target;
        target.name = t;
        target.analysis = core::ContinuousAnalysis(m_options.policy);
        m_targets.push_back(std::move(target));
    }
}

TrainsCollector::~TrainsCollector() { m_cancel->store(true); }

core::Result<void> TrainsCollector::checkSupported() const
{
    if (m_options.targets.isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no capacity target configured"),
                               QStringLiteral("name a host to measure (--capacity-target HOST)"));
    return TrainTransport::supported(m_options.rawOpener);
}

void TrainsCollector::start()
{
    m_watcher = new QFutureWatcher<JobResult>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &TrainsCollector::onDone);
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &TrainsCollector::tick);
    m_timer->start(kTickMs);
    publish({eventRow(QStringLiteral("capacity_source"),
                      QStringLiteral("measuring capacity to %1 every %2 s by packet trains (DSCP %3)")
                          .arg(m_options.targets.join(QStringLiteral(", ")))
                          .arg(m_options.policy.intervalS)
                          .arg(core::dscpName(m_options.dscp)))});
    reportStarted();
    tick();
}

void TrainsCollector::stop()
{
    if (m_timer)
        m_timer->stop();
    m_cancel->store(true);
}

void TrainsCollector::tick()
{
    if (m_busy || !m_watcher)
        return;
    const qint64 now = core::nowUtcUs();
    size_t due = m_targets.size();
    for (size_t i = 0; i < m_targets.size(); ++i)
        if (m_targets[i].dueUs <= now && (due == m_targets.size() || m_targets[i].dueUs < m_targets[due].dueUs))
            due = i;
    if (due < m_targets.size()) {
        startMeasurement(due);
        return;
    }
    // No estimate due: a route check may run in the gap, never while any target is being confirmed
    // or diagnosed (its 6 s spacing and its diagnosis come first).
    if (m_options.routeIntervalS <= 0 || !m_options.allocateTraceId)
        return;
    for (const Target &t : m_targets)
        if (t.phase != core::CapacityPhase::Continuous || t.diagnose)
            return;
    for (size_t i = 0; i < m_targets.size(); ++i)
        if (m_targets[i].routeDueUs <= now) {
            startRouteCheck(i);
            return;
        }
}

void TrainsCollector::startRouteCheck(size_t due)
{
    Target &t = m_targets[due];
    t.routeDueUs = core::nowUtcUs() + qint64(m_options.routeIntervalS) * 1'000'000;
    m_busy = true;
    m_cancel->store(false);
    TraceOptions trace;
    trace.target = t.name;
    trace.dscp = m_options.dscp;
    trace.rawOpener = m_options.rawOpener;
    trace.probesPerHop = 1; // the route, not per-hop statistics: the trace collector does those
    m_watcher->setFuture(QtConcurrent::run([due, trace, cancel = m_cancel]() mutable {
        JobResult job;
        job.target = due;
        job.startedUs = core::nowUtcUs();
        std::vector<core::TraceResult> routes;
        for (TraceProto proto : {TraceProto::Icmp, TraceProto::Udp, TraceProto::Tcp}) {
            trace.proto = proto;
            if (auto r = traceOnce(trace, cancel.get()))
                routes.push_back(std::move(*r));
        }
        job.outcome = Outcome(std::move(routes));
        return job;
    }));
}

void TrainsCollector::startMeasurement(size_t due)
{
    Target &t = m_targets[due];
    m_busy = true;
    m_cancel->store(false);
    CapacityOptions o;
    o.target = t.name;
    o.dscp = m_options.dscp;
    o.voice = m_options.voice;
    o.packetBytes = t.packetBytes;
    o.phase = t.phase;
    o.pacedPackets = m_options.pacedPackets;
    o.pacingMbps = t.lastMbps;
    HopSweepOptions sweep = m_options.sweep;
    const auto diagnose = t.diagnose;
    m_watcher->setFuture(QtConcurrent::run([due, o, sweep, diagnose, opener = m_options.rawOpener, cancel = m_cancel]() mutable {
        JobResult job;
        job.target = due;
        job.startedUs = core::nowUtcUs();
        auto address = resolve(o.target);
        if (!address) {
            job.outcome = address.error();
            return job;
        }
        o.address = *address;
        auto transport = TrainTransport::open(o.address, o.dscp, opener);
        if (!transport) {
            job.outcome = transport.error();
            return job;
        }
        if (o.packetBytes <= 0) {
            auto mtu = (*transport)->discoverPathMtu();
            if (!mtu) {
                job.outcome = mtu.error();
                return job;
            }
            o.packetBytes = *mtu;
        }
        job.packetBytes = o.packetBytes;
        if (diagnose) {
            sweep.packetBytes = o.packetBytes;
            auto d = sweepHops(**transport, sweep, cancel.get());
            if (!d)
                job.outcome = d.error();
            else
                job.outcome = Outcome(std::move(*d));
            return job;
        }
        auto r = measureSingleEnded(**transport, o, cancel.get());
        if (!r)
            job.outcome = r.error();
        else
            job.outcome = Outcome(std::move(*r));
        return job;
    }));
}

void TrainsCollector::onDone()
{
    m_busy = false;
    if (m_cancel->load())
        return;
    JobResult job = m_watcher->result();
    Target &t = m_targets[job.target];
    const qint64 now = core::nowUtcUs(), started = job.startedUs;
    if (!job.outcome) {
        const core::Error &e = job.outcome.error();
        if (fatal(e)) {
            stop();
            reportFailure(e);
            return;
        }
        if (e.code == core::ErrorCode::InvalidInput)
            t.packetBytes = 0; // a packet the interface refused: the path MTU shrank, discover it again
        const int retryS = t.phase == core::CapacityPhase::Confirming ? m_options.policy.confirmIntervalS : m_options.policy.intervalS;
        t.dueUs = started + qint64(retryS) * 1'000'000;
        if (e.message != t.lastError) {
            t.lastError = e.message;
            publish({eventRow(QStringLiteral("capacity_error"), QStringLiteral("%1: %2").arg(t.name, e.toString()))});
        }
        return;
    }
    t.lastError.clear();
    if (job.packetBytes > 0) // route checks carry none: keep what discovery found
        t.packetBytes = job.packetBytes;
    std::vector<core::Row> rows;
    if (auto *routes = std::get_if<std::vector<core::TraceResult>>(&*job.outcome)) {
        for (const core::TraceResult &route : *routes) {
            auto traceRows = core::traceRows(route, m_options.allocateTraceId());
            rows.insert(rows.end(), traceRows.begin(), traceRows.end());
        }
        publish(std::move(rows));
        return; // the capacity schedule is untouched: the next tick measures what is due
    }
    if (auto *d = std::get_if<core::Diagnosis>(&*job.outcome)) {
        d->target = t.name;
        d->trigger = t.diagnoseWhy;
        d->sentDscp = m_options.dscp;
        const core::Diagnosis done = core::diagnoseHops(std::move(*d), *t.diagnose);
        rows.push_back(core::diagnosisToRow(done));
        rows.push_back(eventRow(QStringLiteral("capacity_diagnosis"),
                                QStringLiteral("%1: %2%3").arg(t.name, done.verdict,
                                                               done.dscpNote.isEmpty() ? QString() : QStringLiteral("; ") + done.dscpNote)));
        t.diagnose.reset();
        t.phase = core::CapacityPhase::Continuous;
        t.dueUs = now + qint64(m_options.policy.intervalS) * 1'000'000; // after a diagnosis: a full interval
        publish(std::move(rows));
        return;
    }
    core::CapacityResult r = std::get<core::CapacityResult>(std::move(*job.outcome));
    if (r.measuredMbps)
        t.lastMbps = r.measuredMbps;
    const core::ContinuousStep step = t.analysis.add(r);
    rows.push_back(core::capacityResultToRow(r));
    if (!step.started.isEmpty())
        rows.push_back(eventRow(QStringLiteral("capacity_dysfunction"),
                                QStringLiteral("%1: %2 — confirming with a sample every %3 s").arg(t.name, step.started).arg(step.nextInS)));
    if (!step.cleared.isEmpty())
        rows.push_back(eventRow(QStringLiteral("capacity_cleared"), QStringLiteral("%1: %2").arg(t.name, step.cleared)));
    t.phase = step.nextPhase;
    t.dueUs = started + qint64(step.nextInS) * 1'000'000;
    if (step.escalate) {
        t.diagnose = step.escalate;
        t.diagnoseWhy = step.escalateWhy;
        t.dueUs = now; // the diagnosis follows at once
        rows.push_back(eventRow(QStringLiteral("capacity_escalation"),
                                QStringLiteral("%1: %2 — deep diagnosis of every hop").arg(t.name, step.escalateWhy)));
    }
    publish(std::move(rows));
}

std::unique_ptr<Collector> makeTrainsCollector(TrainsCollectorOptions options)
{
    return std::make_unique<TrainsCollector>(std::move(options));
}

} // namespace pathlens::collect
