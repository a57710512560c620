// SPDX-License-Identifier: GPL-3.0-or-later
// The wall screen survives a real fault: the GUI runs in kiosk mode in h1 of two-hosts, on two
// virtual screens at once (1920×1080 and 3840×2160, each its own Xvfb), measuring h2. Two collectors
// are failed (the host's real restart path), then h2's end of the link goes down for 44 s. At each
// moment the screen is photographed and its displayed state dumped: it keeps rotating, says plainly
// what is wrong, and is clean again after the link returns (no dialog: tst_kiosk watches for one).
#include "lab_fixture.h"
#include "../gui/views_dump_compare.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QImage>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <optional>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kApp = QStringLiteral(PATHLENS_BINARY_DIR "/app/gui/pathlens");
// Moments (ms after the app started measuring): before; the collectors just failed (they fail at
// 8 s and restart 1 s later); the link down for 20 s (too soon to call it down: probes must go
// unanswered for 30 s); the link down for 38 s; 34 s after it came back. A target silent that long is
// probed only every 25.6 s by then (the scheduler's backoff, doubling to at most 60 s): in the lab
// ICMP reached 25.6 s about 38 s into the outage, so its next probe, ~25.6 s later, finds the link up
// and the first answer comes at most ~26 s after the return; the next doubling would need the link
// down at that probe.
const QList<int> kMomentsMs{6000, 8400, 30000, 48000, 88000};
constexpr int kKillMs = 8000, kLinkDownMs = 10000, kLinkUpMs = 54000;
// The second screen may start measuring this much later than the first, no more: the collectors
// fail at 8 s of each, the link drops at 10 s of the first.
constexpr int kMaxLagMs = 1500;

// A free X display number from `from` on (no lock file): each screen gets its own at once, where
// xvfb-run -a made the second wait up to 2 s for its turn.
int freeDisplay(int from)
{
    for (int n = from; n < from + 100; ++n)
        if (!QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(n)) && !QFile::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(n)))
            return n;
    return -1;
}
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
        // The spawned apps inherit these (only lab hosts are probed; a real, virtual screen); put back after.
        const std::map<QByteArray, QByteArray> env{{"PATHLENS_TARGETS", h2.toUtf8()},
                                                   {"XDG_CONFIG_HOME", dir.filePath("config").toUtf8()},
                                                   {"XDG_DATA_HOME", dir.filePath("data").toUtf8()},
                                                   {"XDG_STATE_HOME", dir.filePath("state").toUtf8()},
                                                   {"QT_QPA_PLATFORM", "xcb"}};
        std::map<QByteArray, std::optional<QByteArray>> saved;
        for (const auto &[name, value] : env) {
            saved[name] = qEnvironmentVariableIsSet(name.constData()) ? std::optional(qgetenv(name.constData())) : std::nullopt;
            qputenv(name.constData(), value);
        }
        const auto restore = qScopeGuard([&saved] {
            for (const auto &[name, value] : saved)
                value ? qputenv(name.constData(), *value) : qunsetenv(name.constData());
        });
        QStringList moments;
        for (int ms : kMomentsMs)
            moments << QString::number(ms);
        std::vector<Screen> screens;
        int display = 90;
        for (const QString size : {QStringLiteral("1920x1080"), QStringLiteral("3840x2160")}) {
            Screen s{size, nullptr};
            display = freeDisplay(display + 1);
            QVERIFY(display > 0);
            s.app = lab.spawn("h1", {"xvfb-run", "-n", QString::number(display), "-s", QStringLiteral("-screen 0 %1x24").arg(size), kApp,
                                     "--kiosk", "--lang", "en", "--capture-dir",
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
            QStringList faults, shown; // the fault line at each moment, and each as printed
            for (int i = 0; i < kMomentsMs.size(); ++i) {
                const QJsonObject dump = testing::readViewsDump(dir.filePath(QStringLiteral("kiosk-%1-%2.json").arg(s.size).arg(i)));
                const QJsonObject kiosk = dump.value("kiosk").toObject();
                QVERIFY2(!kiosk.isEmpty(), qPrintable(s.size + " " + kMomentNames[i] + ": no kiosk state dumped"));
                faults << kiosk.value("fault").toString();
                shown << kMomentNames[i] + ": \"" + faults.last() + "\"";
                dashboards << kiosk.value("dashboard").toString();
                QVERIFY2(!kiosk.value("fault_clipped").toBool(), qPrintable(s.size + " " + kMomentNames[i] + ": the fault line is cut off"));
                const QImage picture(QStringLiteral("%1/kiosk-%2-%3.png").arg(shots, s.size).arg(i));
                QCOMPARE(QStringLiteral("%1x%2").arg(picture.width()).arg(picture.height()), s.size); // it fills the screen
            }
            qInfo("%s: dashboards %s; %s", qPrintable(s.size), qPrintable(QStringList(dashboards.values()).join(", ")),
                  qPrintable(shown.join("; ")));
            QCOMPARE(faults[0], QString()); // measuring, nothing wrong
            QVERIFY2(faults[1].contains("Probes failed, restarting") && faults[1].contains("TCP statistics failed, restarting"),
                     qPrintable(faults[1]));
            QVERIFY2(!faults[2].contains("restarting"), qPrintable(faults[2])); // both came back by themselves
            QVERIFY2(!faults[2].contains("Link down"), qPrintable(faults[2])); // 20 s of silence is not yet a verdict
            QVERIFY2(faults[3].startsWith("Link down: no probe answered for"), qPrintable(faults[3]));
            QCOMPARE(faults[4], QString()); // recovered, nothing to dismiss
            QVERIFY2(dashboards.size() >= 2, "the screen kept rotating");
        }
    }
};

QTEST_GUILESS_MAIN(TstKioskLab)
#include "tst_kiosk_lab.moc"
