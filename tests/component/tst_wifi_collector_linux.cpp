// SPDX-License-Identifier: GPL-3.0-or-later
// Component test: the live nl80211 source on a machine without Wi-Fi (no cfg80211, as on the build
// machines): the Wi-Fi collector says "no Wi-Fi interface" after its first poll and stays so, quietly.
#include "collectors/host/collector_host.h"
#include "collectors/wifi/wifi_collector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QTest>

using namespace pathlens;

namespace {
// Wireless hardware as the kernel lists it (cfg80211 registers every wiphy here).
bool machineHasWifi()
{
    return !QDir(QStringLiteral("/sys/class/ieee80211")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
}
} // namespace

class TestWifiCollectorLinux : public QObject {
    Q_OBJECT

private slots:
    void noWifiIsASteadyIdleState()
    {
        if (machineHasWifi())
            QSKIP("this machine has Wi-Fi hardware: the no-Wi-Fi state cannot be shown here");
        const bool cfg80211 = QFileInfo::exists(QStringLiteral("/sys/module/cfg80211"));

        QMutex mutex;
        std::vector<core::Row> rows;
        std::vector<core::CollectorStatus> statuses;
        std::vector<qint64> statusAtMs;
        int failures = 0;
        QObject receiver;
        collect::CollectorHost host([&](std::vector<core::Row> r) {
            QMutexLocker lock(&mutex);
            rows.insert(rows.end(), r.begin(), r.end());
        });
        QElapsedTimer clock;
        QObject::connect(&host, &collect::CollectorHost::statusChanged, &receiver, [&](const core::CollectorStatus &s) {
            statuses.push_back(s);
            statusAtMs.push_back(clock.elapsed());
        });
        // Regular readings every 10 s (the default), looked for again every 50 ms: an idle state
        // within a second can only come from the first poll, and 20 rechecks must change nothing.
        collect::WifiCollectorOptions o;
        o.idleRecheckMs = 50;
        host.add([&] {
            auto c = std::make_unique<collect::WifiCollector>(o);
            QObject::connect(c.get(), &collect::Collector::failed, &receiver, [&](quint64, const core::Error &) { ++failures; });
            return c;
        });
        clock.start();
        host.startAll();
        QTRY_VERIFY_WITH_TIMEOUT(statuses.size() >= 2, 1000);
        QTest::qWait(1000); // 20 rechecks
        const std::vector<core::CollectorStatus> seen = statuses;
        host.stopAll();
        host.waitForStopped();

        QCOMPARE(seen.size(), size_t(2)); // starting, idle: nothing more while it looks again
        QCOMPARE(seen[0].state, core::CollectorState::Starting);
        QCOMPARE(seen[1].state, core::CollectorState::Idle);
        QVERIFY(statusAtMs[1] < 1000);
        QCOMPARE(seen[1].name, QString("wifi"));
        QCOMPARE(seen[1].note, QString("no Wi-Fi interface"));
        QCOMPARE(seen[1].restarts, 0);
        QCOMPARE(seen[1].runId, quint64(1));
        QCOMPARE(failures, 0);
        if (!cfg80211) // the kernel has no nl80211 family at all: the reason says so, in words
            QCOMPARE(seen[1].message, QString("nl80211 is not in the kernel (the cfg80211 module is not loaded), so there is no "
                                              "Wi-Fi interface to read; looked for again every 0.05 s"));
        else
            QCOMPARE(seen[1].message, QString("the kernel lists no wireless interface; looked for again every 0.05 s"));

        QMutexLocker lock(&mutex);
        QCOMPARE(rows.size(), size_t(1)); // one event for 20 polls, no readings
        QCOMPARE(rows[0].table, core::Table::Events);
        QCOMPARE(rows[0].get("source").toString(), QString("wifi"));
        QCOMPARE(rows[0].get("kind").toString(), QString("wifi_source"));
        QCOMPARE(rows[0].get("message").toString(), QStringLiteral("No Wi-Fi interface: ") + seen[1].message);
    }
};

QTEST_GUILESS_MAIN(TestWifiCollectorLinux)
#include "tst_wifi_collector_linux.moc"
