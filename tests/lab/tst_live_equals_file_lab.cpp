// SPDX-License-Identifier: GPL-3.0-or-later
// The one data path across a real network: the GUI records live in h1 of chain-6 (probes, traces with
// a silent and a rate-limited hop, TCP sessions of a lab app to h2), dumps its pages when the
// capture closes; the capture reopened offline must dump the same, also across forced restarts of
// the probe, TCP and trace collectors.
#include "lab_fixture.h"
#include "../gui/views_dump_compare.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kApp = QStringLiteral(PATHLENS_BINARY_DIR "/app/gui/pathlens");
const QString kBin = QStringLiteral(PATHLENS_BINARY_DIR "/tests/lab/");
constexpr int kLiveMs = 16000; // two trace rounds would need 60 s; one trace and ~80 ICMP probes per target suffice
} // namespace

class TstLiveEqualsFileLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { PATHLENS_LAB_REQUIRE(); }

    void liveEqualsReopened_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("steady") << QStringList{};
        QTest::newRow("collector restarts") << QStringList{"--test-restart", "probes@5000", "--test-restart", "tcp@7000",
                                                          "--test-restart", "trace@9000"};
    }

    void liveEqualsReopened()
    {
        QFETCH(QStringList, extra);
        LabFixture lab(QStringLiteral("chain-6"));
        QVERIFY2(lab.isUp(), qPrintable(lab.error()));
        const QString h2 = lab.address("h2");
        QVERIFY(lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", h2}, 5000).ok()); // neighbours first
        auto servers = lab.spawn("h2", {"python3", PATHLENS_LAB_DIR "/lab_probe_servers.py", "--tcp-port", "443",
                                        "--http-port", "80", "--dns-port", "53"});
        QVERIFY(servers && servers->waitForReadyRead(5000));
        auto echo = lab.spawn("h2", {kBin + "tcp-lab-client", "serve", "5001", "40"});
        QVERIFY(echo && echo->waitForReadyRead(5000));

        QTemporaryDir dir;
        const QString caps = dir.filePath("captures"), liveDump = dir.filePath("live.json"), fileDump = dir.filePath("file.json");
        qputenv("PATHLENS_TARGETS", h2.toUtf8()); // the spawned app inherits it: only lab hosts are probed
        qputenv("XDG_CONFIG_HOME", dir.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", dir.filePath("data").toUtf8());
        qputenv("XDG_STATE_HOME", dir.filePath("state").toUtf8());
        auto live = lab.spawn("h1", QStringList{kApp, "--capture-dir", caps, "--screenshot-delay", QString::number(kLiveMs),
                                                "--dump-views", liveDump} + extra);
        QVERIFY(live && live->waitForStarted(5000));
        QTest::qWait(1500);
        // A lab "app" with gradeable sessions: echo sessions of 2 s, one after another.
        for (int i = 0; i < 5; ++i)
            QVERIFY(lab.exec("h1", {kBin + "tcp-lab-alpha", "echo", h2, "5001", "2"}, 10000).ok());
        QVERIFY(live->waitForFinished(kLiveMs + 30000));
        QCOMPARE(live->exitCode(), 0);
        const QStringList files = QDir(caps).entryList({"*.plcap"});
        QCOMPARE(files.size(), 1);

        QProcess offline;
        offline.start(kApp, {QDir(caps).filePath(files.first()), "--screenshot-delay", "100", "--dump-views", fileDump});
        QVERIFY(offline.waitForFinished(60000));
        QCOMPARE(offline.exitCode(), 0);

        const QJsonObject a = testing::readViewsDump(liveDump), b = testing::readViewsDump(fileDump);
        QVERIFY2(!a.isEmpty() && !b.isEmpty(), "both dumps written");
        bool alpha = false;
        for (const auto &app : a.value("apps").toArray())
            alpha = alpha || (app.toObject().value("name") == "tcp-lab-alpha" && app.toObject().value("graded_sessions").toInt() >= 3);
        QVERIFY2(alpha, "the lab app's graded sessions are shown");
        QVERIFY(a.value("device").toObject().value("grade").toString() != "Ungraded");
        QVERIFY2(!a.value("traces").toArray().isEmpty(), "a trace through chain-6 is shown");
        QVERIFY(a.value("latency").toArray().size() >= 4);
        QVERIFY(a.value("capture").toObject().value("closed").toBool());
        const QString difference = testing::viewsDumpDifference(a, b);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
};

QTEST_GUILESS_MAIN(TstLiveEqualsFileLab)
#include "tst_live_equals_file_lab.moc"
