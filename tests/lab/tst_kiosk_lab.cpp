// SPDX-License-Identifier: GPL-3.0-or-later
// The wall screen survives a real fault: the GUI runs in kiosk mode in h1 of two-hosts, on two
// virtual screens at once (1920×1080 and 3840×2160, each its own Xvfb), measuring h2. Two collectors
// are failed (the host's real restart path), then h2's end of the link goes down for 44 s. At each
// moment the screen is photographed and its displayed state dumped: it keeps rotating, says plainly
// what is wrong, never opens a dialog, and is clean again after the link returns.
#include "lab_fixture.h"
#include "../gui/views_dump_compare.h"

#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kApp = QStringLiteral(PATHLENS_BINARY_DIR "/app/gui/pathlens");
// Moments (ms after the app started measuring): before; the collectors just failed (they fail at
// 8 s and restart 1 s later); the link down for 20 s (too soon to call it down: probes must go
// unanswered for 30 s); the link down for 38 s; 34 s after it came back (a target silent that long
// is probed only every 25.6 s by then: the scheduler's backoff, so the first answer may take that long).
const QList<int> kMomentsMs{6000, 8400, 30000, 48000, 88000};
constexpr int kKillMs = 8000, kLinkDownMs = 10000, kLinkUpMs = 54000;
// The second screen may start measuring up to this much later (xvfb-run -a retries for a free display).
constexpr int kMaxLagMs = 3500;
const QStringList kMomentNames{"before", "collectors-failed", "link-down-20s", "link-down-38s", "after"};

struct Screen {
    QString size;
    std::unique_ptr<QProcess> app;
};
} // namespace

class TstKioskLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { PATHLENS_LAB_REQUIRE(); }

    void survivesCollectorFailuresAndALinkDrop()
    {
        LabFixture lab(QStringLiteral("two-hosts"));
        QVERIFY2(lab.isUp(), qPrintable(lab.error()));
        const QString h2 = lab.address("h2");
        QVERIFY(lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", h2}, 5000).ok()); // neighbours first

        QTemporaryDir dir;
        const QString shots = qEnvironmentVariable("PATHLENS_SHOT_DIR", dir.path()); // keep the pictures to look at
        qputenv("PATHLENS_TARGETS", h2.toUtf8()); // the spawned app inherits it: only lab hosts are probed
        qputenv("XDG_CONFIG_HOME", dir.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", dir.filePath("data").toUtf8());
        qputenv("XDG_STATE_HOME", dir.filePath("state").toUtf8());
        qputenv("QT_QPA_PLATFORM", "xcb"); // a real (virtual) screen: kiosk mode fills it
        QStringList moments;
        for (int ms : kMomentsMs)
            moments << QString::number(ms);
        std::vector<Screen> screens;
        for (const QString size : {QStringLiteral("1920x1080"), QStringLiteral("3840x2160")}) {
            Screen s{size, nullptr};
            s.app = lab.spawn("h1", {"xvfb-run", "-a", "-s", QStringLiteral("-screen 0 %1x24").arg(size), kApp, "--kiosk", "--capture-dir",
                                     dir.filePath("captures-" + size), "--test-restart", QStringLiteral("probes@%1").arg(kKillMs),
                                     "--test-restart", QStringLiteral("tcp@%1").arg(kKillMs), "--test-timeline", moments.join(','),
                                     "--screenshot", QStringLiteral("%1/kiosk-%2-%n.png").arg(shots, size), "--dump-views",
                                     dir.filePath("kiosk-" + size + "-%n.json")});
            QVERIFY(s.app && s.app->waitForStarted(5000));
            screens.push_back(std::move(s));
        }
        // The moments count from each app's start of measuring (it logs "live capture"), not from its
        // launch (Xvfb starts first); the link is timed from the first app's start, and the second's
        // lag must stay small enough for every moment to fall in its phase.
        QElapsedTimer clock;
        std::vector<QByteArray> logs(screens.size());
        std::vector<qint64> startedMs(screens.size(), -1);
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 30000 && std::count(startedMs.begin(), startedMs.end(), -1) > 0) {
            QTest::qWait(50);
            for (size_t i = 0; i < screens.size(); ++i) {
                logs[i] += screens[i].app->readAllStandardError() + screens[i].app->readAllStandardOutput();
                if (startedMs[i] < 0 && logs[i].contains("live capture")) {
                    if (!clock.isValid())
                        clock.start();
                    startedMs[i] = clock.elapsed();
                }
            }
        }
        for (size_t i = 0; i < screens.size(); ++i)
            QVERIFY2(startedMs[i] >= 0, qPrintable(screens[i].size + ": the app did not start measuring: " + logs[i].right(1000)));
        const qint64 lagMs = *std::max_element(startedMs.begin(), startedMs.end());
        qInfo("the second screen started measuring %lld ms after the first", lagMs);
        QVERIFY(lagMs < kMaxLagMs);
        QTest::qWait(int(kLinkDownMs - clock.elapsed()));
        QVERIFY(lab.exec("h2", {"ip", "link", "set", "dev", "l1", "down"}, 5000).ok());
        QTest::qWait(int(kLinkUpMs - clock.elapsed()));
        QVERIFY(lab.exec("h2", {"ip", "link", "set", "dev", "l1", "up"}, 5000).ok());
        for (Screen &s : screens) {
            QVERIFY2(s.app->waitForFinished(kMomentsMs.last() + 30000), qPrintable(s.size));
            QVERIFY2(s.app->exitCode() == 0, qPrintable(s.size + ": " + s.app->readAllStandardError().right(2000)));
        }

        for (const Screen &s : screens) {
            QSet<QString> dashboards;
            QStringList faults;
            for (int i = 0; i < kMomentsMs.size(); ++i) {
                const QJsonObject dump = testing::readViewsDump(dir.filePath(QStringLiteral("kiosk-%1-%2.json").arg(s.size).arg(i)));
                const QJsonObject kiosk = dump.value("kiosk").toObject();
                QVERIFY2(!kiosk.isEmpty(), qPrintable(s.size + " " + kMomentNames[i] + ": no kiosk state dumped"));
                const QString fault = kiosk.value("fault").toString();
                faults << kMomentNames[i] + ": \"" + fault + "\"";
                dashboards << kiosk.value("dashboard").toString();
                QCOMPARE(kiosk.value("dialogs").toInt(), 0);
                QVERIFY2(!kiosk.value("fault_clipped").toBool(), qPrintable(s.size + " " + kMomentNames[i] + ": the fault line is cut off"));
                const QImage picture(QStringLiteral("%1/kiosk-%2-%3.png").arg(shots, s.size).arg(i));
                QCOMPARE(QStringLiteral("%1x%2").arg(picture.width()).arg(picture.height()), s.size); // it fills the screen
            }
            qInfo("%s: dashboards %s; %s", qPrintable(s.size), qPrintable(QStringList(dashboards.values()).join(", ")),
                  qPrintable(faults.join("; ")));
            auto faultAt = [&](int i) {
                return testing::readViewsDump(dir.filePath(QStringLiteral("kiosk-%1-%2.json").arg(s.size).arg(i)))
                    .value("kiosk").toObject().value("fault").toString();
            };
            QCOMPARE(faultAt(0), QString()); // measuring, nothing wrong
            QVERIFY2(faultAt(1).contains("Probes failed, restarting") && faultAt(1).contains("TCP statistics failed, restarting"),
                     qPrintable(faultAt(1)));
            QVERIFY2(!faultAt(2).contains("restarting"), qPrintable(faultAt(2))); // both came back by themselves
            QVERIFY2(!faultAt(2).contains("Link down"), qPrintable(faultAt(2))); // 20 s of silence is not yet a verdict
            QVERIFY2(faultAt(3).startsWith("Link down: no probe answered for"), qPrintable(faultAt(3)));
            QCOMPARE(faultAt(4), QString()); // recovered, nothing to dismiss
            QVERIFY2(dashboards.size() >= 2, "the screen kept rotating");
        }
    }
};

QTEST_GUILESS_MAIN(TstKioskLab)
#include "tst_kiosk_lab.moc"
