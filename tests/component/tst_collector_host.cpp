// SPDX-License-Identifier: GPL-3.0-or-later
// Collector host: threads, run ids, restart with backoff after a failure, stale rows dropped,
// unsupported collectors never started.
#include "collectors/host/collector_host.h"

#include <QSignalSpy>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <mutex>

using namespace pathlens;

namespace {

struct Shared {
    std::atomic<int> created{0};
    std::atomic<int> entered{0}; // start() called
    std::atomic<int> started{0}; // start() finished
    std::atomic<int> stopped{0};
    std::atomic<bool> wrongThread{false};
    std::mutex mutex;
    std::vector<QString> rows;
};

// Fails `failAfterMs` after each start (negative: never), publishing one row per start first.
class FakeCollector : public collect::Collector {
    Q_OBJECT
public:
    FakeCollector(Shared &shared, int failAfterMs, bool supported = true, int blockInStartMs = 0)
        : m_shared(shared), m_failAfterMs(failAfterMs), m_supported(supported), m_blockInStartMs(blockInStartMs)
    {
        ++m_shared.created;
    }
    QString name() const override { return QStringLiteral("fake"); }
    core::Result<void> checkSupported() const override
    {
        if (m_supported)
            return {};
        return core::makeError(core::ErrorCode::PermissionDenied, "needs CAP_NET_RAW", "run installers/setcap-helper.sh");
    }
    bool publishNow(const QString &tag)
    {
        core::Row row = core::Row::blank(core::Table::Events);
        row.set("message", tag);
        return publish({row});
    }
public slots:
    void start() override
    {
        if (QThread::currentThread() == qApp->thread())
            m_shared.wrongThread = true; // must run on the worker thread
        ++m_shared.entered;
        if (m_blockInStartMs > 0)
            QThread::msleep(m_blockInStartMs); // a slow resolver or kernel call
        ++m_shared.started;
        publishNow(QStringLiteral("run %1").arg(runId()));
        reportStarted();
        if (m_failAfterMs >= 0)
            QTimer::singleShot(m_failAfterMs, this, [this] {
                reportFailure(core::makeError(core::ErrorCode::Io, "socket closed"));
            });
    }
    void stop() override { ++m_shared.stopped; }

private:
    Shared &m_shared;
    int m_failAfterMs;
    bool m_supported;
    int m_blockInStartMs;
};

} // namespace

class TestCollectorHost : public QObject {
    Q_OBJECT
private:
    static collect::RowSink sinkInto(Shared &shared)
    {
        return [&shared](std::vector<core::Row> rows) {
            std::lock_guard lock(shared.mutex);
            for (const auto &r : rows)
                shared.rows.push_back(r.get("message").toString());
        };
    }

private slots:
    void failedCollectorIsRestartedWithGrowingBackoff()
    {
        Shared shared;
        collect::CollectorHost host(sinkInto(shared), {100, 800, 60000});
        host.add([&] { return std::make_unique<FakeCollector>(shared, 30); });
        QSignalSpy spy(&host, &collect::CollectorHost::statusChanged);
        host.startAll();
        // Starts at t≈0, then fails 30 ms in; retries after 100, 200, 400, 800, 800 ms...
        QTRY_VERIFY_WITH_TIMEOUT(shared.started.load() >= 4, 5000);
        host.stopAll();
        QVERIFY(host.waitForStopped());
        QVERIFY(!shared.wrongThread);
        QVERIFY(shared.stopped.load() >= 3);

        std::vector<QString> messages;
        quint64 lastRun = 0;
        for (const auto &args : spy) {
            const auto s = args.at(0).value<core::CollectorStatus>();
            QVERIFY(s.runId >= lastRun); // run ids only grow
            lastRun = s.runId;
            if (s.state == core::CollectorState::Restarting)
                messages.push_back(s.message);
        }
        QVERIFY(messages.size() >= 3);
        QVERIFY(messages[0].contains("socket closed"));
        QVERIFY2(messages[0].contains("retry in 0.1 s"), qPrintable(messages[0])); // initial 100 ms
        QVERIFY2(messages[1].contains("retry in 0.2 s"), qPrintable(messages[1])); // doubled
        QVERIFY2(messages[2].contains("retry in 0.4 s"), qPrintable(messages[2])); // doubled again
        const auto final = host.statuses().front();
        QCOMPARE(final.state, core::CollectorState::Stopped);
        QVERIFY(final.restarts >= 3);
        std::lock_guard lock(shared.mutex);
        QCOMPARE(shared.rows.front(), QString("run 1"));
        QVERIFY(shared.rows.size() >= 4);
    }

    void healthyCollectorIsNotRestarted()
    {
        Shared shared;
        collect::CollectorHost host(sinkInto(shared), {20, 100, 60000});
        host.add([&] { return std::make_unique<FakeCollector>(shared, -1); });
        host.startAll();
        QTRY_COMPARE_WITH_TIMEOUT(host.statuses().front().state, core::CollectorState::Running, 2000);
        QTest::qWait(300);
        QCOMPARE(shared.started.load(), 1);
        QCOMPARE(host.statuses().front().restarts, 0);
        host.stopAll();
        QVERIFY(host.waitForStopped());
        QCOMPARE(shared.stopped.load(), 1);
    }

    // DESIGN: the GUI thread never waits. A collector stuck 5 s in start() (a slow resolver) is
    // failed, restarted and stopped while a 60 Hz timer on this thread keeps ticking on time.
    void slowStartNeverBlocksTheCallingThread()
    {
        Shared shared;
        collect::CollectorHost host(sinkInto(shared), {50, 100, 60000});
        host.add([&] { return std::make_unique<FakeCollector>(shared, -1, true, 5000); });
        QElapsedTimer clock;
        qint64 last = 0, worstGapMs = 0;
        QTimer frame;
        frame.setTimerType(Qt::PreciseTimer);
        QObject::connect(&frame, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            worstGapMs = std::max(worstGapMs, now - last);
            last = now;
        });
        clock.start();
        frame.start(16); // 60 Hz
        host.startAll();
        QTRY_VERIFY_WITH_TIMEOUT(shared.entered.load() == 1, 2000); // inside the blocking start()
        QVERIFY(host.forceRestart(QStringLiteral("fake"), QStringLiteral("test: fail while starting")));
        QTest::qWait(300);   // the restart's backoff elapses; a fresh instance starts (and blocks too)
        host.stopAll();      // both the blocked old instance and the new one
        QTest::qWait(500);
        frame.stop();
        QVERIFY2(worstGapMs <= 100, qPrintable(QStringLiteral("the calling thread stalled %1 ms").arg(worstGapMs)));
        QCOMPARE(host.statuses().front().state, core::CollectorState::Stopped);
        QVERIFY(host.waitForStopped(15000)); // shutdown may wait: the blocked starts end, then stop runs
        QCOMPARE(shared.stopped.load(), shared.entered.load());
    }

    void unsupportedCollectorIsNeverStarted()
    {
        Shared shared;
        collect::CollectorHost host(sinkInto(shared), {20, 100, 60000});
        host.add([&] { return std::make_unique<FakeCollector>(shared, 10, false); });
        host.startAll();
        QTest::qWait(200);
        QCOMPARE(shared.started.load(), 0);
        const auto s = host.statuses().front();
        QCOMPARE(s.state, core::CollectorState::Unsupported);
        QVERIFY(s.message.contains("setcap"));
    }

    void rowsFromAReplacedRunAreDropped()
    {
        // The mechanism the host relies on: it bumps the shared run id on every restart (and
        // zeroes it on stop), so an old instance still running late publishes into the void.
        Shared shared;
        FakeCollector worker(shared, -1);
        auto current = std::make_shared<std::atomic<quint64>>(1);
        worker.attach(1, current, sinkInto(shared));
        QVERIFY(worker.publishNow("fresh"));
        current->store(2);
        QVERIFY(!worker.publishNow("stale"));
        std::lock_guard lock(shared.mutex);
        QCOMPARE(shared.rows, std::vector<QString>{"fresh"});
    }
};

QTEST_MAIN(TestCollectorHost)
#include "tst_collector_host.moc"
