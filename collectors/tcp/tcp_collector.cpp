// SPDX-License-Identifier: GPL-3.0-or-later
// The TCP collector's tick: destroy events, start times, dump, attribution, tracker, publish.
#include "tcp_collector.h"
#include "collectors/os/thread_cpu_clock.h"

#include "inet_diag_parser.h"
#include "process_attribution.h"
#include "tcp_dump_source.h"
#include "tcp_recording.h"
#include "tcp_replay_source.h"
#include "tcp_start_source.h"

#include <QMetaMethod>
#include <QSocketNotifier>
#include <QTimer>

#include <chrono>

namespace pathlens::collect {

namespace {
// Lifecycles of connections that closed this long ago are forgotten (a final or the next dump
// has used them by then); the cap bounds memory if the tracepoint floods (other namespaces too).
constexpr qint64 kLifecycleKeepUs = 30'000'000;
constexpr int kMaxLifecycles = 400'000;
// State changes are read every 50 ms so the process behind a connect() is looked up while it still
// exists: a program that connects and exits within 50 ms stays "pid N". Draining empty rings
// costs microseconds, so 20 wake-ups a second stay far below the 0.5 % CPU budget.
constexpr int kStartPollMs = 50;
constexpr qint64 kPidOwnerKeepUs = 60'000'000;

TcpSessionTracker::Options trackerOptions(const TcpCollectorOptions &o)
{
    TcpSessionTracker::Options t;
    t.includeLoopback = o.includeLoopback;
    t.policy = o.policy;
    return t;
}

QString key(const QString &local, const QString &remote) { return local + QLatin1Char('|') + remote; }

} // namespace

TcpCollector::TcpCollector(TcpCollectorOptions options, TcpSessionTracker::IdAllocator allocateId)
    : m_options(std::move(options)), m_tracker(trackerOptions(m_options), std::move(allocateId))
{
    qRegisterMetaType<std::vector<pathlens::core::TcpSession>>();
}

TcpCollector::~TcpCollector() = default;

core::Result<void> TcpCollector::checkSupported() const
{
    if (!m_options.replayFile.isEmpty())
        return {};
    return liveTcpDumpSupported();
}

core::Result<void> TcpCollector::openSources()
{
    if (m_options.replayFile.isEmpty()) {
        m_source = createLiveTcpDumpSource();
    } else {
        auto replay = std::make_unique<TcpReplaySource>(m_options.replayFile);
        m_replay = replay.get();
        m_source = std::move(replay);
    }
    if (auto r = m_source->open(); !r)
        return r;
    m_attribution = createProcessAttribution(m_options.procRoot);

    QString whyNoStart;
    if (m_replay) {
        m_startMethod = QStringLiteral("as recorded");
    } else if (m_options.exactStartTimes) {
        m_starts = createLiveTcpStartSource();
        if (auto r = m_starts->open(); !r) {
            whyNoStart = r.error().toString();
            m_starts.reset();
        }
    } else {
        whyNoStart = QStringLiteral("exact start times are switched off");
    }
    if (!m_replay)
        m_startMethod = m_starts ? QStringLiteral("exact (%1)").arg(m_starts->describe())
                                 : QStringLiteral("first sight, up to %1 s late (%2)")
                                       .arg(m_options.pollIntervalMs / 1000.0).arg(whyNoStart);

    if (!m_options.recordTo.isEmpty()) {
        m_recorder = std::make_unique<TcpRecordingWriter>();
        if (auto r = m_recorder->open(m_options.recordTo); !r)
            return r;
    }
    return {};
}

void TcpCollector::start()
{
    if (auto r = openSources(); !r) {
        fail(r.error());
        return;
    }
    QString whyNoDestroy;
    const bool destroy = m_source->hasDestroyEvents(&whyNoDestroy);
    const QString status = QStringLiteral("TCP statistics from %1; session start: %2; short connections: %3")
                               .arg(m_source->describe(), m_startMethod,
                                    destroy ? QStringLiteral("final counters from destroy events") : whyNoDestroy);
    publish({eventRow(QStringLiteral("tcp_source"), status)});
    emit statusMessage(runId(), status);

    if (const int fd = m_source->destroyFd(); fd >= 0) {
        m_destroyNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(m_destroyNotifier, &QSocketNotifier::activated, this, &TcpCollector::onDestroyReadable);
    }
    if (m_starts) {
        m_startTimer = new QTimer(this);
        m_startTimer->setTimerType(Qt::CoarseTimer);
        connect(m_startTimer, &QTimer::timeout, this, &TcpCollector::pollStarts);
        m_startTimer->start(kStartPollMs);
    }
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer); // 1 Hz readings: a coarse timer would jitter by 5 %
    connect(m_timer, &QTimer::timeout, this, &TcpCollector::tick);
    m_timer->start(m_options.pollIntervalMs);
    reportStarted();
    tick(); // first reading at once, so existing connections are attributed at start
}

void TcpCollector::stop()
{
    if (m_timer)
        m_timer->stop();
    if (m_startTimer)
        m_startTimer->stop();
    if (m_destroyNotifier)
        m_destroyNotifier->setEnabled(false);
}

void TcpCollector::fail(const core::Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    stop();
    reportFailure(error);
}

void TcpCollector::onDestroyReadable() { drainDestroyed(); }

void TcpCollector::pollStarts()
{
    if (!m_starts || m_failed)
        return;
    auto polled = m_starts->poll();
    if (!polled || polled->empty())
        return;
    if (m_recorder)
        (void)m_recorder->append(TcpRecord::Starts, {m_lastMonoUs, core::nowUtcUs(), encodeLifecycles(*polled)});
    absorbStarts(std::move(*polled));
}

void TcpCollector::drainDestroyed()
{
    auto batches = m_source->drainDestroyed();
    if (!batches) {
        fail(batches.error());
        return;
    }
    for (TcpRawBatch &b : *batches) {
        if (m_recorder)
            (void)m_recorder->append(TcpRecord::Destroy, b); // recording is best effort
        auto parsed = parseInetDiag(b.bytes);
        if (!parsed)
            continue; // one damaged notification must not stop the collector
        for (core::TcpSocketReading &r : parsed->readings) {
            r.final = true;
            r.monoUs = b.monoUs;
            r.utcUs = b.utcUs;
            m_pendingFinals.push_back(std::move(r));
        }
    }
}

void TcpCollector::absorbStarts(std::vector<TcpLifecycle> events)
{
    for (TcpLifecycle &e : events) {
        Lifecycle &l = m_lifecycles[key(e.localAddr, e.remoteAddr)];
        if (e.startMonoUs && l.closeMonoUs && e.startMonoUs >= l.closeMonoUs)
            l = Lifecycle{}; // the 4-tuple was reused by a new connection
        if (e.startMonoUs && (!l.startMonoUs || e.startMonoUs < l.startMonoUs))
            l.startMonoUs = e.startMonoUs;
        if (e.closeMonoUs)
            l.closeMonoUs = std::max(l.closeMonoUs, e.closeMonoUs);
        if (e.pid) {
            l.pid = e.pid;
            if (!m_pidOwners.contains(e.pid)) { // look the process up now, before it can exit
                core::TcpSocketReading probe;
                m_attribution->attributePid(probe, e.pid);
                m_pidOwners.insert(e.pid, {Owner{probe.attribution, probe.pid, probe.exeName, probe.exePath}, e.startMonoUs});
            }
        }
    }
    if (!events.empty() && m_pidOwners.size() > 1024) {
        const qint64 newest = events.back().startMonoUs ? events.back().startMonoUs : events.back().closeMonoUs;
        for (auto it = m_pidOwners.begin(); it != m_pidOwners.end();)
            it = newest - it->second > kPidOwnerKeepUs ? m_pidOwners.erase(it) : std::next(it);
    }
    if (m_lifecycles.size() > kMaxLifecycles || (m_lastMonoUs && !events.empty())) {
        for (auto it = m_lifecycles.begin(); it != m_lifecycles.end();) {
            const qint64 ref = it->closeMonoUs ? it->closeMonoUs : it->startMonoUs;
            const bool old = ref && m_lastMonoUs - ref > kLifecycleKeepUs && (it->closeMonoUs || m_lifecycles.size() > kMaxLifecycles);
            it = old ? m_lifecycles.erase(it) : std::next(it);
        }
    }
}

void TcpCollector::applyLifecycle(core::TcpSocketReading &r)
{
    const auto it = m_lifecycles.constFind(key(r.localAddr, r.remoteAddr));
    if (it == m_lifecycles.cend())
        return;
    // A 4-tuple can be reused: only a start before this reading and not older than a close
    // already seen belongs to this socket.
    if (it->startMonoUs && it->startMonoUs <= r.monoUs)
        r.startMonoUs = it->startMonoUs;
    if (r.final && it->closeMonoUs && it->closeMonoUs >= it->startMonoUs && it->closeMonoUs <= r.monoUs)
        r.monoUs = it->closeMonoUs; // the exact end, instead of when the notification was read
}

bool TcpCollector::ownerFromConnect(core::TcpSocketReading &r) const
{
    const auto l = m_lifecycles.constFind(key(r.localAddr, r.remoteAddr));
    if (l == m_lifecycles.cend() || !l->pid)
        return false;
    const auto po = m_pidOwners.constFind(l->pid);
    if (po == m_pidOwners.cend() || po->first.attribution != core::Attribution::Process)
        return false;
    r.attribution = po->first.attribution;
    r.pid = po->first.pid;
    r.exeName = po->first.exeName;
    r.exePath = po->first.exePath;
    return true;
}

namespace {
// Wall and thread-CPU clocks for the per-stage cost of a tick (a few clock reads per second).
struct StageClock {
    qint64 wallNs = monoNs(), cpuNs = threadCpuNs();
    static qint64 monoNs() { return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
    // Adds the time since the last lap to `cost` and starts the next lap.
    void lap(TcpCollector::TickCost &cost)
    {
        const qint64 w = monoNs(), c = threadCpuNs();
        cost.wallMs += double(w - wallNs) / 1e6;
        cost.cpuMs += double(c - cpuNs) / 1e6;
        wallNs = w;
        cpuNs = c;
    }
};
} // namespace

void TcpCollector::tick()
{
    if (m_failed)
        return;
    m_costs = {};
    const StageClock start;
    StageClock clock;
    drainDestroyed();
    if (m_failed)
        return;
    clock.lap(m_costs.finals);
    // Dump first, then read the state changes: every connection in the dump was established
    // before the dump ended, so its start is in the rings by now (a poll before the dump would
    // miss those established in between and start them at first sight).
    auto batch = m_source->dump();
    clock.lap(m_costs.dump);
    if (m_replay)
        absorbStarts(m_replay->takeStarts());
    else
        pollStarts();

    std::vector<core::Row> rows;
    if (!m_pendingFinals.empty()) {
        core::TcpSnapshot finals = std::move(m_pendingFinals);
        m_pendingFinals.clear();
        for (core::TcpSocketReading &r : finals) {
            applyLifecycle(r);
            const auto owner = m_owners.constFind(r.cookie);
            if (owner != m_owners.cend() && (owner->attribution == core::Attribution::Process || !ownerFromConnect(r))) {
                r.attribution = owner->attribution;
                r.pid = owner->pid;
                r.exeName = owner->exeName;
                r.exePath = owner->exePath;
            } else if (owner == m_owners.cend() && !ownerFromConnect(r)) {
                r.attribution = core::Attribution::Unknown;
                r.exeName = ProcessAttribution::unknownName();
            }
            m_owners.remove(r.cookie);
        }
        auto finalRows = m_tracker.applyFinal(finals);
        rows.insert(rows.end(), std::make_move_iterator(finalRows.begin()), std::make_move_iterator(finalRows.end()));
    }
    clock.lap(m_costs.finals);

    if (!batch) {
        if (m_replay && batch.error().code == core::ErrorCode::NotFound) {
            if (!rows.empty())
                publish(std::move(rows));
            emit sessionsReady(runId(), m_tracker.sessionsView());
            stop();
            emit replayFinished(runId());
            return;
        }
        fail(batch.error());
        return;
    }
    if (m_recorder)
        (void)m_recorder->append(TcpRecord::Dump, *batch);
    if (!m_parsed)
        m_parsed = std::make_unique<InetDiagParse>();
    // Text endpoints only for sockets new since the last dump (below): the tracker and the
    // lifecycle/connect() lookups need them at first sight only.
    if (auto parsed = parseInetDiagInto(batch->bytes, *m_parsed, false); !parsed) {
        fail(parsed.error());
        return;
    }
    batch->bytes = QByteArray(); // hand the source its buffer back unshared before the next dump
    core::TcpSnapshot &live = m_parsed->readings;
    m_costs.readings = int(live.size());
    m_lastMonoUs = batch->monoUs;
    const bool haveLifecycles = !m_lifecycles.isEmpty();
    // `fresh`: cookies the last dump did not list; only they need text endpoints, lifecycle
    // lookups and the connect() owner. One owner lookup per reading: a known cookie is marked seen
    // here. Known cookies without a process owner are asked again (an accepted socket still in the
    // listener's queue has no inode yet at its first sight).
    const quint64 gen = ++m_tickGen;
    std::vector<core::TcpSocketReading *> fresh, attribute;
    for (core::TcpSocketReading &r : live) {
        r.monoUs = batch->monoUs;
        r.utcUs = batch->utcUs;
        if (const auto known = m_owners.find(r.cookie); known != m_owners.end()) {
            known->seenTick = gen;
            if (known->attribution != core::Attribution::Process)
                attribute.push_back(&r);
            continue;
        }
        formatEndpoints(r);
        fresh.push_back(&r);
        attribute.push_back(&r);
        // The tracker takes a start only at first sight: look up sockets new since the last poll.
        if (haveLifecycles)
            applyLifecycle(r);
    }
    clock.lap(m_costs.parse);
    // Owners at first sight only: a known cookie keeps the owner found then (the inode's owner may
    // exit, fds get passed) and the inode cache would give a known socket the same answer again.
    m_attribution->attributeNew(attribute);
    for (core::TcpSocketReading *r : fresh) // fd closed before the /proc walk: the connect() owner
        if (r->attribution != core::Attribution::Process)
            ownerFromConnect(*r);
    for (core::TcpSocketReading *r : attribute)
        m_owners.insert(r->cookie, Owner{r->attribution, r->pid, r->exeName, r->exePath, gen});
    if (m_owners.size() != qsizetype(live.size())) // some cookies are gone: forget them
        for (auto it = m_owners.begin(); it != m_owners.end();)
            it = it->seenTick != gen ? m_owners.erase(it) : std::next(it);
    m_attribution->retainLive(live);
    clock.lap(m_costs.attribution);
    auto pollRows = m_tracker.applyPoll(live, batch->monoUs);
    rows.insert(rows.end(), std::make_move_iterator(pollRows.begin()), std::make_move_iterator(pollRows.end()));
    m_tracker.pruneClosed(batch->monoUs - qint64(m_options.keepClosedSeconds) * 1'000'000);
    clock.lap(m_costs.tracker);
    if (!rows.empty())
        publish(std::move(rows));
    // Only for a listener (the GUI's roll-up; the headless agent has none): a queued receiver
    // copies every session.
    static const QMetaMethod sessionsSignal = QMetaMethod::fromSignal(&TcpCollector::sessionsReady);
    if (isSignalConnected(sessionsSignal))
        emit sessionsReady(runId(), m_tracker.sessionsView());
    clock.lap(m_costs.publish);
    m_costs.total = {double(clock.wallNs - start.wallNs) / 1e6, double(clock.cpuNs - start.cpuNs) / 1e6};
}

QString TcpCollector::diagnostics() const
{
    QString text = QStringLiteral("start: %1").arg(m_starts ? m_starts->describe() : m_startMethod);
    if (m_attribution) {
        const auto st = m_attribution->stats();
        text += QStringLiteral("; /proc scans %1 (last %2 ms), %3 fd dirs read, %4 inodes cached")
                    .arg(st.scans).arg(st.lastScanMs, 0, 'f', 1).arg(st.processesRead).arg(st.cachedInodes);
    }
    return text + QStringLiteral("; lifecycles %1, connect() owners %2").arg(m_lifecycles.size()).arg(m_pidOwners.size());
}

std::unique_ptr<Collector> makeTcpCollector(TcpCollectorOptions options, TcpSessionTracker::IdAllocator allocateId)
{
    return std::make_unique<TcpCollector>(std::move(options), std::move(allocateId));
}

} // namespace pathlens::collect
