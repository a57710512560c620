// SPDX-License-Identifier: GPL-3.0-or-later
// The round schedule of throughput tests, one test at a time.
#include "collectors/load/speed_collector.h"

#include "core/store/load_rows.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrent>

namespace pathlens::collect {

namespace {
constexpr int kTickMs = 250; // progress at ≤ 4 Hz (DESIGN: snapshots cross threads at 1–4 Hz)
}

SpeedCollector::SpeedCollector(SpeedCollectorOptions options)
    : m_options(std::move(options)), m_tester(std::make_shared<SpeedTester>(m_options.test))
{
    qRegisterMetaType<core::LoadProgress>();
    qRegisterMetaType<core::ThroughputResult>();
    m_pool.setMaxThreadCount(1);
}

SpeedCollector::~SpeedCollector()
{
    // A running test stops within ~0.1 s of the cancel (its sockets are cut short), then the pool joins it.
    m_cancel->store(true);
    m_pool.waitForDone();
}

core::Result<void> SpeedCollector::checkSupported() const
{
    if (m_options.test.servers.isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no throughput server configured"),
                               QStringLiteral("name an agent that serves throughput tests (--speed-server http://HOST:PORT)"));
    for (const QString &url : m_options.test.servers)
        if (auto ok = checkServerUrl(url); !ok)
            return ok.error();
    return {};
}

void SpeedCollector::start()
{
    m_watcher = new QFutureWatcher<Job>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &SpeedCollector::onDone);
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &SpeedCollector::tick);
    m_timer->start(kTickMs);
    if (m_options.scheduled)
        m_schedule.emplace(m_options.schedule, core::nowUtcUs());
    const QString plan = !m_schedule ? QStringLiteral("on demand only")
                         : m_schedule->totalRounds() > 0
                             ? QStringLiteral("%1 rounds over %2 min (%3)")
                                   .arg(m_schedule->totalRounds())
                                   .arg(m_schedule->lengthUs() / 60'000'000)
                                   .arg(core::roundScheduleId(m_options.schedule))
                             : QStringLiteral("a round every %1 s (continuous)").arg(m_schedule->spacingUs() / 1'000'000);
    publish({eventRow(QStringLiteral("throughput_source"),
                      QStringLiteral("throughput tests against %1, %2 streams, %3; data budget %4 MB per 30 min")
                          .arg(m_options.test.servers.join(QStringLiteral(", ")))
                          .arg(m_options.test.streams)
                          .arg(plan)
                          .arg(m_options.test.budgetBytes / 1'000'000))});
    reportStarted();
    tick();
}

void SpeedCollector::stop()
{
    if (m_timer)
        m_timer->stop();
    m_cancel->store(true);
}

void SpeedCollector::runNow()
{
    m_runNow = true;
    if (m_timer)
        tick();
}

void SpeedCollector::emitIdle()
{
    core::LoadProgress idle;
    idle.totalRounds = m_schedule ? m_schedule->totalRounds() : 0;
    idle.round = m_roundsStarted;
    if (m_schedule)
        if (auto next = m_schedule->roundStartUs(m_roundsStarted + 1))
            idle.nextRoundUtcUs = *next;
    if (m_retestDueUs > 0)
        idle.nextRoundUtcUs = idle.nextRoundUtcUs > 0 ? std::min(idle.nextRoundUtcUs, m_retestDueUs) : m_retestDueUs;
    idle.message = core::describeLoadProgress(idle);
    if (!(idle == m_lastEmitted)) {
        m_lastEmitted = idle;
        emit progressChanged(idle);
    }
}

void SpeedCollector::tick()
{
    if (m_busy) {
        std::vector<core::LoadProgress> out;
        {
            std::lock_guard lock(m_relay->mutex);
            out.swap(m_relay->steps);
            if (m_relay->fresh && (out.empty() || !(out.back() == m_relay->latest)))
                out.push_back(m_relay->latest);
            m_relay->fresh = false;
        }
        for (const core::LoadProgress &p : out) {
            m_lastEmitted = p;
            emit progressChanged(p);
        }
        return;
    }
    if (!m_watcher || m_cancel->load())
        return;
    const qint64 now = core::nowUtcUs();
    SpeedTestRequest req;
    if (m_runNow) {
        m_runNow = false;
        launch(req); // round 0: on demand
        return;
    }
    if (m_retestDueUs > 0 && now >= m_retestDueUs) {
        m_retestDueUs = 0;
        req.retest = true;
        req.download = m_retestDownload;
        req.upload = m_retestUpload;
        req.round = m_retestRound;
        req.totalRounds = m_schedule ? m_schedule->totalRounds() : 0;
        launch(req);
        return;
    }
    if (m_schedule && m_schedule->roundAt(now) > m_roundsStarted) {
        // A round whose time came while another test ran starts now; missed rounds are not piled up.
        m_roundsStarted = m_schedule->roundAt(now);
        req.round = m_roundsStarted;
        req.totalRounds = m_schedule->totalRounds();
        launch(req);
        return;
    }
    emitIdle();
}

void SpeedCollector::ProgressRelay::post(core::LoadProgress p, const QString &detail)
{
    p.message = core::describeLoadProgress(p, detail);
    std::lock_guard lock(mutex);
    const bool newStep = latest.phase != p.phase || latest.message != p.message;
    if (newStep)
        steps.push_back(p);
    latest = p;
    fresh = true;
}

void SpeedCollector::launch(const SpeedTestRequest &request)
{
    m_busy = true;
    auto tester = m_tester;
    auto relay = m_relay;
    auto cancel = m_cancel;
    m_watcher->setFuture(QtConcurrent::run(&m_pool, [tester, relay, cancel, request] {
        Job job;
        job.request = request;
        job.outcome = tester->run(request, cancel, [relay](const core::LoadProgress &p, const QString &detail) {
            relay->post(p, detail);
        });
        return job;
    }));
}

void SpeedCollector::onDone()
{
    m_busy = false;
    if (m_cancel->load())
        return;
    const Job job = m_watcher->result();
    std::vector<core::Row> rows;
    for (const core::ThroughputResult &r : job.outcome.results)
        rows.push_back(core::throughputResultToRow(r));
    if (!rows.empty())
        publish(std::move(rows));
    for (const core::ThroughputResult &r : job.outcome.results)
        emit resultReady(r);
    // One retest per round, 90 s later; a retest never asks for another.
    const bool onDemand = job.request.round == 0;
    if (job.outcome.wantsRetest() && !job.request.retest && (onDemand || m_retestRound != job.request.round)) {
        m_retestRound = job.request.round;
        m_retestDownload = job.outcome.retestDownload;
        m_retestUpload = job.outcome.retestUpload;
        m_retestDueUs = core::nowUtcUs() + core::OutOfFamilyGuard::kRetestDelayUs;
    }
    emitIdle();
}

std::unique_ptr<Collector> makeSpeedCollector(SpeedCollectorOptions options)
{
    return std::make_unique<SpeedCollector>(std::move(options));
}

} // namespace pathlens::collect
