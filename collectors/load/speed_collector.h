// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput rounds on a schedule (quick, standard, extended, continuous) plus tests on demand and
// the 90 s retest of an out-of-family result (SPEC §2, issue 14).
#pragma once

#include "collectors/host/collector.h"
#include "collectors/load/speed_tester.h"
#include "core/load/round_schedule.h"

#include <QFutureWatcher>
#include <QThreadPool>

#include <mutex>

class QTimer;

namespace pathlens::collect {

struct SpeedCollectorOptions {
    SpeedTestOptions test;
    core::RoundScheduleMode schedule = core::RoundScheduleMode::Standard;
    bool scheduled = true; // false: tests only when asked (runNow)
};

// Owned by CollectorHost; runs on its own QThread. A 250 ms timer (created in start()) starts what
// is due — a round, a retest, a test asked for — as one QtConcurrent job at a time; the tester is
// shared with the job (never the collector), so destroying the collector mid-test only cancels it.
// Progress crosses from the job through a mutex-guarded slot the timer reads, and leaves as
// progressChanged() at ≤ 4 Hz. It knows nothing of views or the store.
class SpeedCollector : public Collector {
    Q_OBJECT
public:
    explicit SpeedCollector(SpeedCollectorOptions options);
    ~SpeedCollector() override;

    QString name() const override { return QStringLiteral("throughput"); }
    core::Result<void> checkSupported() const override;

public slots:
    void start() override;
    void stop() override;
    void runNow(); // a test of both directions now, between rounds; the schedule goes on

signals:
    void progressChanged(const pathlens::core::LoadProgress &progress);
    void resultReady(const pathlens::core::ThroughputResult &result); // each, as it is published

private:
    struct Job {
        SpeedTestRequest request;
        SpeedTestOutcome outcome;
    };
    // Every step (a new phase or detail) is kept until the timer passes it on, so a step shorter
    // than a tick still shows; within a step only the latest fraction is.
    struct ProgressRelay {
        std::mutex mutex;
        std::vector<core::LoadProgress> steps; // message filled in; oldest first
        core::LoadProgress latest;
        bool fresh = false;
        void post(core::LoadProgress p, const QString &detail);
    };
    void tick();
    void launch(const SpeedTestRequest &request);
    void onDone();
    void emitIdle();

    SpeedCollectorOptions m_options;
    std::shared_ptr<SpeedTester> m_tester;
    std::shared_ptr<ProgressRelay> m_relay = std::make_shared<ProgressRelay>();
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    std::optional<core::RoundSchedule> m_schedule;
    int m_roundsStarted = 0;
    int m_retestRound = -1;          // the round whose retest is pending or done (max 1 per round;
                                     // every on-demand test counts as a round of its own)
    qint64 m_retestDueUs = 0;
    bool m_retestDownload = false, m_retestUpload = false; // only the direction that left its family
    bool m_runNow = false;
    QTimer *m_timer = nullptr;
    QFutureWatcher<Job> *m_watcher = nullptr;
    // Its own thread for the test (a test holds one for minutes, backoff waits included): the global
    // pool's few threads stay free for the trace, mesh and capacity collectors.
    QThreadPool m_pool;
    bool m_busy = false;
    core::LoadProgress m_lastEmitted;
};

std::unique_ptr<Collector> makeSpeedCollector(SpeedCollectorOptions options);

} // namespace pathlens::collect
