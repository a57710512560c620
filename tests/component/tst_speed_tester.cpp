// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput client against a real SpeedServer on loopback: calibration and the sized test in
// both directions with the server's byte counters as ground truth, the data budget, fallback to the
// next server, and the speed collector's on-demand test with its progress and rows.
#include "collectors/load/speed_collector.h"
#include "collectors/load/speed_server.h"
#include "core/base/units_format.h"
#include "core/store/load_rows.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTcpServer>

#include <thread>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
std::unique_ptr<SpeedServer> startServer(SpeedServerOptions o = {})
{
    o.bindAddress = QStringLiteral("127.0.0.1");
    o.port = 0;
    auto s = std::make_unique<SpeedServer>(o);
    if (auto ok = s->start(); !ok)
        qFatal("speed server: %s", qPrintable(ok.error().toString()));
    return s;
}

QString urlOf(const SpeedServer &s)
{
    return QStringLiteral("http://127.0.0.1:%1").arg(s.port());
}

// A port nothing listens on: bound, then closed.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 p = probe.serverPort();
    probe.close();
    return p;
}
} // namespace

class TestSpeedTester : public QObject {
    Q_OBJECT
private slots:
    void calibratesThenTestsBothDirections()
    {
        auto server = startServer();
        SpeedTestOptions o;
        o.servers = {urlOf(*server)};
        o.durationS = 0.5;
        o.geo = false;
        SpeedTester tester(o);
        QStringList lines;
        const SpeedTestOutcome out = tester.run({}, {}, [&](const core::LoadProgress &p, const QString &detail) {
            lines << core::describeLoadProgress(p, detail);
        });
        qint64 down = 0, up = 0;
        int tests[2] = {0, 0}, steps[2] = {0, 0};
        for (const core::ThroughputResult &r : out.results) {
            const int d = r.direction == core::TransferDirection::Download ? 0 : 1;
            QVERIFY2(r.mbps, qPrintable(r.error));
            QVERIFY(*r.mbps > 0);
            QCOMPARE(r.streams, 4);
            QVERIFY(r.endUs > r.startUs);
            QCOMPARE(r.backend, urlOf(*server));
            (r.calibration ? steps : tests)[d]++;
            (d == 0 ? down : up) += r.bytes;
            if (r.calibration) // 5, 10, 20, 40, 100 MB in that order, split over the 4 streams
                QCOMPARE(r.bytes, core::ThroughputCalibration::kStepBytes[size_t(steps[d] - 1)]);
        }
        QCOMPARE(tests[0], 1);
        QCOMPARE(tests[1], 1);
        QVERIFY(steps[0] >= 2 && steps[1] >= 2); // at least two estimates to compare
        // Ground truth: what the server sent and received (each stream's 1-byte warm-up is a download).
        const core::TransferCounters t = server->totals();
        const qint64 warmUps = 4 * (steps[0] + steps[1] + 2); // GEO given: no 1 kB check
        QCOMPARE(t.bytesReceived, up);
        QCOMPARE(t.bytesSent, down + warmUps);
        QVERIFY(lines.contains(QStringLiteral("Test now: testing download…")));
        QVERIFY(lines.contains(QStringLiteral("Test now: testing upload…")));
        QVERIFY(lines.contains(QStringLiteral("Test now: calibrating download, ") + core::formatBytes(5'000'000)));
        QVERIFY(!tester.geo()); // loopback answers in well under 400 ms
    }

    void budgetSkipsBeforeStarting()
    {
        auto server = startServer();
        SpeedTestOptions o;
        o.servers = {urlOf(*server)};
        o.budgetBytes = 12'000'000; // the 5 MB step fits, the 10 MB step would not
        o.geo = false;
        SpeedTester tester(o);
        const SpeedTestOutcome out = tester.run({.download = true, .upload = false}, {}, [](auto &&...) {});
        QCOMPARE(out.results.size(), size_t(2));
        QVERIFY(out.results[0].mbps);
        QCOMPARE(out.results[1].skipped, core::TransferSkip::DataBudget);
        QVERIFY(!out.results[1].mbps);
        QVERIFY2(out.results[1].error.contains(QLatin1String("budget")), qPrintable(out.results[1].error));
        QVERIFY(server->totals().bytesSent <= o.budgetBytes); // never over, counted by the server
    }

    void fallsBackToTheNextServer()
    {
        auto server = startServer();
        SpeedTestOptions o;
        // A trailing slash is fine (httplib's own URL parser would have gone to port 80 with it).
        o.servers = {QStringLiteral("http://127.0.0.1:%1").arg(closedPort()), urlOf(*server) + QLatin1Char('/')};
        o.durationS = 0.5;
        o.geo = false;
        SpeedTester tester(o);
        const SpeedTestOutcome out = tester.run({.download = true, .upload = false}, {}, [](auto &&...) {});
        QVERIFY(out.results.size() >= 3);
        QCOMPARE(out.results[0].tier, 0);
        QCOMPARE(out.results[0].skipped, core::TransferSkip::Failed);
        QVERIFY2(out.results[0].error.contains(QLatin1String("cannot reach")), qPrintable(out.results[0].error));
        // Unreachable: the next server takes over at once, not after three failed tests.
        for (size_t i = 1; i < out.results.size(); ++i) {
            QCOMPARE(out.results[i].tier, 1);
            QVERIFY(out.results[i].mbps);
        }
    }

    void cancelCutsABlockedTransferShort()
    {
        // A server that completes TCP handshakes (the kernel does) but never answers: every stream
        // blocks reading its warm-up. Cancel must still return at once, not after the read timeout.
        QTcpServer mute;
        QVERIFY(mute.listen(QHostAddress::LocalHost, 0));
        TransferRequest r;
        r.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(mute.serverPort());
        r.bytesPerStream = 1'000'000;
        r.timeoutS = 60;
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        std::thread canceller([cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel->store(true);
        });
        QElapsedTimer t;
        t.start();
        const TransferOutcome o = runTransfer(r, cancel);
        canceller.join();
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!o.mbps);
        QVERIFY(!o.timedOut);
        QCOMPARE(o.bytesPushed, qint64(0));
    }

    void collectorRunsATestOnDemand()
    {
        auto server = startServer();
        SpeedCollectorOptions o;
        o.test.servers = {urlOf(*server)};
        o.test.durationS = 0.5;
        o.test.geo = false;
        o.scheduled = false;
        SpeedCollector c(o);
        QVERIFY(c.checkSupported());
        std::vector<core::Row> rows;
        c.attach(1, std::make_shared<std::atomic<quint64>>(1),
                 [&rows](std::vector<core::Row> r) { rows.insert(rows.end(), r.begin(), r.end()); });
        QSignalSpy progress(&c, &SpeedCollector::progressChanged);
        QSignalSpy results(&c, &SpeedCollector::resultReady);
        c.start();
        c.runNow();
        QTRY_VERIFY_WITH_TIMEOUT(results.size() >= 2 && progress.size() > 0 &&
                                     progress.last().at(0).value<core::LoadProgress>().phase == core::LoadPhase::Idle,
                                 30000);
        c.stop();
        int tests = 0;
        for (const core::Row &row : rows) {
            if (row.table != core::Table::ThroughputResults)
                continue;
            const core::ThroughputResult r = core::throughputResultFromRow(row);
            QCOMPARE(r.round, 0); // on demand
            tests += !r.calibration && r.mbps;
        }
        QCOMPARE(tests, 2);
        bool sawDownload = false;
        for (const QVariantList &args : progress)
            sawDownload = sawDownload || args.at(0).value<core::LoadProgress>().message == QStringLiteral("Test now: testing download…");
        QStringList seen;
        for (const QVariantList &args : progress)
            seen << args.at(0).value<core::LoadProgress>().message;
        QVERIFY2(sawDownload, qPrintable(seen.join(QStringLiteral(" | "))));
        QCOMPARE(progress.last().at(0).value<core::LoadProgress>().message, QStringLiteral("No throughput test scheduled"));
    }

    void badServerUrlsNameTheFix()
    {
        for (const QString &bad : {QStringLiteral("ftp://x:1"), QStringLiteral("127.0.0.1:8080"),
                                   QStringLiteral("http://x:1/speed")}) {
            auto ok = checkServerUrl(bad);
            QVERIFY2(!ok, qPrintable(bad));
            QVERIFY(!ok.error().remedy.isEmpty());
        }
        SpeedCollectorOptions none;
        QVERIFY(!SpeedCollector(none).checkSupported());
    }
};

QTEST_MAIN(TestSpeedTester)
#include "tst_speed_tester.moc"
