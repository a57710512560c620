// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the nl80211 parser: every libnl-made fixture field by field, the channel table,
// rate encodings, SSID escaping, kernel errors and malformed or cut-off replies.
#include "collectors/wifi/nl80211_parser.h"
#include "core/store/wifi_rows.h"
#include "nl80211_builder.h"
#include "wifi_sample_compare.h"

#include <QFile>
#include <QTest>

#include <cstring>
#include <limits>
#include <set>

using namespace pathlens;
using core::WifiBand;
using core::WifiPhyMode;
using core::WifiRate;
using core::WifiSample;
namespace nl = pathlens::test::nl;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(PATHLENS_TEST_DATA_DIR "/wifi/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

using test::compareRate;
using test::compareSample;
using test::text;

WifiRate rate(std::optional<double> mbps, WifiPhyMode mode, std::optional<int> mcs, std::optional<int> nss,
              std::optional<int> width, std::optional<int> guard)
{
    WifiRate r;
    r.mbps = mbps;
    r.mode = mode;
    r.mcs = mcs;
    r.nss = nss;
    r.widthMhz = width;
    r.guardNs = guard;
    return r;
}

constexpr core::TimestampUs kAt = 1764950400123456;

// What each fixture holds, as tests/tools/make_wifi_fixtures.cpp describes it in words and rates.
struct Expected {
    int interfaces = 1, stations = 1, surveys = 1;
    int ifindex = 3;
    QString ifaceSsid;                    // the interface message's SSID, connected or not
    WifiSample sample;
};

WifiSample connected(const QString &ssid, const QString &bssid, int rssi, int noise, int freq, int channel,
                     WifiBand band, int width, const WifiRate &tx, const WifiRate &rx)
{
    WifiSample s;
    s.utcUs = kAt;
    s.iface = QStringLiteral("wlan0");
    s.connected = true;
    s.ssid = ssid;
    s.bssid = bssid;
    s.rssiDbm = rssi;
    s.noiseDbm = noise;
    s.freqMhz = freq;
    s.channel = channel;
    s.band = band;
    s.channelWidthMhz = width;
    s.tx = tx;
    s.rx = rx;
    return s;
}

Expected expectedFor(const QString &file)
{
    using M = WifiPhyMode;
    Expected e;
    if (file == QLatin1String("wifi5_ac_5ghz_80mhz.bin")) {
        e.surveys = 4;
        e.sample = connected("Home-5G", "3c:37:86:0a:1b:2c", -58, -95, 5180, 36, WifiBand::Ghz5, 80,
                             rate(866.7, M::Vht, 9, 2, 80, 400), rate(780.0, M::Vht, 8, 2, 80, 400));
    } else if (file == QLatin1String("wifi6_ax_5ghz_160mhz.bin")) {
        e.surveys = 2;
        e.ifindex = 4;
        e.sample = connected(QStringLiteral("Café ☕"), "a0:36:bc:12:34:56", -50, -92, 5180, 36, WifiBand::Ghz5, 160,
                             rate(2402.0, M::He, 11, 2, 160, 800), rate(1921.6, M::He, 9, 2, 160, 800));
    } else if (file == QLatin1String("wifi6e_ax_6ghz_80mhz.bin")) {
        e.sample = connected("Lab-6E", "70:3a:cb:6e:00:01", -62, -98, 5975, 5, WifiBand::Ghz6, 80,
                             rate(720.6, M::He, 7, 2, 80, 800), rate(272.2, M::He, 5, 1, 80, 1600));
    } else if (file == QLatin1String("wifi7_be_6ghz_320mhz.bin")) {
        e.sample = connected("Studio-7", "24:2f:d0:77:00:07", -45, -96, 6135, 37, WifiBand::Ghz6, 320,
                             rate(5764.7, M::Eht, 13, 2, 320, 800), rate(4083.3, M::Eht, 11, 2, 320, 3200));
    } else if (file == QLatin1String("wifi4_n_2ghz_20mhz.bin")) {
        e.surveys = 3;
        // Latin-1 0xE9 is not UTF-8: shown escaped, never guessed; noise from the entry on 2437.
        e.sample = connected("Caf\\xe9", "00:14:6c:7e:40:80", -67, -88, 2437, 6, WifiBand::Ghz2_4, 20,
                             rate(65.0, M::Ht, 7, 1, 20, 800), rate(43.3, M::Ht, 4, 1, 20, 400));
    } else if (file == QLatin1String("legacy_11g_2ghz.bin")) {
        // No SIGNAL_AVG: the last frame's signal.
        e.sample = connected("OldRouter", "00:0f:b5:01:02:03", -71, -92, 2412, 1, WifiBand::Ghz2_4, 20,
                             rate(54.0, M::Legacy, {}, {}, {}, {}), rate(48.0, M::Legacy, {}, {}, {}, {}));
    } else if (file == QLatin1String("disconnected.bin")) {
        e.stations = 0;
        e.surveys = 2;
        e.sample.utcUs = kAt;
        e.sample.iface = QStringLiteral("wlan0");
    } else if (file == QLatin1String("roam/01_before.bin")) {
        e.ifindex = 5;
        e.sample = connected("Office", "00:1a:2b:3c:4d:01", -73, -94, 5180, 36, WifiBand::Ghz5, 80,
                             rate(650.0, M::Vht, 7, 2, 80, 400), rate(468.0, M::Vht, 5, 2, 80, 800));
    } else if (file == QLatin1String("roam/02_after.bin")) {
        e.ifindex = 5;
        e.sample = connected("Office", "00:1a:2b:3c:4d:02", -53, -93, 5745, 149, WifiBand::Ghz5, 80,
                             rate(866.7, M::Vht, 9, 2, 80, 400), rate(780.0, M::Vht, 9, 2, 80, 800));
    } else {
        qFatal("no expectation for %s", qPrintable(file));
    }
    e.ifaceSsid = e.sample.ssid;
    return e;
}

const QStringList &fixtureFiles()
{
    static const QStringList files = {"wifi5_ac_5ghz_80mhz.bin", "wifi6_ax_5ghz_160mhz.bin", "wifi6e_ax_6ghz_80mhz.bin",
                                      "wifi7_be_6ghz_320mhz.bin", "wifi4_n_2ghz_20mhz.bin", "legacy_11g_2ghz.bin",
                                      "disconnected.bin", "roam/01_before.bin", "roam/02_after.bin"};
    return files;
}

// Offsets where a message ends, read from the nlmsg_len fields without the parser.
std::set<qsizetype> messageEnds(const QByteArray &b)
{
    std::set<qsizetype> ends{0};
    qsizetype pos = 0;
    while (pos + 16 <= b.size()) {
        quint32 len;
        std::memcpy(&len, b.constData() + pos, 4);
        pos += (qsizetype(len) + 3) & ~qsizetype(3);
        ends.insert(pos);
    }
    return ends;
}

collect::Nl80211Parse parseOk(const QByteArray &bytes)
{
    auto r = collect::parseNl80211(bytes);
    if (!r)
        qWarning("%s", qPrintable(r.error().toString()));
    return r ? *r : collect::Nl80211Parse{};
}

// A station message for ifindex 3 whose STA_INFO holds `staInfo`, preceded by a matching interface.
QByteArray linkWith(const QByteArray &staInfo)
{
    return nl::interfaceMsg(3, "wlan0", 5180, 3, "x") + nl::stationMsg(3, QByteArray::fromHex("020000000001"), staInfo);
}

WifiRate txRateOf(const QByteArray &rateChildren)
{
    const auto p = parseOk(linkWith(nl::nest(nl::StaTxBitrate, rateChildren)));
    return p.stations.empty() ? WifiRate{} : p.stations.front().tx;
}

} // namespace

class TestWifiParser : public QObject {
    Q_OBJECT
private slots:
    void everyFixtureField_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &f : fixtureFiles())
            QTest::newRow(qPrintable(f)) << f;
    }
    void everyFixtureField()
    {
        QFETCH(QString, file);
        const Expected e = expectedFor(file);
        auto r = collect::parseNl80211(fixture(file));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->doneCount, 3); // interface, station and survey dumps each end with NLMSG_DONE
        QCOMPARE(int(r->interfaces.size()), e.interfaces);
        QCOMPARE(int(r->stations.size()), e.stations);
        QCOMPARE(int(r->surveys.size()), e.surveys);

        const collect::Nl80211Interface &iface = r->interfaces.front();
        QCOMPARE(iface.ifindex, e.ifindex);
        QCOMPARE(iface.name, QString("wlan0"));
        QCOMPARE(iface.iftype, 2); // NL80211_IFTYPE_STATION
        QCOMPARE(iface.ssid, e.ifaceSsid);
        QCOMPARE(text(iface.freqMhz), text(e.sample.freqMhz));
        QCOMPARE(text(iface.channelWidthMhz), text(e.sample.channelWidthMhz));
        for (const auto &st : r->stations) {
            QCOMPARE(st.ifindex, e.ifindex);
            QCOMPARE(st.bssid, e.sample.bssid);
            QCOMPARE(text(st.signalDbm), text(e.sample.rssiDbm));
        }
        int inUse = 0;
        for (const auto &sv : r->surveys) {
            QCOMPARE(sv.ifindex, e.ifindex);
            QVERIFY(collect::channelFromFrequency(sv.freqMhz).has_value());
            QVERIFY(sv.noiseDbm.value_or(-95) < -80 && sv.noiseDbm.value_or(-95) > -100);
            inUse += sv.inUse;
        }
        QVERIFY(inUse <= 1);

        const WifiSample s = collect::assembleWifiSample(iface, r->stations, r->surveys, kAt);
        compareSample(s, e.sample);
        if (QTest::currentTestFailed())
            return;
        // ...and the capture keeps every field of it.
        compareSample(core::wifiSampleFromRow(core::wifiSampleToRow(s)), e.sample);
    }

    void p2pDeviceWithoutNetdevIsSkipped()
    {
        // The Wi-Fi 6 fixture lists a P2P-device wdev first: no ifindex, no name, nothing to measure.
        auto r = collect::parseNl80211(fixture("wifi6_ax_5ghz_160mhz.bin"));
        QVERIFY(r.ok());
        QCOMPARE(int(r->interfaces.size()), 1);
        QCOMPARE(r->interfaces.front().ifindex, 4);
    }

    void channelTable_data()
    {
        QTest::addColumn<int>("freq");
        QTest::addColumn<int>("channel"); // -1: none
        QTest::addColumn<int>("band");
        const int g24 = int(WifiBand::Ghz2_4), g5 = int(WifiBand::Ghz5), g6 = int(WifiBand::Ghz6),
                  none = int(WifiBand::Unknown);
        QTest::newRow("2412") << 2412 << 1 << g24;
        QTest::newRow("2437") << 2437 << 6 << g24;
        QTest::newRow("2467") << 2467 << 12 << g24;
        QTest::newRow("2472") << 2472 << 13 << g24;
        QTest::newRow("2484 Japan") << 2484 << 14 << g24;
        QTest::newRow("2407 below") << 2407 << -1 << g24;
        QTest::newRow("2413 off grid") << 2413 << -1 << g24;
        QTest::newRow("2477 gap") << 2477 << -1 << g24;
        QTest::newRow("5180") << 5180 << 36 << g5;
        QTest::newRow("5500") << 5500 << 100 << g5;
        QTest::newRow("5745") << 5745 << 149 << g5;
        QTest::newRow("5825") << 5825 << 165 << g5;
        QTest::newRow("5895") << 5895 << 179 << g5;
        QTest::newRow("5182 off grid") << 5182 << -1 << g5;
        QTest::newRow("5900") << 5900 << -1 << g5;
        QTest::newRow("5005") << 5005 << 1 << g5;
        QTest::newRow("5000 no channel 0") << 5000 << -1 << g5;
        QTest::newRow("4999") << 4999 << -1 << g5;
        QTest::newRow("5935 6G ch 2") << 5935 << 2 << g6;
        QTest::newRow("5955 6G ch 1") << 5955 << 1 << g6;
        QTest::newRow("5975") << 5975 << 5 << g6;
        QTest::newRow("6135") << 6135 << 37 << g6;
        QTest::newRow("7115") << 7115 << 233 << g6;
        QTest::newRow("7120") << 7120 << -1 << g6;
        QTest::newRow("5940") << 5940 << -1 << g6;
        QTest::newRow("60 GHz") << 58320 << -1 << none;
        QTest::newRow("zero") << 0 << -1 << none;
        QTest::newRow("negative") << -2412 << -1 << none;
    }
    void channelTable()
    {
        QFETCH(int, freq);
        QFETCH(int, channel);
        QFETCH(int, band);
        QCOMPARE(collect::channelFromFrequency(freq).value_or(-1), channel);
        QCOMPARE(int(collect::bandFromFrequency(freq)), band);
    }

    void rateEncodings()
    {
        using M = WifiPhyMode;
        // BITRATE32 wins over the 16-bit field; the 16-bit one alone still gives the rate.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 70000) + nl::u16(nl::RateBitrate, 1234)),
                    rate(7000.0, M::Legacy, {}, {}, {}, {}));
        compareRate(txRateOf(nl::u16(nl::RateBitrate, 110)), rate(11.0, M::Legacy, {}, {}, {}, {}));
        // Legacy 10 MHz (802.11p / half-rate channels) says its width.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 270) + nl::flag(nl::Rate10)), rate(27.0, M::Legacy, {}, {}, 10, {}));
        // HT MCS 15 is 2 streams of MCS 7; 40 MHz; short GI.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 3000) + nl::flag(nl::Rate40) + nl::u8(nl::RateMcs, 15)
                             + nl::flag(nl::RateShortGi)),
                    rate(300.0, M::Ht, 7, 2, 40, 400));
        // HT MCS 32 (duplicate 6 Mbit/s) does not fold into streams.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 60) + nl::flag(nl::Rate40) + nl::u8(nl::RateMcs, 32)),
                    rate(6.0, M::Ht, 32, {}, 40, 800));
        // VHT 80+80 counts as 160 MHz.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 17333) + nl::flag(nl::Rate80p80) + nl::u8(nl::RateVhtMcs, 9)
                             + nl::u8(nl::RateVhtNss, 2) + nl::flag(nl::RateShortGi)),
                    rate(1733.3, M::Vht, 9, 2, 160, 400));
        // HE on a resource unit (OFDMA): no channel width; GI 3.2 µs.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 143) + nl::u8(nl::RateHeMcs, 0) + nl::u8(nl::RateHeNss, 1)
                             + nl::u8(nl::RateHeGi, 2) + nl::u8(nl::RateHeRuAlloc, 0)),
                    rate(14.3, M::He, 0, 1, {}, 3200));
        // An unknown GI value is not guessed.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 1000) + nl::u8(nl::RateHeMcs, 5) + nl::u8(nl::RateHeNss, 1)
                             + nl::u8(nl::RateHeGi, 7)),
                    rate(100.0, M::He, 5, 1, 20, {}));
        // EHT and HE both present (never from a kernel): the newer generation is read.
        compareRate(txRateOf(nl::u32(nl::RateBitrate32, 28824) + nl::flag(nl::Rate320) + nl::u8(nl::RateHeMcs, 1)
                             + nl::u8(nl::RateEhtMcs, 13) + nl::u8(nl::RateEhtNss, 1) + nl::u8(nl::RateEhtGi, 1)),
                    rate(2882.4, M::Eht, 13, 1, 320, 1600));
        // An empty rate nest says nothing.
        compareRate(txRateOf({}), rate({}, M::Unknown, {}, {}, {}, {}));
    }

    void attributeFlagBitsAreMasked()
    {
        // NLA_F_NESTED on the nests and NLA_F_NET_BYTEORDER on a leaf do not hide the attribute.
        const QByteArray staInfo = nl::s8(nl::StaSignal | nl::FlagNetByteOrder, -40)
            + nl::nest(nl::StaTxBitrate | nl::FlagNested, nl::u32(nl::RateBitrate32, 540));
        const auto p = parseOk(nl::genl(nl::CmdNewStation, nl::u32(nl::AttrIfindex, 3)
                                                             + nl::attr(nl::AttrMac, QByteArray::fromHex("020000000001"))
                                                             + nl::nest(nl::AttrStaInfo | nl::FlagNested, staInfo)));
        QCOMPARE(int(p.stations.size()), 1);
        QCOMPARE(text(p.stations[0].signalDbm), QString("-40"));
        QCOMPARE(text(p.stations[0].tx.mbps), QString("54"));
        QCOMPARE(p.stations[0].bssid, QString("02:00:00:00:00:01"));
    }

    void ssidBytesAreEscapedVisibly_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ascii") << QByteArray("Home net") << QString("Home net");
        QTest::newRow("utf8 4-byte") << QByteArray("\xf0\x9f\x93\xb6 lte") << QString::fromUtf8("\xf0\x9f\x93\xb6 lte");
        QTest::newRow("control") << QByteArray("a\nb", 3) << QString("a\\x0ab");
        QTest::newRow("nul") << QByteArray("a\0b", 3) << QString("a\\x00b");
        QTest::newRow("backslash") << QByteArray("a\\xb") << QString("a\\x5cxb");
        QTest::newRow("latin1") << QByteArray("Caf\xe9") << QString("Caf\\xe9");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QString("\\xc0\\xaf");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QString("\\xed\\xa0\\x80");
        QTest::newRow("cut sequence") << QByteArray("ok\xe2\x98") << QString("ok\\xe2\\x98");
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QString("\\xf4\\x90\\x80\\x80");
        QTest::newRow("empty") << QByteArray() << QString();
    }
    void ssidBytesAreEscapedVisibly()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, shown);
        const auto p = parseOk(nl::interfaceMsg(3, "wlan0", 2412, 1, bytes));
        QCOMPARE(int(p.interfaces.size()), 1);
        QCOMPARE(p.interfaces[0].ssid, shown);
    }

    void interfaceWidthsMapToMegahertz_data()
    {
        QTest::addColumn<int>("chanWidth"); // enum nl80211_chan_width
        QTest::addColumn<int>("mhz");       // -1: none
        QTest::newRow("20_NOHT") << 0 << 20;
        QTest::newRow("20") << 1 << 20;
        QTest::newRow("40") << 2 << 40;
        QTest::newRow("80") << 3 << 80;
        QTest::newRow("80P80") << 4 << 160;
        QTest::newRow("160") << 5 << 160;
        QTest::newRow("5") << 6 << 5;
        QTest::newRow("10") << 7 << 10;
        QTest::newRow("S1G 1") << 8 << 1;
        QTest::newRow("S1G 16") << 12 << 16;
        QTest::newRow("320") << 13 << 320;
        QTest::newRow("future") << 14 << -1;
    }
    void interfaceWidthsMapToMegahertz()
    {
        QFETCH(int, chanWidth);
        QFETCH(int, mhz);
        const auto p = parseOk(nl::interfaceMsg(3, "wlan0", 5180, quint32(chanWidth), "x"));
        QCOMPARE(int(p.interfaces.size()), 1);
        QCOMPARE(p.interfaces[0].channelWidthMhz.value_or(-1), mhz);
    }

    void noiseFromInUseEntryFirstThenFrequency()
    {
        const QByteArray mac = QByteArray::fromHex("020000000001");
        const QByteArray base = nl::interfaceMsg(3, "wlan0", 5180, 3, "net") + nl::stationMsg(3, mac, nl::s8(nl::StaSignal, -60));
        // On the frequency but not in use (-80), in use (-70), and another interface's in-use entry (-60).
        const auto p = parseOk(base + nl::surveyMsg(7, 5180, -60, true) + nl::surveyMsg(3, 5180, -80, false)
                               + nl::surveyMsg(3, 5200, -70, true));
        QCOMPARE(int(p.surveys.size()), 3);
        QCOMPARE(text(collect::assembleWifiSample(p.interfaces[0], p.stations, p.surveys, 0).noiseDbm), QString("-70"));
        // Without an in-use entry: the one on the frequency; none of ours: no noise.
        const auto q = parseOk(base + nl::surveyMsg(3, 5200, -70, false) + nl::surveyMsg(3, 5180, -80, false));
        QCOMPARE(text(collect::assembleWifiSample(q.interfaces[0], q.stations, q.surveys, 0).noiseDbm), QString("-80"));
        const auto o = parseOk(base + nl::surveyMsg(7, 5180, -60, true));
        const WifiSample s = collect::assembleWifiSample(o.interfaces[0], o.stations, o.surveys, 0);
        QCOMPARE(text(s.noiseDbm), QString("none"));
        QVERIFY(!s.snrDb().has_value());
    }

    void stationOfAnotherInterfaceIsNotAConnection()
    {
        const auto p = parseOk(nl::interfaceMsg(3, "wlan0", 5180, 3, "net")
                               + nl::stationMsg(4, QByteArray::fromHex("020000000001"), nl::s8(nl::StaSignal, -60)));
        const WifiSample s = collect::assembleWifiSample(p.interfaces[0], p.stations, p.surveys, 5);
        QVERIFY(!s.connected);
        QCOMPARE(s.iface, QString("wlan0"));
        QVERIFY(s.ssid.isEmpty() && s.bssid.isEmpty());
        QVERIFY(!s.freqMhz && !s.channel && !s.rssiDbm && !s.channelWidthMhz);
        QCOMPARE(s.band, WifiBand::Unknown);
    }

    void controlMessages()
    {
        // NOOP and an acknowledgement (error 0) are skipped; other nl80211 commands are not ours.
        const auto p = parseOk(nl::message(nl::Noop, {}) + nl::error(0) + nl::genl(nl::CmdNewWiphy, nl::u32(1, 0))
                               + nl::done() + nl::done());
        QCOMPARE(p.doneCount, 2);
        QVERIFY(p.interfaces.empty() && p.stations.empty() && p.surveys.empty());
        QCOMPARE(collect::parseNl80211({}).value().doneCount, 0);
    }

    void kernelErrorsNameTheErrno()
    {
        auto enodev = collect::parseNl80211(nl::interfaceMsg(3, "wlan0", 5180, 3, "x") + nl::error(-19));
        QVERIFY(!enodev.ok());
        QCOMPARE(enodev.error().code, core::ErrorCode::NotFound);
        QVERIFY2(enodev.error().message.contains("ENODEV"), qPrintable(enodev.error().message));
        QVERIFY(enodev.error().message.contains("no such device"));
        QVERIFY(!enodev.error().remedy.isEmpty());

        auto unsupported = collect::parseNl80211(nl::done(-95));
        QVERIFY(!unsupported.ok());
        QCOMPARE(unsupported.error().code, core::ErrorCode::Unsupported);
        QVERIFY(unsupported.error().message.contains("EOPNOTSUPP"));

        auto denied = collect::parseNl80211(nl::error(-1));
        QCOMPARE(denied.error().code, core::ErrorCode::PermissionDenied);
        QVERIFY(denied.error().message.contains("EPERM"));

        auto odd = collect::parseNl80211(nl::error(-4242));
        QCOMPARE(odd.error().code, core::ErrorCode::Io);
        QVERIFY(odd.error().message.contains("errno 4242"));
        auto extreme = collect::parseNl80211(nl::error(std::numeric_limits<qint32>::min()));
        QVERIFY(extreme.error().message.contains("errno 2147483648"));
    }

    void malformedInputIsAnError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("says");
        const QByteArray mac = QByteArray::fromHex("020000000001");
        // STA_INFO claims 12 bytes; its child claims 40: the child overruns its parent.
        QByteArray overrunChild = nl::raw<quint16>(40) + nl::raw<quint16>(nl::StaSignal) + QByteArray(4, '\0');
        QTest::newRow("nested child overruns its parent")
            << nl::genl(nl::CmdNewStation, nl::u32(nl::AttrIfindex, 3) + nl::attr(nl::AttrMac, mac)
                                               + nl::nest(nl::AttrStaInfo, overrunChild)
                                               + nl::u32(nl::AttrIftype, 2).repeated(5)) // the child fits the message
            << "attribute 7 length 40 out of range";
        // A rate nest inside STA_INFO whose length runs past STA_INFO's end.
        QByteArray rateOverrun = nl::raw<quint16>(64) + nl::raw<quint16>(nl::StaTxBitrate) + nl::u32(nl::RateBitrate32, 10);
        QTest::newRow("nest overruns STA_INFO")
            << nl::stationMsg(3, mac, rateOverrun) << "attribute 8 length 64 out of range";
        QByteArray topOverrun = nl::genl(nl::CmdNewInterface, nl::u32(nl::AttrIfindex, 3));
        topOverrun[20] = char(200); // IFINDEX's nla_len: beyond the message
        QTest::newRow("attribute overruns its message") << topOverrun << "attribute 3 length 200 out of range";
        QByteArray tinyAttr = nl::genl(nl::CmdNewInterface, nl::u32(nl::AttrIfindex, 3));
        tinyAttr[20] = 2; // shorter than its own header
        QTest::newRow("attribute shorter than its header") << tinyAttr << "length 2 out of range";
        QTest::newRow("short ifindex") << nl::genl(nl::CmdNewInterface, nl::u16(nl::AttrIfindex, 3))
                                       << "NL80211_ATTR_IFINDEX holds 2 bytes, needs 4";
        QTest::newRow("short mac") << nl::genl(nl::CmdNewStation, nl::attr(nl::AttrMac, "\x02\x00\x00"))
                                   << "NL80211_ATTR_MAC holds 1 bytes, needs 6";
        QTest::newRow("empty signal") << nl::stationMsg(3, mac, nl::attr(nl::StaSignal, {}))
                                      << "NL80211_STA_INFO_SIGNAL holds 0 bytes, needs 1";
        QTest::newRow("short survey frequency")
            << nl::genl(nl::CmdNewSurveyResults, nl::nest(nl::AttrSurveyInfo, nl::u16(nl::SurveyFrequency, 5180)))
            << "NL80211_SURVEY_INFO_FREQUENCY holds 2 bytes, needs 4";
        QTest::newRow("genl header cut") << nl::message(nl::Family, "\x07\x01") << "truncated generic netlink header";
        QTest::newRow("netlink header cut") << nl::done().left(12) << "truncated netlink header";
        QByteArray longMsg = nl::done();
        longMsg[0] = char(64);
        QTest::newRow("message longer than the buffer") << longMsg << "netlink length out of range";
        QByteArray shortMsg = nl::done();
        shortMsg[0] = char(8);
        QTest::newRow("message shorter than its header") << shortMsg << "netlink length out of range";
        QTest::newRow("overrun") << nl::message(nl::Overrun, {}) << "netlink overrun";
        QTest::newRow("reserved type") << nl::message(9, QByteArray(4, '\0')) << "unexpected netlink message type 9";
        QTest::newRow("error cut") << nl::message(nl::Error, "\xed\xff") << "truncated NLMSG_ERROR";
    }
    void malformedInputIsAnError()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        auto r = collect::parseNl80211(bytes);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, core::ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QLatin1String("at byte ")));
    }

    void truncationAtEveryByte()
    {
        // Every cut of every fixture: whole messages parse (fewer of them), anything else is an error.
        for (const QString &file : fixtureFiles()) {
            const QByteArray full = fixture(file);
            const auto whole = parseOk(full);
            const std::set<qsizetype> ends = messageEnds(full);
            QVERIFY(ends.count(full.size()));
            for (qsizetype n = 0; n < full.size(); ++n) {
                auto r = collect::parseNl80211(QByteArrayView(full.constData(), n));
                QVERIFY2(r.ok() == (ends.count(n) == 1), qPrintable(QStringLiteral("%1 cut at %2").arg(file).arg(n)));
                if (r.ok()) {
                    QVERIFY(r->interfaces.size() <= whole.interfaces.size());
                    QVERIFY(r->stations.size() <= whole.stations.size());
                    QVERIFY(r->surveys.size() <= whole.surveys.size());
                    QVERIFY(r->doneCount <= whole.doneCount);
                } else {
                    QVERIFY(r.error().message.startsWith(QLatin1String("nl80211 reply: ")));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestWifiParser)
#include "tst_wifi_parser.moc"
