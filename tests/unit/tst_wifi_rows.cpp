// SPDX-License-Identifier: GPL-3.0-or-later
// WifiSample ⇄ wifi_samples row: every field through a Row, through a capture file and through the
// SPEC §6 CSV (export, import into a fresh capture, read back); names of modes and bands.
#include "tests/common/csv_round_trip.h"
#include "tests/common/scratch_captures.h"
#include "core/interchange/csv_interchange.h"
#include "core/store/wifi_rows.h"
#include "wifi_sample_compare.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;
using namespace pathlens::test;

namespace {

using pathlens::test::compareSample;

// Every field set, the two directions in different generations; an SSID with the characters the
// notes and CSV codecs must escape.
WifiSample fullSample()
{
    WifiSample s;
    s.utcUs = 1764950400000000;
    s.iface = QStringLiteral("wlp2s0");
    s.connected = true;
    s.ssid = QStringLiteral("Café; \"guest\"=free, 5G \\x00");
    s.bssid = QStringLiteral("a0:36:bc:12:34:56");
    s.rssiDbm = -61;
    s.noiseDbm = -95;
    s.freqMhz = 5180;
    s.channel = 36;
    s.band = WifiBand::Ghz5;
    s.channelWidthMhz = 160;
    s.tx = {866.7, WifiPhyMode::Vht, 9, 2, 80, 400};
    s.rx = {2401.9, WifiPhyMode::He, 11, 2, 160, 1600};
    return s;
}

WifiSample disconnectedSample()
{
    WifiSample s;
    s.utcUs = 1764950410000000;
    s.iface = QStringLiteral("wlan0");
    return s;
}

// Only the receive rate known (the columns' phy_mode stays empty; the notes keep it); legacy 2.4 GHz.
WifiSample rxOnlySample()
{
    WifiSample s;
    s.utcUs = 1764950420000000;
    s.iface = QStringLiteral("wlan1");
    s.connected = true;
    s.ssid = QStringLiteral("OldRouter");
    s.bssid = QStringLiteral("00:0f:b5:01:02:03");
    s.rssiDbm = -80;
    s.freqMhz = 2484;
    s.channel = 14;
    s.band = WifiBand::Ghz2_4;
    s.channelWidthMhz = 20;
    s.rx = {11.0, WifiPhyMode::Legacy, {}, {}, {}, {}};
    return s;
}

WifiSample sixGhzSample()
{
    WifiSample s;
    s.utcUs = 1764950430000000;
    s.iface = QStringLiteral("wlan0");
    s.connected = true;
    s.ssid = QStringLiteral("Studio-7 ☕");
    s.bssid = QStringLiteral("24:2f:d0:77:00:07");
    s.rssiDbm = -45;
    s.noiseDbm = -96;
    s.freqMhz = 6135;
    s.channel = 37;
    s.band = WifiBand::Ghz6;
    s.channelWidthMhz = 320;
    s.tx = {5764.7, WifiPhyMode::Eht, 13, 2, 320, 800};
    s.rx = {19.5, WifiPhyMode::Ht, 2, 1, 20, 800};
    return s;
}

std::vector<WifiSample> allSamples() { return {fullSample(), disconnectedSample(), rxOnlySample(), sixGhzSample()}; }
const char *const kSampleNames[] = {"every field", "disconnected", "receive rate only", "6 GHz EHT"};

} // namespace

class TestWifiRows : public QObject {
    Q_OBJECT
private:
    pathlens::test::ScratchCaptures m_captures;

    std::unique_ptr<CaptureStore> freshStore() { return m_captures.fresh(); }
    static std::vector<WifiSample> readBack(CaptureStore &store)
    {
        std::vector<WifiSample> out;
        auto r = store.forEach(Table::WifiSamples, [&](const Row &row) {
            out.push_back(wifiSampleFromRow(row));
            return true;
        });
        if (!r)
            qFatal("%s", qPrintable(r.error().toString()));
        return out;
    }

private slots:
    void columnsAndNotes()
    {
        const Row row = wifiSampleToRow(fullSample());
        QCOMPARE(row.table, Table::WifiSamples);
        QVERIFY(row.get("id").isNull());
        QCOMPARE(row.get("ts_us").toLongLong(), 1764950400000000);
        QCOMPARE(row.get("iface").toString(), QString("wlp2s0"));
        QCOMPARE(row.get("ssid").toString(), fullSample().ssid);
        QCOMPARE(row.get("bssid").toString(), QString("a0:36:bc:12:34:56"));
        QCOMPARE(row.get("rssi_dbm").toDouble(), -61.0);
        QCOMPARE(row.get("noise_dbm").toDouble(), -95.0);
        QCOMPARE(row.get("channel").toInt(), 36);
        QCOMPARE(row.get("freq_mhz").toInt(), 5180);
        QCOMPARE(row.get("width_mhz").toInt(), 160);
        QCOMPARE(row.get("band").toString(), QString("5"));
        QCOMPARE(row.get("phy_mode").toString(), QString("ac")); // the transmit rate's
        QCOMPARE(row.get("mcs").toInt(), 9);
        QCOMPARE(row.get("nss").toInt(), 2);
        QCOMPARE(row.get("tx_mbps").toDouble(), 866.7);
        QCOMPARE(row.get("rx_mbps").toDouble(), 2401.9);
        QCOMPARE(row.get("notes").toString(),
                 QString("connected=1;gi_ns=400;tx_width_mhz=80;rx_mode=ax;rx_mcs=11;rx_nss=2;rx_gi_ns=1600;rx_width_mhz=160"));

        // Nothing known is NULL, not zero or "".
        const Row empty = wifiSampleToRow(disconnectedSample());
        for (const char *column : {"ssid", "bssid", "rssi_dbm", "noise_dbm", "channel", "freq_mhz", "width_mhz", "band",
                                   "phy_mode", "mcs", "nss", "tx_mbps", "rx_mbps"})
            QVERIFY2(empty.get(column).isNull(), column);
        QCOMPARE(empty.get("notes").toString(), QString("connected=0"));
    }

    void roundTripThroughRow_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(allSamples().size()); ++i)
            QTest::newRow(kSampleNames[i]) << i;
    }
    void roundTripThroughRow()
    {
        QFETCH(int, index);
        const WifiSample s = allSamples()[size_t(index)];
        compareSample(wifiSampleFromRow(wifiSampleToRow(s)), s);
    }

    void roundTripThroughCaptureAndCsv()
    {
        auto first = freshStore();
        for (const WifiSample &s : allSamples())
            QVERIFY(first->insert(wifiSampleToRow(s)));
        const std::vector<WifiSample> stored = readBack(*first);
        QCOMPARE(stored.size(), allSamples().size());
        for (size_t i = 0; i < stored.size(); ++i) {
            compareSample(stored[i], allSamples()[i]);
            if (QTest::currentTestFailed())
                return;
        }

        const QByteArray csv = exportBytes(*first);
        QCOMPARE(csv.count("Z,wifi,"), 4);
        QVERIFY(csv.contains("band=5;phy_mode=ac;mcs=9;nss=2;rx_mbps=2401.9;connected=1;gi_ns=400;"));

        auto second = freshStore();
        auto report = importBytes(csv, *second);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
        QCOMPARE(report->rowsSkipped, 0);
        QCOMPARE(report->rowsImported, 4);
        const std::vector<WifiSample> imported = readBack(*second);
        QCOMPARE(imported.size(), allSamples().size());
        for (size_t i = 0; i < imported.size(); ++i) {
            compareSample(imported[i], allSamples()[i]);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(exportBytes(*second), csv); // and the CSV of the copy is the same bytes
    }

    void rowsWrittenByOtherToolsStillRead()
    {
        // tests/data/roundtrip.csv predates this codec: "5GHz", no connected flag, no rate notes.
        auto store = freshStore();
        QVERIFY(importBytes(testData("roundtrip.csv"), *store));
        const std::vector<WifiSample> samples = readBack(*store);
        QCOMPARE(samples.size(), size_t(1));
        WifiSample want;
        want.utcUs = 1795341602000000; // 2026-11-22T10:00:02.000Z
        want.iface = QStringLiteral("wlan0");
        want.connected = true; // from the BSSID
        want.ssid = QStringLiteral("Cafe, \"Free\"");
        want.bssid = QStringLiteral("aa:bb:cc:dd:ee:ff");
        want.rssiDbm = -61;
        want.noiseDbm = -95;
        want.freqMhz = 5180;
        want.channel = 36;
        want.band = WifiBand::Ghz5;
        want.channelWidthMhz = 80;
        want.tx = {866.7, WifiPhyMode::Vht, 9, 2, {}, {}};
        want.rx = {780.0, WifiPhyMode::Unknown, {}, {}, {}, {}};
        compareSample(samples[0], want);
    }

    void modeAndBandNames()
    {
        for (WifiPhyMode m : {WifiPhyMode::Unknown, WifiPhyMode::Legacy, WifiPhyMode::Ht, WifiPhyMode::Vht, WifiPhyMode::He,
                              WifiPhyMode::Eht})
            QCOMPARE(wifiPhyModeFromName(wifiPhyModeName(m)), m);
        for (WifiBand b : {WifiBand::Unknown, WifiBand::Ghz2_4, WifiBand::Ghz5, WifiBand::Ghz6})
            QCOMPARE(wifiBandFromName(wifiBandName(b)), b);
        QCOMPARE(wifiPhyModeName(WifiPhyMode::He), QString("ax"));
        QCOMPARE(wifiPhyModeName(WifiPhyMode::Unknown), QString());
        QCOMPARE(wifiBandName(WifiBand::Ghz2_4), QString("2.4"));
        QCOMPARE(wifiPhyModeFromName("802.11ax"), WifiPhyMode::He);
        QCOMPARE(wifiPhyModeFromName(" 11N "), WifiPhyMode::Ht);
        QCOMPARE(wifiPhyModeFromName("VHT"), WifiPhyMode::Vht);
        QCOMPARE(wifiPhyModeFromName("eht"), WifiPhyMode::Eht);
        QCOMPARE(wifiPhyModeFromName("11g"), WifiPhyMode::Legacy);
        QCOMPARE(wifiPhyModeFromName("wifi"), WifiPhyMode::Unknown);
        QCOMPARE(wifiBandFromName("5GHz"), WifiBand::Ghz5);
        QCOMPARE(wifiBandFromName("2.4 GHz"), WifiBand::Ghz2_4);
        QCOMPARE(wifiBandFromName("6 ghz"), WifiBand::Ghz6);
        QCOMPARE(wifiBandFromName("60"), WifiBand::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestWifiRows)
#include "tst_wifi_rows.moc"
