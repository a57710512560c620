// SPDX-License-Identifier: GPL-3.0-or-later
// Wi-Fi analysis: PHY rates against hand-worked figures, the link line and ceiling, events read from
// readings (and none from rate-adaptation flicker), the picture's median and tier, the tier in the
// overall rating and the events in the snapshot's list through CaptureAnalysis, the file read as the live
// batches were, and report --json.
#include "core/active/probe_sample.h"
#include "core/pipeline/capture_analysis.h"
#include "core/report/capture_summary.h"
#include "core/report/wifi_json.h"
#include "core/store/capture_store.h"
#include "core/store/probe_rows.h"
#include "core/store/wifi_rows.h"
#include "core/wifi/wifi_link_text.h"
#include "core/wifi/wifi_picture.h"

#include <QJsonArray>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <random>

using namespace pathlens::core;

namespace {
constexpr qint64 kSec = 1'000'000;
constexpr TimestampUs kUtc0 = 1'795'341'600'000'000;
const QString kApA = QStringLiteral("aa:bb:cc:00:00:01");
const QString kApB = QStringLiteral("aa:bb:cc:00:00:02");

// A connected reading at t seconds: Wi-Fi 6 on 5 GHz channel 36, 80 MHz, 2 streams, MCS 9, −55 dBm.
WifiSample reading(double tS, const QString &bssid = kApA)
{
    WifiSample s;
    s.utcUs = kUtc0 + qint64(tS * kSec);
    s.iface = QStringLiteral("wlan0");
    s.connected = true;
    s.ssid = QStringLiteral("home");
    s.bssid = bssid;
    s.rssiDbm = -55;
    s.noiseDbm = -95;
    s.freqMhz = 5180;
    s.channel = 36;
    s.band = WifiBand::Ghz5;
    s.channelWidthMhz = 80;
    s.tx.mode = WifiPhyMode::He;
    s.tx.mcs = 9;
    s.tx.nss = 2;
    s.tx.widthMhz = 80;
    s.tx.guardNs = 800;
    s.tx.mbps = 960.8; // HE 80 MHz 2 streams MCS 9 GI 0.8: 980 × 8 × 5/6 × 2 / 13.6 µs
    s.rx = s.tx;
    return s;
}

WifiSample disconnected(double tS, const QString &iface = QStringLiteral("wlan0"))
{
    WifiSample s;
    s.utcUs = kUtc0 + qint64(tS * kSec);
    s.iface = iface;
    return s;
}

WifiSample on(WifiSample s, const QString &iface)
{
    s.iface = iface;
    return s;
}

// Readings every 10 s whose link settings follow `values` (set by `apply`).
template <typename T, typename F> std::vector<WifiSample> series(const std::vector<T> &values, F apply)
{
    std::vector<WifiSample> out;
    for (size_t i = 0; i < values.size(); ++i) {
        WifiSample s = reading(10.0 * double(i));
        apply(s, values[i]);
        out.push_back(s);
    }
    return out;
}

void setWidth(WifiSample &s, int mhz)
{
    s.channelWidthMhz = mhz;
    s.tx.widthMhz = s.rx.widthMhz = mhz;
}
void setStreams(WifiSample &s, int nss)
{
    s.tx.nss = s.rx.nss = nss;
}
void setMode(WifiSample &s, WifiPhyMode m)
{
    s.tx.mode = s.rx.mode = m;
}

void compareEvent(const WifiEvent &e, double tS, WifiEventKind kind, const QString &from, const QString &to)
{
    QCOMPARE(e.utcUs, kUtc0 + qint64(tS * kSec));
    QCOMPARE(e.kind, kind);
    QCOMPARE(e.from, from);
    QCOMPARE(e.to, to);
    QCOMPARE(e.iface, QStringLiteral("wlan0"));
}

ProbeSample ping(double tS, double rttMs, qint64 seq)
{
    ProbeSample p;
    p.utcUs = kUtc0 + qint64(tS * kSec);
    p.probe = QStringLiteral("icmp");
    p.target = QStringLiteral("198.51.100.1");
    p.seq = seq;
    p.rttMs = rttMs;
    return p;
}

std::vector<Row> rows(const std::vector<WifiSample> &samples)
{
    std::vector<Row> out;
    for (const WifiSample &s : samples)
        out.push_back(wifiSampleToRow(s));
    return out;
}
} // namespace

class TstWifi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void phyRatesFollowTheOfdmParameters()
    {
        // data subcarriers × bits per subcarrier × code rate × streams ÷ symbol time (µs) = Mbit/s
        // VHT 80 MHz: 234 × 8 (256-QAM) × 5/6 × 2 / 3.6 µs (3.2 + 0.4 short GI) = 866.67
        QCOMPARE(qRound(wifiPhyRateMbps(WifiPhyMode::Vht, 9, 80, 2, 400).value() * 100), 86667);
        // HE 80 MHz: 980 × 10 (1024-QAM) × 5/6 × 2 / 13.6 µs (12.8 + 0.8) = 1200.98
        QCOMPARE(qRound(wifiPhyRateMbps(WifiPhyMode::He, 11, 80, 2, 800).value() * 100), 120098);
        // HT 20 MHz: 52 × 6 (64-QAM) × 5/6 × 1 / 4.0 µs (3.2 + 0.8 long GI) = 65; short GI 3.6 µs: 72.22
        QCOMPARE(wifiPhyRateMbps(WifiPhyMode::Ht, 7, 20, 1, 800).value(), 65.0);
        QCOMPARE(qRound(wifiPhyRateMbps(WifiPhyMode::Ht, 7, 20, 1, 400).value() * 100), 7222);
        // HT 40 MHz 2 streams MCS 0: 108 × 1 × 1/2 × 2 / 4.0 = 27
        QCOMPARE(wifiPhyRateMbps(WifiPhyMode::Ht, 0, 40, 2, 800).value(), 27.0);
        // HE 160 MHz, GI 3.2: 1960 × 10 × 5/6 × 2 / 16.0 = 2041.67
        QCOMPARE(qRound(wifiPhyRateMbps(WifiPhyMode::He, 11, 160, 2, 3200).value() * 100), 204167);
        // HE 20 MHz 1 stream MCS 11: 234 × 10 × 5/6 / 13.6 = 143.38
        QCOMPARE(qRound(wifiPhyRateMbps(WifiPhyMode::He, 11, 20, 1, 800).value() * 100), 14338);
        // EHT 320 MHz 2 streams MCS 13 (4096-QAM 5/6): 3920 × 12 × 5/6 × 2 / 13.6 = 5764.71
        QCOMPARE(qRound(wifiPhyRateMbps(WifiPhyMode::Eht, 13, 320, 2, 800).value() * 100), 576471);
        // VHT 20 MHz MCS 9 exists with 3 streams: 52 × 8 × 5/6 × 3 / 3.6 = 288.89
        QCOMPARE(qRound(wifiPhyRateMbps(WifiPhyMode::Vht, 9, 20, 3, 400).value() * 100), 28889);

        // Combinations the standards do not have.
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Vht, 9, 20, 1, 400)); // 346.67 data bits per symbol
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Vht, 6, 80, 3, 800));
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Vht, 9, 80, 6, 800));
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Vht, 9, 160, 3, 800));
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Ht, 7, 80, 1, 800));   // HT stops at 40 MHz
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Ht, 7, 20, 5, 800));   // … and at 4 streams
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::He, 12, 80, 1, 800));  // MCS 12 is Wi-Fi 7's
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::He, 11, 320, 1, 800)); // 320 MHz too
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::He, 11, 80, 1, 400));  // no 0.4 µs guard in HE
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Vht, 9, 80, 1, 1600)); // no 1.6 µs guard before HE
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Legacy, 0, 20, 1, 800));
        QVERIFY(!wifiPhyRateMbps(WifiPhyMode::Unknown, 0, 20, 1, 800));
    }

    void linkLines()
    {
        WifiSample ax = reading(0);
        ax.tx.mcs = 11; // 980 × 10 × 5/6 × 2 / 13.6 µs = 1200.98 (MCS 9 would be 960.8)
        ax.tx.mbps = wifiPhyRateMbps(WifiPhyMode::He, 11, 80, 2, 800).value();
        QCOMPARE(wifiLinkLine(ax),
                 QString::fromUtf8("Wi-Fi 6, 5 GHz ch 36, 80 MHz, 2×2, MCS 11 — link rate 1201 Mbit/s"));

        WifiSample g = reading(0);
        g.band = WifiBand::Ghz2_4;
        g.freqMhz = 2437;
        g.channel = 6;
        g.channelWidthMhz = 20;
        g.tx = WifiRate{};
        g.tx.mode = WifiPhyMode::Legacy;
        g.tx.mbps = 54;
        QCOMPARE(wifiLinkLine(g), QString::fromUtf8("Wi-Fi (802.11g), 2.4 GHz ch 6, 20 MHz — link rate 54 Mbit/s"));
        g.tx.mbps = 5.5; // a DSSS/CCK rate: 802.11b
        QCOMPARE(wifiLinkLine(g), QString::fromUtf8("Wi-Fi (802.11b), 2.4 GHz ch 6, 20 MHz — link rate 5.5 Mbit/s"));

        WifiSample ac = reading(0); // the transmit rate unknown: the receive rate's settings
        ac.tx = WifiRate{};
        ac.rx.mode = WifiPhyMode::Vht;
        ac.rx.mcs = 7;
        ac.rx.nss = 1;
        ac.rx.mbps = 292.5;
        ac.channelWidthMhz.reset(); // the rate's width then
        ac.rx.widthMhz = 80;
        QCOMPARE(wifiLinkLine(ac),
                 QString::fromUtf8("Wi-Fi 5, 5 GHz ch 36, 80 MHz, 1×1, MCS 7 — link rate 293 Mbit/s"));

        QCOMPARE(wifiLinkLine(disconnected(0)), QStringLiteral("Not connected"));
    }

    void ceilingsNameWhatLimitsTheLink()
    {
        // 20 MHz, one stream, Wi-Fi 6: 143.38 Mbit/s at MCS 11; 65 % usable = 93.2.
        WifiSample narrow = reading(0);
        setWidth(narrow, 20);
        setStreams(narrow, 1);
        WifiCeiling c = wifiCeiling(narrow);
        QCOMPARE(qRound(c.phyMaxMbps.value() * 100), 14338);
        QCOMPARE(qRound(c.usableMbps.value() * 10), 932);
        QCOMPARE(c.reason, QStringLiteral("20 MHz and one stream cap this link near 93 Mbit/s"));

        // Nothing narrow: 80 MHz 2 streams Wi-Fi 6 → 1200.98 × 0.65 = 780.6.
        c = wifiCeiling(reading(0));
        QCOMPARE(qRound(c.phyMaxMbps.value() * 100), 120098);
        QCOMPARE(qRound(c.usableMbps.value() * 10), 7806);
        QCOMPARE(c.reason, QStringLiteral("80 MHz, 2 streams and Wi-Fi 6 allow this link near 780 Mbit/s"));

        // Wi-Fi 4, 20 MHz, one stream, long GI on 2.4 GHz: 65 Mbit/s, 42.25 usable.
        WifiSample n = reading(0);
        n.band = WifiBand::Ghz2_4;
        setWidth(n, 20);
        setStreams(n, 1);
        setMode(n, WifiPhyMode::Ht);
        n.tx.mcs = 7;
        QCOMPARE(wifiCeiling(n).phyMaxMbps.value(), 65.0);
        QCOMPARE(wifiCeiling(n).usableMbps.value(), 42.25);
        QCOMPARE(wifiCeiling(n).reason,
                 QStringLiteral("20 MHz, one stream and Wi-Fi 4 (802.11n) cap this link near 42 Mbit/s"));

        // VHT at 20 MHz with one stream has no MCS 9: the top is MCS 8, 52 × 8 × 3/4 / 3.6 = 86.67.
        WifiSample ac = reading(0);
        setWidth(ac, 20);
        setStreams(ac, 1);
        setMode(ac, WifiPhyMode::Vht);
        ac.tx.guardNs = 400;
        ac.tx.mcs = 8;
        QCOMPARE(qRound(wifiCeiling(ac).phyMaxMbps.value() * 100), 8667);

        // A guard interval the driver did not report: the shortest, so 866.7 Mbit/s is not above the ceiling.
        ac.tx.guardNs.reset();
        ac.tx.mcs = 9;
        setWidth(ac, 80);
        setStreams(ac, 2);
        QCOMPARE(qRound(wifiCeiling(ac).phyMaxMbps.value() * 100), 86667);
        ac.tx.guardNs = 800; // long GI reported: 234 × 8 × 5/6 × 2 / 4.0 = 780
        QCOMPARE(wifiCeiling(ac).phyMaxMbps.value(), 780.0);

        // A low MCS from a weak signal: MCS 3 (16-QAM 1/2) at −75 dBm is 980 × 4 × 1/2 × 2 / 13.6 = 288.2.
        WifiSample weak = reading(0);
        weak.rssiDbm = -75;
        weak.tx.mcs = 3;
        weak.tx.mbps = wifiPhyRateMbps(WifiPhyMode::He, 3, 80, 2, 800).value();
        c = wifiCeiling(weak);
        QCOMPARE(qRound(c.phyMaxMbps.value() * 100), 120098);
        QCOMPARE(c.reason, QString::fromUtf8("80 MHz, 2 streams and Wi-Fi 6 allow this link near 780 Mbit/s; MCS 3 "
                                             "from a weak signal (\u221275 dBm) holds it near 190 Mbit/s now"));
        weak.tx.mbps = 900; // a reported rate MCS 3 cannot carry: the MCS's rate counts
        QVERIFY(wifiCeiling(weak).reason.endsWith(QStringLiteral("holds it near 190 Mbit/s now")));
        weak.tx.mbps = 100; // a lower reported rate (a narrower frame): that one
        QVERIFY(wifiCeiling(weak).reason.endsWith(QStringLiteral("holds it near 65 Mbit/s now")));
        weak.tx.mbps = wifiPhyRateMbps(WifiPhyMode::He, 3, 80, 2, 800).value();
        weak.rssiDbm = -50; // the same MCS with a good signal: no signal to blame
        QVERIFY(wifiCeiling(weak).reason.endsWith(QStringLiteral("; MCS 3 holds it near 190 Mbit/s now")));
        weak.tx.mcs = 8; // 256-QAM 3/4 is 72 % of the top: not low
        weak.tx.mbps = wifiPhyRateMbps(WifiPhyMode::He, 8, 80, 2, 800).value();
        QVERIFY(!wifiCeiling(weak).reason.contains(QStringLiteral("MCS")));

        // Legacy 802.11g: 54 Mbit/s, 45 % without aggregation = 24.3.
        WifiSample g = reading(0);
        g.band = WifiBand::Ghz2_4;
        g.tx = WifiRate{};
        g.tx.mode = WifiPhyMode::Legacy;
        g.tx.mbps = 48;
        c = wifiCeiling(g);
        QCOMPARE(c.phyMaxMbps.value(), 54.0);
        QCOMPARE(qRound(c.usableMbps.value() * 10), 243);
        QCOMPARE(c.reason, QStringLiteral("Legacy 802.11g rates cap this link near 24 Mbit/s"));

        c = wifiCeiling(disconnected(0));
        QVERIFY(!c.phyMaxMbps);
        QVERIFY(!c.usableMbps);
        QCOMPARE(c.reason, QStringLiteral("Not connected"));
    }

    void aRoamIsABssidChange()
    {
        std::vector<WifiSample> s{reading(0), reading(10), reading(20), reading(30, kApB), reading(40, kApB)};
        const auto events = wifiEvents(s);
        QCOMPARE(events.size(), size_t(1));
        compareEvent(events[0], 30, WifiEventKind::Roam, kApA, kApB);
        QCOMPARE(wifiEventMessage(events[0]), QStringLiteral("wlan0 roamed from %1 to %2").arg(kApA, kApB));
        QCOMPARE(wifiEventKindId(events[0].kind), QStringLiteral("wifi_roam"));
    }

    void disconnectAndReconnect()
    {
        std::vector<WifiSample> s{reading(0),       reading(10),       disconnected(20),
                                  disconnected(30), reading(40, kApB), reading(50, kApB)};
        const auto events = wifiEvents(s);
        QCOMPARE(events.size(), size_t(2));
        compareEvent(events[0], 20, WifiEventKind::Disconnect, kApA, QString());
        compareEvent(events[1], 40, WifiEventKind::Reconnect, kApA, kApB);
        QCOMPARE(wifiEventMessage(events[0]), QStringLiteral("wlan0 disconnected from %1").arg(kApA));
        QCOMPARE(wifiEventMessage(events[1]), QStringLiteral("wlan0 reconnected to %1 (was %2)").arg(kApB, kApA));
        // A capture that starts disconnected has nothing to have lost; connecting is a reconnect.
        const auto late = wifiEvents({disconnected(0), reading(10)});
        QCOMPARE(late.size(), size_t(1));
        compareEvent(late[0], 10, WifiEventKind::Reconnect, QString(), kApA);
    }

    void aPhyModeDropAxToN()
    {
        const std::vector<WifiPhyMode> modes{WifiPhyMode::He, WifiPhyMode::He, WifiPhyMode::He, WifiPhyMode::Ht,
                                             WifiPhyMode::Ht};
        const auto events = wifiEvents(series(modes, [](WifiSample &s, WifiPhyMode m) {
            setMode(s, m);
            setWidth(s, 40); // only the mode changes
        }));
        QCOMPARE(events.size(), size_t(1));
        compareEvent(events[0], 30, WifiEventKind::PhyModeDrop, QStringLiteral("Wi-Fi 6"), QStringLiteral("Wi-Fi 4"));
        QCOMPARE(wifiEventMessage(events[0]), QStringLiteral("wlan0 fell from Wi-Fi 6 to Wi-Fi 4"));
    }

    void widthAndStreamDrops()
    {
        auto widths = wifiEvents(series(std::vector<int>{80, 80, 20, 20, 20}, setWidth));
        QCOMPARE(widths.size(), size_t(1));
        compareEvent(widths[0], 20, WifiEventKind::WidthDrop, QStringLiteral("80 MHz"), QStringLiteral("20 MHz"));
        QCOMPARE(wifiEventMessage(widths[0]), QStringLiteral("wlan0 channel narrowed from 80 MHz to 20 MHz"));

        auto streams = wifiEvents(series(std::vector<int>{2, 2, 2, 1, 1}, setStreams));
        QCOMPARE(streams.size(), size_t(1));
        compareEvent(streams[0], 30, WifiEventKind::StreamDrop, QStringLiteral("2 streams"),
                     QStringLiteral("1 stream"));

        // A rise settles silently; the drop after it is measured from the new value.
        auto rise = wifiEvents(series(std::vector<int>{20, 20, 80, 80, 40, 40}, setWidth));
        QCOMPARE(rise.size(), size_t(1));
        compareEvent(rise[0], 40, WifiEventKind::WidthDrop, QStringLiteral("80 MHz"), QStringLiteral("40 MHz"));
    }

    void oneReadingFlickerIsNoEvent()
    {
        QVERIFY(wifiEvents(series(std::vector<int>{80, 80, 20, 80, 80, 40, 80}, setWidth)).empty());
        QVERIFY(wifiEvents(series(std::vector<int>{2, 2, 1, 2, 2, 1, 2}, setStreams)).empty());
        QVERIFY(wifiEvents(series(std::vector<WifiPhyMode>{WifiPhyMode::He, WifiPhyMode::He, WifiPhyMode::Legacy,
                                                           WifiPhyMode::He, WifiPhyMode::He},
                                  setMode))
                    .empty());
        // The same drop held one reading longer is one.
        QCOMPARE(wifiEvents(series(std::vector<int>{2, 2, 1, 1, 2}, setStreams)).size(), size_t(1));
    }

    void eventsArePerInterfaceAndInTimeOrder()
    {
        std::vector<WifiSample> s;
        for (int i = 0; i < 4; ++i) {
            s.push_back(reading(10 * i));
            WifiSample other = reading(10 * i + 5, kApB); // a second adapter on another AP: no roam
            other.iface = QStringLiteral("wlan1");
            s.push_back(other);
        }
        s.push_back(reading(40, kApB)); // wlan0 roams
        std::mt19937 shuffle(7);
        std::shuffle(s.begin(), s.end(), shuffle);
        const auto events = wifiEvents(s);
        QCOMPARE(events.size(), size_t(1));
        compareEvent(events[0], 40, WifiEventKind::Roam, kApA, kApB);
    }

    void pictureMedianTierAndLatest()
    {
        std::vector<WifiSample> s;
        WifiSample old = reading(0); // 610 s before the end: outside the window
        old.rssiDbm = -40;
        s.push_back(old);
        int rssi = -60;
        for (int t = 10; t <= 610; t += 100, rssi -= 2) { // 7 readings from −60 to −72 dBm, the first at end − 600 s
            WifiSample r = reading(t);
            r.rssiDbm = rssi;
            s.push_back(r);
        }
        WifiSample silent = reading(300); // connected, no signal reported: not counted
        silent.rssiDbm.reset();
        s.push_back(silent);
        WifiSample down = disconnected(400);
        down.rssiDbm = -20; // left over in a disconnected reading: never counted
        s.push_back(down);
        std::reverse(s.begin(), s.end());

        const WifiPicture p = buildWifiPicture(s);
        QCOMPARE(p.samples.size(), size_t(10));
        QVERIFY(std::is_sorted(p.samples.begin(), p.samples.end(),
                               [](const WifiSample &a, const WifiSample &b) { return a.utcUs < b.utcUs; }));
        QCOMPARE(p.rssiP50Dbm.value(), -66.0); // median of −60 … −72; with the −40 outside it would be −65
        QCOMPARE(p.tier.value(), Tier::Good);  // ≥ −67
        QVERIFY(p.latest);
        QCOMPARE(p.latest->utcUs, kUtc0 + 610 * kSec);
        QCOMPARE(p.latest->rssiDbm.value(), -72);
        QCOMPARE(p.events.size(), size_t(2)); // the disconnect at 400 s and the reconnect at 410 s
        QCOMPARE(p.events[0].kind, WifiEventKind::Disconnect);
        QCOMPARE(p.events[1].kind, WifiEventKind::Reconnect);
        QCOMPARE(p.events[1].utcUs, kUtc0 + 410 * kSec);

        const WifiPicture none = buildWifiPicture({});
        QVERIFY(none.empty());
        QVERIFY(!none.latest);
        QVERIFY(!none.rssiP50Dbm);
        QVERIFY(!none.tier);
        const WifiPicture offline = buildWifiPicture({reading(0), disconnected(700)});
        QVERIFY(!offline.rssiP50Dbm); // only a disconnected reading in the last ten minutes
        QVERIFY(!offline.tier);
        QVERIFY(offline.latest);
        QVERIFY(!offline.latest->connected);
    }

    void thePictureFollowsTheConnectedInterface()
    {
        // wlan0 connected throughout at −60 dBm; wlan1 connected once at −80 dBm, then not, and polled
        // last each round (5 s after wlan0): its readings must not become the latest, the median or the strips.
        const QString wlan1 = QStringLiteral("wlan1");
        std::vector<WifiSample> s;
        for (int i = 0; i < 6; ++i) {
            WifiSample r = reading(10 * i);
            r.rssiDbm = -60 - i; // −60 … −65
            s.push_back(r);
            WifiSample other = i == 0 ? on(reading(5, kApB), wlan1) : disconnected(10 * i + 5, wlan1);
            other.rssiDbm = -80;
            s.push_back(other);
        }
        std::mt19937 shuffle(11);
        std::shuffle(s.begin(), s.end(), shuffle);

        const WifiPicture p = buildWifiPicture(s);
        QCOMPARE(p.samples.size(), size_t(6));
        for (size_t i = 0; i < p.samples.size(); ++i) {
            QCOMPARE(p.samples[i].iface, QStringLiteral("wlan0"));
            QCOMPARE(p.samples[i].utcUs, kUtc0 + qint64(10 * i) * kSec);
            QVERIFY(p.samples[i].connected);
        }
        QVERIFY(p.latest);
        QCOMPARE(p.latest->iface, QStringLiteral("wlan0"));
        QCOMPARE(p.latest->utcUs, kUtc0 + 50 * kSec);
        QCOMPARE(p.latest->rssiDbm.value(), -65);
        QCOMPARE(p.rssiP50Dbm.value(), -62.5); // −60 … −65 alone; with wlan1's −80 it would be −63
        QCOMPARE(p.tier.value(), Tier::Good);
        // Events from both: wlan1's disconnect stays in the list, with its interface.
        QCOMPARE(p.events.size(), size_t(1));
        QCOMPARE(p.events[0].iface, wlan1);
        QCOMPARE(p.events[0].kind, WifiEventKind::Disconnect);
        QCOMPARE(p.events[0].utcUs, kUtc0 + 15 * kSec);
        QCOMPARE(p.events[0].from, kApB);

        // wlan1 connects again after wlan0 last did: it is now the active one.
        std::vector<WifiSample> moved = s;
        WifiSample back = on(reading(65, kApB), wlan1);
        back.rssiDbm = -50;
        moved.push_back(back);
        const WifiPicture q = buildWifiPicture(moved);
        QCOMPARE(q.samples.size(), size_t(7));
        QVERIFY(std::all_of(q.samples.begin(), q.samples.end(), [&](const WifiSample &r) { return r.iface == wlan1; }));
        QCOMPARE(q.latest->utcUs, kUtc0 + 65 * kSec);
        QCOMPARE(q.latest->rssiDbm.value(), -50);
        QCOMPARE(q.rssiP50Dbm.value(), -65.0); // −80 at 5 s and −50 at 65 s: disconnected readings never count
        QCOMPARE(q.tier.value(), Tier::Good);
        QCOMPARE(q.events.size(), size_t(2)); // wlan1's disconnect and reconnect
        QCOMPARE(q.events[1].kind, WifiEventKind::Reconnect);
        QCOMPARE(q.events[1].iface, wlan1);

        // Neither ever connected: the one with more readings; equal: the first by name.
        const WifiPicture idle = buildWifiPicture({disconnected(0, wlan1), disconnected(10, wlan1), disconnected(20)});
        QCOMPARE(idle.samples.size(), size_t(2));
        QCOMPARE(idle.latest->iface, wlan1);
        QCOMPARE(idle.latest->utcUs, kUtc0 + 10 * kSec);
        QVERIFY(!idle.tier);
        const WifiPicture tie = buildWifiPicture({disconnected(0, wlan1), disconnected(10)});
        QCOMPARE(tie.latest->iface, QStringLiteral("wlan0"));
        // Connected at the same moment: the one with more readings.
        const WifiPicture same = buildWifiPicture({disconnected(0, wlan1), on(reading(10), wlan1), reading(10)});
        QCOMPARE(same.latest->iface, wlan1);
        QCOMPARE(same.samples.size(), size_t(2));
    }

    void aSilentAdapterLeavesNoTier()
    {
        // Readings from 0 to 50 s at −75 dBm, then the adapter unplugged: the capture goes on pinging.
        std::vector<WifiSample> s;
        for (int t = 0; t <= 50; t += 10) {
            WifiSample r = reading(t);
            r.rssiDbm = -75;
            s.push_back(r);
        }
        // The window ends at the capture's end, not at the last reading.
        const WifiPicture within = buildWifiPicture(s, kUtc0 + 600 * kSec); // the first reading is on its edge
        QCOMPARE(within.rssiP50Dbm.value(), -75.0);
        QCOMPARE(within.tier.value(), Tier::Impaired);
        QCOMPARE(within.signalHoldsThroughUs, kUtc0 + 600 * kSec);
        const WifiPicture part = buildWifiPicture(s, kUtc0 + 640 * kSec); // 40 and 50 s left
        QCOMPARE(part.rssiP50Dbm.value(), -75.0);
        QCOMPARE(part.signalHoldsThroughUs, kUtc0 + 640 * kSec);
        const WifiPicture stale = buildWifiPicture(s, kUtc0 + 3 * 3600 * kSec);
        QVERIFY(!stale.rssiP50Dbm);
        QVERIFY(!stale.tier);
        QCOMPARE(stale.samples.size(), size_t(6)); // the strips keep what was read
        QCOMPARE(stale.latest->utcUs, kUtc0 + 50 * kSec);
        QCOMPARE(stale.latest->rssiDbm.value(), -75);
        const WifiPicture noEnd = buildWifiPicture(s); // no capture end: the last reading's
        QCOMPARE(noEnd.rssiP50Dbm.value(), -75.0);

        // Through the analysis: the impaired signal rates the capture while fresh, then drops out of it.
        CaptureAnalysis analysis(QStringLiteral("u.plcap"));
        analysis.ingest(rows(s));
        qint64 seq = 0;
        for (int t = 0; t <= 600; t += 10)
            analysis.ingestProbeSample(ping(t, 15.0, seq++));
        SnapshotPtr fresh = analysis.snapshot(1, 1, true);
        QCOMPARE(fresh->wifi->tier.value(), Tier::Impaired);
        QCOMPARE(fresh->probes.overall.value(), Tier::Impaired);
        QVERIFY(analysis.snapshot(1, 2, true)->wifi == fresh->wifi); // the end has not moved: not rebuilt
        analysis.ingestProbeSample(ping(645, 15.0, seq++));          // 50 s still in the window
        SnapshotPtr later = analysis.snapshot(1, 3, true);
        QCOMPARE(later->wifi->tier.value(), Tier::Impaired);
        analysis.ingestProbeSample(ping(651, 15.0, seq++)); // every reading now older than 10 minutes
        SnapshotPtr gone = analysis.snapshot(1, 4, true);
        QVERIFY(!gone->wifi->tier);
        QVERIFY(!gone->wifi->rssiP50Dbm);
        QCOMPARE(gone->wifi->samples.size(), size_t(6));
        QCOMPARE(gone->probes.latency.value(), Tier::Superior);
        QCOMPARE(gone->probes.overall.value(), Tier::Superior); // the unplugged adapter no longer rates it
    }

    void rssiTierJoinsTheOverallRatingAndEventsTheList()
    {
        CaptureAnalysis analysis(QStringLiteral("w.plcap"));
        for (int i = 0; i < 20; ++i)
            analysis.ingestProbeSample(ping(i, 15.0, i)); // < 20 ms, no loss: superior
        std::vector<WifiSample> first{reading(0), reading(10), reading(20)};
        analysis.ingest(rows(first));
        SnapshotPtr s1 = analysis.snapshot(1, 1, true);
        QCOMPARE(s1->probes.latency.value(), Tier::Superior);
        QCOMPARE(s1->wifi->tier.value(), Tier::Good); // −55 dBm: ≥ −67
        QCOMPARE(s1->probes.overall.value(), Tier::Good);
        QCOMPARE(s1->wifi->samples.size(), size_t(3));
        QCOMPARE(s1->capture.counts.at(Table::WifiSamples), qint64(3));
        QVERIFY(s1->events.empty());
        QVERIFY(analysis.snapshot(1, 2, true)->wifi == s1->wifi); // unchanged: shared, not rebuilt

        // Roam to a weak AP: −78 dBm readings pull the median below −70, impaired.
        std::vector<Row> second;
        for (int t : {30, 40, 50, 60}) {
            WifiSample r = reading(t, kApB);
            r.rssiDbm = -78;
            second.push_back(wifiSampleToRow(r));
        }
        second.push_back(eventRow(kUtc0 + 30 * kSec, QStringLiteral("trace"), QStringLiteral("path_change"),
                                  QStringLiteral("hop 2 changed")));
        analysis.ingest(second);
        SnapshotPtr s2 = analysis.snapshot(1, 3, true);
        QCOMPARE(s2->wifi->rssiP50Dbm.value(), -78.0); // 4 of 7 readings at −78
        QCOMPARE(s2->wifi->tier.value(), Tier::Impaired);
        QCOMPARE(s2->probes.overall.value(), Tier::Impaired); // the worst single metric
        QCOMPARE(s2->probes.latency.value(), Tier::Superior);
        QCOMPARE(s2->events.size(), size_t(2));
        QCOMPARE(s2->events[0].kind, QStringLiteral("path_change")); // stored first at the same moment
        const EventEntry &roam = s2->events[1];
        QCOMPARE(roam.utcUs, kUtc0 + 30 * kSec);
        QCOMPARE(roam.kind, QStringLiteral("wifi_roam"));
        QCOMPARE(roam.source, QStringLiteral("wifi"));
        QCOMPARE(roam.message, QStringLiteral("wlan0 roamed from %1 to %2").arg(kApA, kApB));

        // A better Wi-Fi tier never lifts a worse one: 150 ms pings are fair, excellent signal or not.
        CaptureAnalysis slow(QStringLiteral("s.plcap"));
        for (int i = 0; i < 20; ++i)
            slow.ingestProbeSample(ping(i, 150.0, i));
        WifiSample strong = reading(0);
        strong.rssiDbm = -45;
        slow.ingest(rows({strong}));
        SnapshotPtr s3 = slow.snapshot(1, 1, false);
        QCOMPARE(s3->wifi->tier.value(), Tier::Excellent);
        QCOMPARE(s3->probes.overall.value(), Tier::Fair);
    }

    void theEventListKeepsTheMostRecent()
    {
        CaptureAnalysis analysis(QStringLiteral("m.plcap"));
        std::vector<WifiSample> flapping; // 40 roams between two APs, then 20 stored events after them
        for (int i = 0; i <= 40; ++i)
            flapping.push_back(reading(10 * i, i % 2 ? kApB : kApA));
        analysis.ingest(rows(flapping));
        std::vector<Row> stored;
        for (int i = 0; i < 20; ++i)
            stored.push_back(eventRow(kUtc0 + (1000 + i) * kSec, QStringLiteral("trace"), QStringLiteral("path_change"),
                                      QStringLiteral("change %1").arg(i)));
        analysis.ingest(stored);
        SnapshotPtr s = analysis.snapshot(1, 1, false);
        QCOMPARE(s->wifi->events.size(), size_t(40));
        QCOMPARE(int(s->events.size()), CaptureSnapshot::kMaxEvents);
        QCOMPARE(s->events.front().utcUs, kUtc0 + 110 * kSec); // roams 11 … 40 (30 of them), then the 20 stored
        QCOMPARE(s->events.front().kind, QStringLiteral("wifi_roam"));
        QCOMPARE(s->events.back().message, QStringLiteral("change 19"));
        QVERIFY(std::is_sorted(s->events.begin(), s->events.end(),
                               [](const EventEntry &a, const EventEntry &b) { return a.utcUs < b.utcUs; }));
    }

    void theFileReadsAsTheLiveBatchesDid()
    {
        // Two interfaces polled in turn, a roam, a disconnect, then pings on past the last reading until
        // the signal is stale: the live analysis sees one row at a time, with a snapshot after each.
        const QString wlan1 = QStringLiteral("wlan1");
        std::vector<WifiSample> samples{
            reading(0),        on(reading(5), wlan1),   reading(10),      disconnected(15, wlan1),
            reading(20, kApB), disconnected(25, wlan1), disconnected(30), reading(40, kApB)};
        samples[4].rssiDbm = -71;
        std::vector<Row> all = rows(samples);
        for (int t : {60, 400, 641, 900})
            all.push_back(probeSampleToRow(ping(t, 15.0, t)));

        CaptureAnalysis live(QStringLiteral("live.plcap"));
        for (size_t i = 0; i < all.size(); ++i) {
            live.ingest({all[i]});
            const QJsonObject stepped = wifiReportJson(*live.snapshot(1, i + 1, true)->wifi);
            CaptureAnalysis batch(QStringLiteral("batch.plcap")); // the same rows in one batch
            batch.ingest(std::vector<Row>(all.begin(), all.begin() + std::ptrdiff_t(i) + 1));
            QCOMPARE(stepped, wifiReportJson(*batch.snapshot(1, 1, true)->wifi));
        }
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("w.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        QVERIFY((*store)->insertBatch(all));
        auto offline = analyseCapture(**store, {});
        QVERIFY(offline);
        const QJsonObject a = wifiReportJson(*live.snapshot(1, all.size() + 1, true)->wifi);
        const QJsonObject b = wifiReportJson(*(*offline)->wifi);
        QCOMPARE(a, b);
        QCOMPARE(a.value("events").toArray().size(), 4); // wlan0: roam, disconnect, reconnect; wlan1: disconnect
        QCOMPARE(a.value("readings").toInt(), 5);        // wlan0's alone
        QCOMPARE(a.value("latest").toObject().value("iface").toString(), QStringLiteral("wlan0"));
        QVERIFY(a.value("tier").isNull()); // the last reading at 40 s, the capture's end at 900 s
        QVERIFY(a.value("rssi_p50_dbm").isNull());
    }

    void reportJson()
    {
        CaptureAnalysis analysis(QStringLiteral("r.plcap"));
        WifiSample weak = reading(20, kApB);
        weak.rssiDbm = -72;
        weak.tx.mcs = 3;
        weak.tx.mbps = 288.2;
        weak.rx.mbps = 400;
        weak.rx.guardNs = 1600;
        analysis.ingest(rows({reading(0), reading(10, kApB), weak}));
        const QJsonObject json = captureReportJson(*analysis.snapshot(1, 1, false));
        const QJsonObject wifi = json.value("wifi").toObject();
        QCOMPARE(wifi.value("rssi_p50_dbm").toDouble(), -55.0); // −55, −55, −72
        QCOMPARE(wifi.value("tier").toString(), QStringLiteral("good"));
        QCOMPARE(wifi.value("readings").toInt(), 3);
        QCOMPARE(json.value("tiers").toObject().value("overall").toString(), QStringLiteral("good"));

        const QJsonObject latest = wifi.value("latest").toObject();
        QCOMPARE(latest.value("utc").toString(), formatUtcMs(kUtc0 + 20 * kSec));
        QCOMPARE(latest.value("iface").toString(), QStringLiteral("wlan0"));
        QCOMPARE(latest.value("connected").toBool(), true);
        QCOMPARE(latest.value("ssid").toString(), QStringLiteral("home"));
        QCOMPARE(latest.value("bssid").toString(), kApB);
        QCOMPARE(latest.value("rssi_dbm").toInt(), -72);
        QCOMPARE(latest.value("noise_dbm").toInt(), -95);
        QCOMPARE(latest.value("snr_db").toInt(), 23);
        QCOMPARE(latest.value("freq_mhz").toInt(), 5180);
        QCOMPARE(latest.value("channel").toInt(), 36);
        QCOMPARE(latest.value("band").toString(), QStringLiteral("5"));
        QCOMPARE(latest.value("width_mhz").toInt(), 80);
        const QJsonObject tx = latest.value("tx").toObject();
        QCOMPARE(tx.value("mbps").toDouble(), 288.2);
        QCOMPARE(tx.value("mode").toString(), QStringLiteral("ax"));
        QCOMPARE(tx.value("mcs").toInt(), 3);
        QCOMPARE(tx.value("nss").toInt(), 2);
        QCOMPARE(tx.value("width_mhz").toInt(), 80);
        QCOMPARE(tx.value("guard_ns").toInt(), 800);
        const QJsonObject rx = latest.value("rx").toObject();
        QCOMPARE(rx.value("mbps").toDouble(), 400.0);
        QCOMPARE(rx.value("mcs").toInt(), 9);
        QCOMPARE(rx.value("guard_ns").toInt(), 1600);

        QCOMPARE(wifi.value("link").toString(), wifiLinkLine(weak));
        QCOMPARE(wifi.value("link").toString(),
                 QString::fromUtf8("Wi-Fi 6, 5 GHz ch 36, 80 MHz, 2×2, MCS 3 — link rate 288 Mbit/s"));
        const QJsonObject ceiling = wifi.value("ceiling").toObject();
        QCOMPARE(qRound(ceiling.value("phy_max_mbps").toDouble() * 100), 120098);
        QCOMPARE(qRound(ceiling.value("usable_mbps").toDouble() * 10), 7806);
        QCOMPARE(ceiling.value("reason").toString(), wifiCeiling(weak).reason);
        QVERIFY(ceiling.value("reason").toString().contains(QStringLiteral("weak signal")));

        const QJsonArray events = wifi.value("events").toArray();
        QCOMPARE(events.size(), 1);
        const QJsonObject roam = events.at(0).toObject();
        QCOMPARE(roam.value("utc").toString(), formatUtcMs(kUtc0 + 10 * kSec));
        QCOMPARE(roam.value("iface").toString(), QStringLiteral("wlan0"));
        QCOMPARE(roam.value("kind").toString(), QStringLiteral("wifi_roam"));
        QCOMPARE(roam.value("from").toString(), kApA);
        QCOMPARE(roam.value("to").toString(), kApB);
        QCOMPARE(roam.value("message").toString(), QStringLiteral("wlan0 roamed from %1 to %2").arg(kApA, kApB));
        const QJsonObject listed = json.value("events").toArray().at(0).toObject(); // the capture's list too
        QCOMPARE(listed.value("kind").toString(), QStringLiteral("wifi_roam"));
        QCOMPARE(listed.value("source").toString(), QStringLiteral("wifi"));

        // A disconnected latest reading: the link fields are null; a capture without Wi-Fi: all null.
        WifiSample gone = disconnected(30);
        gone.rssiDbm = -60;
        const QJsonObject off = wifiSampleJson(gone);
        QCOMPARE(off.value("connected").toBool(), false);
        for (const char *key :
             {"ssid", "bssid", "rssi_dbm", "noise_dbm", "snr_db", "freq_mhz", "channel", "band", "width_mhz"})
            QVERIFY2(off.value(key).isNull(), key);
        QVERIFY(off.value("tx").toObject().value("mode").isNull());
        QCOMPARE(wifiReportJson(buildWifiPicture({gone})).value("link").toString(), QStringLiteral("Not connected"));
        const QJsonObject empty = wifiReportJson(WifiPicture{});
        for (const char *key : {"latest", "link", "ceiling", "rssi_p50_dbm", "tier"})
            QVERIFY2(empty.value(key).isNull(), key);
        QCOMPARE(empty.value("readings").toInt(), 0);
        QVERIFY(empty.value("events").toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstWifi)
#include "tst_wifi.moc"
