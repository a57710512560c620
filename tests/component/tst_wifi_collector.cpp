// SPDX-License-Identifier: GPL-3.0-or-later
// Component test: saved nl80211 polls (tests/data/wifi, made by tests/tools/make_wifi_fixtures)
// replayed through WifiCollector under CollectorHost into a real capture file, read back from SQLite.
#include "collectors/host/collector_host.h"
#include "collectors/wifi/wifi_collector.h"
#include "core/store/capture_store.h"
#include "core/store/capture_writer.h"
#include "core/store/wifi_rows.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

namespace {

// A virtual clock: the replayed polls are stamped t0, t0 + 10 s, … (SPEC §3: every 10 s).
constexpr core::TimestampUs kT0 = 1'795'341'600'000'000;
constexpr qint64 kStepUs = 10'000'000;

struct Outcome {
    std::vector<core::Row> wifiRows;  // as read back from the file, in time order
    std::vector<core::Row> eventRows;
    std::vector<core::CollectorStatus> statuses; // every status the host reported, in order
    bool finished = false;
    int failures = 0;
};

// Runs one replay under a CollectorHost writing into a capture file, as the app does, then reads
// the file back. Stops at the end of the replay, or after `maxMs`.
Outcome run(const QString &capture, const QStringList &replay, int maxMs = 10000)
{
    Outcome out;
    {
        auto writer = core::CaptureWriter::open(capture, {});
        if (!writer) {
            qWarning("cannot open %s: %s", qPrintable(capture), qPrintable(writer.error().toString()));
            return out;
        }
        core::CaptureWriter *w = writer->get();
        QObject receiver; // on the test's thread: signals arrive queued
        collect::CollectorHost host([w](std::vector<core::Row> rows) { w->enqueue(std::move(rows)); },
                                    collect::CollectorHost::Backoff{50, 50, 60000});
        QObject::connect(&host, &collect::CollectorHost::statusChanged, &receiver,
                         [&](const core::CollectorStatus &s) { out.statuses.push_back(s); });
        host.add([&] {
            collect::WifiCollectorOptions o;
            o.replay = replay;
            o.replayClock = {kT0, kStepUs};
            o.pollIntervalMs = 5;
            o.idleRecheckMs = 5;
            auto c = std::make_unique<collect::WifiCollector>(o);
            QObject::connect(c.get(), &collect::WifiCollector::replayFinished, &receiver, [&](quint64) { out.finished = true; });
            QObject::connect(c.get(), &collect::Collector::failed, &receiver, [&](quint64, const core::Error &) { ++out.failures; });
            return c;
        });
        host.startAll();
        for (int i = 0; i < maxMs / 10 && !out.finished; ++i)
            QTest::qWait(10);
        host.stopAll();
        host.waitForStopped();
        QCoreApplication::processEvents();
        w->flush();
    } // the writer closes the file
    auto store = core::CaptureStore::open(capture, core::CaptureStore::Mode::ReadOnly);
    if (!store)
        return out;
    (void)(*store)->forEach(core::Table::WifiSamples, [&](const core::Row &r) {
        out.wifiRows.push_back(r);
        return true;
    });
    (void)(*store)->forEach(core::Table::Events, [&](const core::Row &r) {
        out.eventRows.push_back(r);
        return true;
    });
    return out;
}

// What make_wifi_fixtures put into a connected poll (its StationSpec and InterfaceSpec), as the
// row should hold it.
struct Expected {
    QString ssid, bssid;
    int rssi, noise, channel, freq, width;
    QString band, phy;
    int mcs, nss;
    double txMbps, rxMbps;
    int txGuardNs;
    QString rxMode;
    int rxMcs, rxNss, rxGuardNs;
};

void checkConnectedRow(const core::Row &row, core::TimestampUs ts, const Expected &e)
{
    QVERIFY(row.get("id").toLongLong() > 0);
    QCOMPARE(row.get("ts_us").toLongLong(), ts);
    QCOMPARE(row.get("iface").toString(), QString("wlan0"));
    QCOMPARE(row.get("ssid").toString(), e.ssid);
    QCOMPARE(row.get("bssid").toString(), e.bssid);
    QCOMPARE(row.get("rssi_dbm").toDouble(), double(e.rssi));
    QCOMPARE(row.get("noise_dbm").toDouble(), double(e.noise));
    QCOMPARE(row.get("channel").toInt(), e.channel);
    QCOMPARE(row.get("freq_mhz").toInt(), e.freq);
    QCOMPARE(row.get("width_mhz").toInt(), e.width);
    QCOMPARE(row.get("band").toString(), e.band);
    QCOMPARE(row.get("phy_mode").toString(), e.phy);
    QCOMPARE(row.get("mcs").toInt(), e.mcs);
    QCOMPARE(row.get("nss").toInt(), e.nss);
    QVERIFY(qAbs(row.get("tx_mbps").toDouble() - e.txMbps) < 1e-9);
    QVERIFY(qAbs(row.get("rx_mbps").toDouble() - e.rxMbps) < 1e-9);
    // notes: connected flag, guard intervals, the receive rate's encoding and both rate widths
    const core::WifiSample s = core::wifiSampleFromRow(row);
    QVERIFY(s.connected);
    QCOMPARE(s.tx.guardNs, std::optional<int>(e.txGuardNs));
    QCOMPARE(s.tx.widthMhz, std::optional<int>(80));
    QCOMPARE(core::wifiPhyModeName(s.rx.mode), e.rxMode);
    QCOMPARE(s.rx.mcs, std::optional<int>(e.rxMcs));
    QCOMPARE(s.rx.nss, std::optional<int>(e.rxNss));
    QCOMPARE(s.rx.guardNs, std::optional<int>(e.rxGuardNs));
    QCOMPARE(s.rx.widthMhz, std::optional<int>(80));
}

// A not-connected reading: the interface and the time, every link column NULL.
void checkNotConnectedRow(const core::Row &row, core::TimestampUs ts)
{
    QVERIFY(row.get("id").toLongLong() > 0);
    QCOMPARE(row.get("ts_us").toLongLong(), ts);
    QCOMPARE(row.get("iface").toString(), QString("wlan0"));
    for (const char *column : {"ssid", "bssid", "rssi_dbm", "noise_dbm", "channel", "freq_mhz", "width_mhz", "band", "phy_mode",
                               "mcs", "nss", "tx_mbps", "rx_mbps"})
        QVERIFY2(row.get(column).isNull(), column);
    const core::WifiSample s = core::wifiSampleFromRow(row);
    QVERIFY(!s.connected);
    QVERIFY(!s.tx.guardNs && !s.tx.widthMhz && !s.rx.mcs && !s.rx.nss && !s.rx.guardNs && !s.rx.widthMhz);
    QCOMPARE(s.rx.mode, core::WifiPhyMode::Unknown);
}

// roam/01_before.bin: AP …:01 on channel 36, VHT 2×2, −73 dBm average (−74 instant), noise −94;
// 650 Mbit/s out (MCS 7, short GI), 468 in (MCS 5, long GI), 80 MHz.
const Expected kBefore{"Office", "00:1a:2b:3c:4d:01", -73, -94, 36, 5180, 80, "5", "ac", 7, 2, 650.0, 468.0, 400, "ac", 5, 2, 800};
// roam/02_after.bin: AP …:02 of the same SSID on channel 149, −53 dBm, noise −93; 866.7 out (MCS 9,
// short GI), 780 in (MCS 9, long GI).
const Expected kAfter{"Office", "00:1a:2b:3c:4d:02", -53, -93, 149, 5745, 80, "5", "ac", 9, 2, 866.7, 780.0, 400, "ac", 9, 2, 800};

struct AgentRun {
    int code = -1;
    QString err;
};

AgentRun agent(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("loopback")); // never a public host, even run by hand
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent"), args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardError())};
}

int countState(const std::vector<core::CollectorStatus> &ss, core::CollectorState state)
{
    return int(std::count_if(ss.begin(), ss.end(), [state](const core::CollectorStatus &s) { return s.state == state; }));
}

} // namespace

class TestWifiCollector : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // The roam pair (a folder, in name order), then a disconnected poll: three readings of wlan0 at
    // 0, 10 and 20 s on the virtual clock; the roam is the BSSID change between the first two, the
    // disconnect a reading with connected=0 (both are read downstream, not here).
    void roamThenDisconnectIntoCapture()
    {
        const Outcome o = run(m_dir.filePath("roam.plcap"), {PATHLENS_TEST_DATA_DIR "/wifi/roam",
                                                              PATHLENS_TEST_DATA_DIR "/wifi/disconnected.bin"});
        QVERIFY(o.finished);
        QCOMPARE(o.failures, 0);
        QCOMPARE(o.wifiRows.size(), size_t(3));
        checkConnectedRow(o.wifiRows[0], kT0, kBefore);
        if (QTest::currentTestFailed())
            return;
        checkConnectedRow(o.wifiRows[1], kT0 + kStepUs, kAfter);
        if (QTest::currentTestFailed())
            return;
        checkNotConnectedRow(o.wifiRows[2], kT0 + 2 * kStepUs);
        if (QTest::currentTestFailed())
            return;

        // One source event for the whole run (the interface stayed), nothing per poll.
        QCOMPARE(o.eventRows.size(), size_t(1));
        QCOMPARE(o.eventRows[0].get("source").toString(), QString("wifi"));
        QCOMPARE(o.eventRows[0].get("kind").toString(), QString("wifi_source"));
        QVERIFY2(o.eventRows[0].get("message").toString().startsWith("Wi-Fi readings of wlan0 from replay of "),
                 qPrintable(o.eventRows[0].get("message").toString()));
        // Starting → running → stopped; never idle, never restarted.
        QVERIFY(!o.statuses.empty());
        QCOMPARE(o.statuses.front().state, core::CollectorState::Starting);
        QCOMPARE(countState(o.statuses, core::CollectorState::Running), 1);
        QCOMPARE(countState(o.statuses, core::CollectorState::Idle), 0);
        QCOMPARE(countState(o.statuses, core::CollectorState::Restarting), 0);
        QCOMPARE(o.statuses.back().state, core::CollectorState::Stopped);
        QCOMPARE(o.statuses.back().name, QString("wifi"));
        QCOMPARE(o.statuses.back().restarts, 0);
    }

    // The adapter goes away (a poll with no interface: an empty dump) and comes back: the collector
    // records wlan0 as not connected once, goes idle ("no Wi-Fi interface"), and runs again.
    void interfaceGoneIsIdleThenBack()
    {
        const QString empty = m_dir.filePath("no_interface.bin");
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Outcome o = run(m_dir.filePath("gone.plcap"), {PATHLENS_TEST_DATA_DIR "/wifi/roam/01_before.bin", empty, empty,
                                                             PATHLENS_TEST_DATA_DIR "/wifi/roam/02_after.bin"});
        QVERIFY(o.finished);
        QCOMPARE(o.failures, 0);
        QCOMPARE(o.wifiRows.size(), size_t(3));
        checkConnectedRow(o.wifiRows[0], kT0, kBefore);
        if (QTest::currentTestFailed())
            return;
        checkNotConnectedRow(o.wifiRows[1], kT0 + kStepUs); // once: the second empty poll adds nothing
        if (QTest::currentTestFailed())
            return;
        checkConnectedRow(o.wifiRows[2], kT0 + 3 * kStepUs, kAfter);
        if (QTest::currentTestFailed())
            return;

        std::vector<core::CollectorState> states;
        for (const core::CollectorStatus &s : o.statuses)
            states.push_back(s.state);
        const std::vector<core::CollectorState> expected{core::CollectorState::Starting, core::CollectorState::Running,
                                                         core::CollectorState::Idle, core::CollectorState::Running,
                                                         core::CollectorState::Stopped};
        QCOMPARE(states, expected);
        const core::CollectorStatus &idle = o.statuses[2];
        QCOMPARE(idle.note, collect::WifiCollector::idleNote());
        QCOMPARE(idle.note, QString("no Wi-Fi interface"));
        QCOMPARE(idle.message, QString("the kernel lists no wireless interface; looked for again every 0.005 s"));
        QCOMPARE(idle.restarts, 0);
        QVERIFY(o.statuses[3].note.isEmpty()); // running again: the note is gone

        QCOMPARE(o.eventRows.size(), size_t(3)); // running, idle (once for two empty polls), running
        QCOMPARE(o.eventRows[1].get("kind").toString(), QString("wifi_source"));
        QCOMPARE(o.eventRows[1].get("message").toString(),
                 QString("No Wi-Fi interface: the kernel lists no wireless interface; looked for again every 0.005 s"));
    }

    // A damaged poll is a failure (the host restarts the collector), not a state.
    void damagedPollFails()
    {
        QFile in(PATHLENS_TEST_DATA_DIR "/wifi/roam/01_before.bin");
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        const QString cut = m_dir.filePath("cut.bin");
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() / 2 + 3)); // ends inside a message
        out.close();
        const Outcome o = run(m_dir.filePath("cut.plcap"), {cut}, 500);
        QVERIFY(o.failures >= 1);
        QCOMPARE(o.wifiRows.size(), size_t(0));
        QVERIFY(countState(o.statuses, core::CollectorState::Restarting) >= 1);
        QCOMPARE(countState(o.statuses, core::CollectorState::Idle), 0);
    }

    // The agent's switches: --collectors wifi with --wifi-replay and --wifi-interval writes the roam
    // into its capture; a Wi-Fi option without the collector, or a replay path that is not there, is refused.
    void agentRunReplaysWifi()
    {
        const QString capture = m_dir.filePath("agent.plcap");
        const AgentRun r = agent({"run", "--capture", capture, "--collectors", "wifi", "--wifi-replay",
                                  PATHLENS_TEST_DATA_DIR "/wifi/roam", "--wifi-interval", "0.05", "--duration", "1"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        auto store = core::CaptureStore::open(capture, core::CaptureStore::Mode::ReadOnly);
        QVERIFY(store);
        QStringList bssids;
        std::vector<qint64> stamps;
        QVERIFY((*store)->forEach(core::Table::WifiSamples, [&](const core::Row &row) {
            bssids << row.get("bssid").toString();
            stamps.push_back(row.get("ts_us").toLongLong());
            return true;
        }));
        QCOMPARE(bssids, QStringList({"00:1a:2b:3c:4d:01", "00:1a:2b:3c:4d:02"}));
        QVERIFY(stamps[1] - stamps[0] >= 40'000); // 50 ms apart, on the wall clock (coarse timer: ±5 %)
        QCOMPARE(*(*store)->count(core::Table::Events), qint64(1));

        const AgentRun conflict = agent({"run", "--capture", m_dir.filePath("x.plcap"), "--collectors", "link", "--wifi-interval", "3"});
        QCOMPARE(conflict.code, 2);
        QVERIFY2(conflict.err.contains("--wifi-interval configures the wifi collector"), qPrintable(conflict.err));
        const AgentRun missing = agent({"run", "--capture", m_dir.filePath("y.plcap"), "--collectors", "wifi", "--wifi-replay",
                                        m_dir.filePath("nowhere"), "--duration", "1"});
        QCOMPARE(missing.code, 3);
        QVERIFY2(missing.err.contains(m_dir.filePath("nowhere")), qPrintable(missing.err));
    }

    void missingReplayPathIsNamed()
    {
        const auto files = collect::WifiReplaySource::listFiles({m_dir.filePath("nowhere")});
        QVERIFY(!files);
        QCOMPARE(files.error().code, core::ErrorCode::NotFound);
        QVERIFY(files.error().message.contains(m_dir.filePath("nowhere")));
        const auto listed = collect::WifiReplaySource::listFiles({PATHLENS_TEST_DATA_DIR "/wifi/roam"});
        QVERIFY(listed);
        QCOMPARE(*listed, QStringList({PATHLENS_TEST_DATA_DIR "/wifi/roam/01_before.bin", PATHLENS_TEST_DATA_DIR "/wifi/roam/02_after.bin"}));
    }
};

QTEST_GUILESS_MAIN(TestWifiCollector)
#include "tst_wifi_collector.moc"
