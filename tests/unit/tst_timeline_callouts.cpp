// SPDX-License-Identifier: GPL-3.0-or-later
// Timeline callouts: synthetic captures for each cause (local radio, local network, route change,
// upstream), none for a flat capture or a one-minute spike, a rise without gateway readings, the
// merging of close rises, a stray 1970 stamp, the snapshot's callouts rebuilt when latency, Wi-Fi
// or routes change, and the replayed tests/data/timeline_roam.csv with its two callouts.
#include "core/active/probe_sample.h"
#include "core/base/units_format.h"
#include "core/interchange/csv_interchange.h"
#include "core/pipeline/capture_analysis.h"
#include "core/report/capture_summary.h"
#include "core/store/capture_store.h"
#include "core/timeline/timeline_callouts.h"
#include "core/wifi/wifi_picture.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>
#include <functional>

using namespace pathlens::core;

namespace {
constexpr qint64 kSec = 1'000'000;
constexpr qint64 kMin = 60 * kSec;
constexpr TimestampUs kUtc0 = 1'795'341'600'000'000; // 2026-11-22T10:00:00Z = 11:00 in the test's zone (UTC+1)
const QString kGateway = QStringLiteral("192.0.2.1");
const QString kInternet = QStringLiteral("198.51.100.1");
const QString kApA = QStringLiteral("aa:bb:cc:00:00:01");
const QString kApB = QStringLiteral("aa:bb:cc:00:00:02");

// What a synthetic capture looks like at second t: RTTs (nullopt: no series), RSSI and access point.
struct Shape {
    std::function<std::optional<double>(double tS)> gatewayMs = [](double) { return 2.0; };
    std::function<std::optional<double>(double tS)> internetMs = [](double) { return 20.0; };
    std::function<std::optional<int>(double tS)> rssiDbm = [](double) { return -55; }; // nullopt: no Wi-Fi
    std::function<QString(double tS)> bssid = [](double) { return kApA; };
};

ProbeSample ping(double tS, const QString &target, double rttMs, bool gateway, qint64 seq)
{
    ProbeSample p;
    p.utcUs = kUtc0 + qint64(tS * kSec);
    p.probe = QStringLiteral("icmp");
    p.target = target;
    p.seq = seq;
    p.rttMs = rttMs;
    p.notes = gateway ? QStringLiteral("mode=dgram;gateway=1") : QStringLiteral("mode=dgram");
    return p;
}

// ±1 ms (±0.1 ms at the gateway) alternating, so minute medians are exact but samples are not flat.
double wobble(qint64 i, double scale) { return i % 2 ? scale : -scale; }

// `minutes` of pings every 10 s to the gateway and an internet target, Wi-Fi readings every 10 s.
CaptureSnapshot capture(const Shape &shape, int minutes = 90)
{
    auto latency = std::make_shared<LatencyData>();
    std::vector<WifiSample> wifi;
    for (qint64 i = 0; i < qint64(minutes) * 6; ++i) {
        const double t = 10.0 * double(i);
        if (auto g = shape.gatewayMs(t))
            latency->add(ping(t, kGateway, *g + wobble(i, 0.1), true, i));
        if (auto n = shape.internetMs(t))
            latency->add(ping(t + 0.05, kInternet, *n + wobble(i, 1), false, i));
        if (auto r = shape.rssiDbm(t)) {
            WifiSample s;
            s.utcUs = kUtc0 + qint64(t * kSec) + 20'000;
            s.iface = QStringLiteral("wlan0");
            s.connected = true;
            s.ssid = QStringLiteral("home");
            s.bssid = shape.bssid(t);
            s.rssiDbm = *r;
            s.noiseDbm = -95;
            wifi.push_back(s);
        }
    }
    CaptureSnapshot snap;
    snap.latency = latency;
    snap.wifi = std::make_shared<const WifiPicture>(buildWifiPicture(std::move(wifi)));
    return snap;
}

// A value `during` [fromMin, toMin) minutes, `otherwise` elsewhere.
std::function<std::optional<double>(double)> step(double otherwise, double during, double fromMin, double toMin)
{
    return [=](double t) -> std::optional<double> { return t >= fromMin * 60 && t < toMin * 60 ? during : otherwise; };
}

QString hm(TimestampUs t) // local time (the test's zone is UTC+1); the callouts must not use it
{
    return QDateTime::fromMSecsSinceEpoch(t / 1000).toLocalTime().toString(QStringLiteral("HH:mm"));
}
} // namespace

class TstTimelineCallouts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        // A fixed zone an hour east of UTC (POSIX form, no tz database needed): the sentences must still say UTC.
        qputenv("TZ", "CET-1");
        tzset();
        QCOMPARE(hm(kUtc0 + 40 * kMin), QStringLiteral("11:40"));
    }

    void causeNames()
    {
        QCOMPARE(calloutCauseName(CalloutCause::LocalRadio), QStringLiteral("Local radio"));
        QCOMPARE(calloutCauseName(CalloutCause::LocalNetwork), QStringLiteral("Local network"));
        QCOMPARE(calloutCauseName(CalloutCause::Upstream), QStringLiteral("Upstream"));
        QCOMPARE(calloutCauseName(CalloutCause::RouteChange), QStringLiteral("Route change"));
        QCOMPARE(calloutCauseName(CalloutCause::Undetermined), QStringLiteral("Cause unknown"));
    }

    void flatCaptureHasNoCallout()
    {
        QVERIFY(timelineCallouts(capture(Shape{})).empty());
        // Nor does a capture without probes, nor one slow minute.
        QVERIFY(timelineCallouts(CaptureSnapshot{}).empty());
        Shape spike;
        spike.internetMs = step(20, 90, 40, 41);
        QVERIFY(timelineCallouts(capture(spike)).empty());
        // Nor a rise under the 20 ms floor (20 → 35 ms is 1.75× but only +15 ms).
        Shape small;
        small.internetMs = step(20, 35, 40, 45);
        QVERIFY(timelineCallouts(capture(small)).empty());
    }

    // Minutes 40–44: RSSI −78 dBm, a roam at 40:00, gateway 2 → 30 ms, internet 20 → 80 ms.
    void localRadio()
    {
        Shape s;
        s.gatewayMs = step(2, 30, 40, 45);
        s.internetMs = step(20, 80, 40, 45);
        s.rssiDbm = [](double t) -> std::optional<int> { return t >= 40 * 60 && t < 45 * 60 ? -78 : -55; };
        s.bssid = [](double t) { return t >= 40 * 60 ? kApB : kApA; };
        const auto callouts = timelineCallouts(capture(s));
        QCOMPARE(callouts.size(), size_t(1));
        const TimelineCallout &c = callouts.front();
        QCOMPARE(c.cause, CalloutCause::LocalRadio);
        QCOMPARE(c.startUtcUs, kUtc0 + 40 * kMin);
        QCOMPARE(c.endUtcUs, kUtc0 + 45 * kMin);
        QCOMPARE(c.text, QStringLiteral("Latency rose at 10:40 UTC for 5 min with RSSI −78 dBm and a roam: local radio"));
        QVERIFY2(c.evidence.contains(QStringLiteral("Internet RTT 20 ms before, 80 ms during (minute medians; worst minute 80 ms)")), qPrintable(c.evidence));
        QVERIFY2(c.evidence.contains(QStringLiteral("Gateway RTT 2.0 ms before, 30 ms during (up)")), qPrintable(c.evidence));
        QVERIFY2(c.evidence.contains(QStringLiteral("Wi-Fi RSSI median −78 dBm")), qPrintable(c.evidence));
        QVERIFY2(c.evidence.contains(QStringLiteral("10:40 wlan0 roamed from ") + kApA + QStringLiteral(" to ") + kApB), qPrintable(c.evidence));
        QVERIFY2(c.evidence.startsWith(QStringLiteral("2026-11-22 10:40 – 10:45 UTC")), qPrintable(c.evidence));
    }

    // A roam alone (signal fine) with the gateway slower is still the radio.
    void roamWithGatewayUpIsLocalRadio()
    {
        Shape s;
        s.gatewayMs = step(2, 30, 40, 45);
        s.internetMs = step(20, 80, 40, 45);
        s.bssid = [](double t) { return t >= 40 * 60 + 30 ? kApB : kApA; };
        const auto callouts = timelineCallouts(capture(s));
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::LocalRadio);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min with a roam: local radio"));
    }

    // The gateway slows with a good radio: the LAN (or the router itself).
    void localNetwork()
    {
        Shape s;
        s.gatewayMs = step(2, 30, 40, 45);
        s.internetMs = step(20, 80, 40, 45);
        const auto callouts = timelineCallouts(capture(s));
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::LocalNetwork);
        QCOMPARE(callouts[0].startUtcUs, kUtc0 + 40 * kMin);
        QCOMPARE(callouts[0].endUtcUs, kUtc0 + 45 * kMin);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min with the gateway slower (2.0 ms → 30 ms): local network"));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("Wi-Fi RSSI median −55 dBm")), qPrintable(callouts[0].evidence));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("Gateway loss bursts: 0")), qPrintable(callouts[0].evidence));
    }

    // No Wi-Fi at all, gateway RTT flat but a loss burst there.
    void gatewayLossIsLocalNetwork()
    {
        Shape s;
        s.internetMs = step(20, 80, 40, 45);
        s.rssiDbm = [](double) { return std::optional<int>(); };
        CaptureSnapshot snap = capture(s);
        auto latency = std::make_shared<LatencyData>(*snap.latency);
        BurstRecord b;
        b.probe = QStringLiteral("icmp");
        b.target = kGateway;
        b.burst.startUtcUs = kUtc0 + 42 * kMin;
        b.burst.length = 4;
        b.burst.durationMs = 800;
        latency->addBurst(b);
        BurstRecord elsewhere = b; // a burst to the internet target says nothing about the gateway
        elsewhere.target = kInternet;
        latency->addBurst(elsewhere);
        snap.latency = latency;
        const auto callouts = timelineCallouts(snap);
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::LocalNetwork);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min with loss at the gateway: local network"));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("Gateway RTT 2.0 ms before, 2.0 ms during (clean)")), qPrintable(callouts[0].evidence));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("Gateway loss bursts: 1")), qPrintable(callouts[0].evidence));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("Wi-Fi: no readings")), qPrintable(callouts[0].evidence));
    }

    void routeChange()
    {
        Shape s;
        s.internetMs = step(20, 80, 40, 45);
        CaptureSnapshot snap = capture(s);
        snap.routeChanges = {{kUtc0 + 10 * kMin, QStringLiteral("long before")},
                             {kUtc0 + 39 * kMin + 30 * kSec, QStringLiteral("hop 4: 10.0.0.4 → 10.0.9.4")}};
        const auto callouts = timelineCallouts(snap);
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::RouteChange);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min as the route changed, gateway clean: route change"));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("10:39 route change: hop 4: 10.0.0.4 → 10.0.9.4")), qPrintable(callouts[0].evidence));
        QVERIFY(!callouts[0].evidence.contains(QStringLiteral("long before")));
    }

    // Gateway clean, internet slow — even with a weak signal, the radio is not what slowed it.
    void upstream()
    {
        Shape s;
        s.internetMs = step(20, 80, 40, 45);
        s.rssiDbm = [](double) { return -75; };
        const auto callouts = timelineCallouts(capture(s));
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::Upstream);
        QCOMPARE(callouts[0].startUtcUs, kUtc0 + 40 * kMin);
        QCOMPARE(callouts[0].endUtcUs, kUtc0 + 45 * kMin);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min, gateway clean, internet slow: upstream"));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("Gateway RTT 2.0 ms before, 2.0 ms during (clean)")), qPrintable(callouts[0].evidence));
    }

    void riseWithoutGatewaySeries()
    {
        Shape s;
        s.gatewayMs = [](double) { return std::optional<double>(); };
        s.internetMs = step(20, 80, 40, 45);
        const auto callouts = timelineCallouts(capture(s));
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::Undetermined);
        QCOMPARE(callouts[0].startUtcUs, kUtc0 + 40 * kMin);
        QCOMPARE(callouts[0].endUtcUs, kUtc0 + 45 * kMin);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min: no gateway readings to tell where"));
        QVERIFY2(callouts[0].evidence.contains(QStringLiteral("Gateway: no readings")), qPrintable(callouts[0].evidence));
        // With a weak radio it names the radio, and still says what is missing.
        s.rssiDbm = [](double) { return -80; };
        const auto weak = timelineCallouts(capture(s));
        QCOMPARE(weak.size(), size_t(1));
        QCOMPARE(weak[0].cause, CalloutCause::LocalRadio);
        QCOMPARE(weak[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min with RSSI −80 dBm: local radio, likely (no gateway readings to tell where)"));
    }

    // Only the gateway is probed: its own rise is watched, and it is the local network.
    void onlyGatewaySeries()
    {
        Shape s;
        s.internetMs = [](double) { return std::optional<double>(); };
        s.gatewayMs = step(2, 40, 50, 53);
        const auto callouts = timelineCallouts(capture(s));
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::LocalNetwork);
        QCOMPARE(callouts[0].startUtcUs, kUtc0 + 50 * kMin);
        QCOMPARE(callouts[0].endUtcUs, kUtc0 + 53 * kMin);
    }

    // Rises 1 minute apart merge; 3 minutes apart stay two.
    void closeRisesMerge()
    {
        Shape s;
        s.internetMs = [](double t) -> std::optional<double> {
            const double m = t / 60;
            return (m >= 40 && m < 43) || (m >= 44 && m < 47) || (m >= 60 && m < 62) || (m >= 65 && m < 67) ? 80 : 20;
        };
        const auto callouts = timelineCallouts(capture(s));
        QCOMPARE(callouts.size(), size_t(3));
        QCOMPARE(callouts[0].startUtcUs, kUtc0 + 40 * kMin);
        QCOMPARE(callouts[0].endUtcUs, kUtc0 + 47 * kMin);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 7 min, gateway clean, internet slow: upstream"));
        QCOMPARE(callouts[1].startUtcUs, kUtc0 + 60 * kMin);
        QCOMPARE(callouts[1].endUtcUs, kUtc0 + 62 * kMin);
        QCOMPARE(callouts[2].startUtcUs, kUtc0 + 65 * kMin);
        QCOMPARE(callouts[2].endUtcUs, kUtc0 + 67 * kMin);
        QCOMPARE(callouts[2].text, QStringLiteral("Latency rose at 11:05 UTC for 2 min, gateway clean, internet slow: upstream"));
    }

    // A lasting step up is a rise for a while, then the new baseline; it does not last to the end.
    void levelShiftBecomesBaseline()
    {
        Shape s;
        s.internetMs = [](double t) -> std::optional<double> { return t >= 40 * 60 ? 80 : 20; };
        const auto callouts = timelineCallouts(capture(s, 120));
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].startUtcUs, kUtc0 + 40 * kMin);
        // Raised while the 30-minute window keeps ≥ 10 unraised minutes: minutes 40–60.
        QCOMPARE(callouts[0].endUtcUs, kUtc0 + 61 * kMin);
    }

    // One stamp from 1970 (a clock before NTP sync) ahead of today's samples: minutes are grouped
    // sparsely, so this neither walks ~29 M empty minutes nor disturbs today's rise.
    void strayEpochStampStillFindsTheRise()
    {
        Shape s;
        s.internetMs = step(20, 80, 40, 45);
        const CaptureSnapshot today = capture(s);
        auto latency = std::make_shared<LatencyData>();
        for (const LatencySeries &series : today.latency->series) {
            ProbeSample stray = ping(0, series.target, 500, series.gateway, -1);
            stray.utcUs = 5 * kSec; // 1970-01-01 00:00:05 UTC
            latency->add(stray);
            const auto &t = series.pyramid.times();
            const auto &v = series.pyramid.values();
            for (size_t i = 0; i < t.size(); ++i)
                latency->add(ping(double(t[i] - kUtc0) / kSec, series.target, v[i], series.gateway, qint64(i)));
        }
        QCOMPARE(latency->series.size(), size_t(2));
        QCOMPARE(latency->firstTime(), 5 * kSec);
        QCOMPARE(latency->lastTime(), today.latency->lastTime());
        CaptureSnapshot snap = today;
        snap.latency = latency;
        // A bucket per minute since 1970 was ~29 M vectors (~0.7 GB); the sparse minutes are ~90.
        // (No timing assertion: speed lives in benchmarks; here the result must still be right.)
        const auto callouts = timelineCallouts(snap);
        QCOMPARE(callouts.size(), size_t(1));
        QCOMPARE(callouts[0].cause, CalloutCause::Upstream);
        QCOMPARE(callouts[0].startUtcUs, kUtc0 + 40 * kMin);
        QCOMPARE(callouts[0].endUtcUs, kUtc0 + 45 * kMin);
        QCOMPARE(callouts[0].text, QStringLiteral("Latency rose at 10:40 UTC for 5 min, gateway clean, internet slow: upstream"));
    }

    // The analysis fills snapshot.callouts and rebuilds them when pings, Wi-Fi or routes arrive.
    void analysisRebuildsWhenInputsChange()
    {
        CaptureAnalysis analysis(QStringLiteral("mem"));
        auto feed = [&](int fromMin, int toMin, double internetMs) {
            for (qint64 i = fromMin * 6; i < toMin * 6; ++i) {
                analysis.ingestProbeSample(ping(10.0 * double(i), kGateway, 2, true, i));
                analysis.ingestProbeSample(ping(10.0 * double(i) + 0.05, kInternet, internetMs, false, i));
            }
        };
        feed(0, 40, 20);
        QVERIFY(analysis.snapshot(1, 1, true)->callouts.empty());
        feed(40, 45, 80);
        feed(45, 50, 20);
        SnapshotPtr up = analysis.snapshot(1, 2, true);
        QCOMPARE(up->callouts.size(), size_t(1));
        QCOMPARE(up->callouts[0].cause, CalloutCause::Upstream);
        QCOMPARE(up->callouts[0].startUtcUs, kUtc0 + 40 * kMin);
        QCOMPARE(up->callouts[0].endUtcUs, kUtc0 + 45 * kMin);
        // Only a route change arrives: the same rise now reads as a route change.
        analysis.ingest({eventRow(kUtc0 + 40 * kMin + 5 * kSec, QStringLiteral("trace"), QStringLiteral("path_change"),
                                  QStringLiteral("hop 3 changed"))});
        SnapshotPtr routed = analysis.snapshot(1, 3, true);
        QCOMPARE(routed->callouts.size(), size_t(1));
        QCOMPARE(routed->callouts[0].cause, CalloutCause::RouteChange);
        // And report --json carries them.
        const QJsonArray json = captureReportJson(*routed).value(QStringLiteral("callouts")).toArray();
        QCOMPARE(json.size(), 1);
        const QJsonObject o = json.at(0).toObject();
        QCOMPARE(o.value(QStringLiteral("start_utc")).toString(), QStringLiteral("2026-11-22T10:40:00.000Z"));
        QCOMPARE(o.value(QStringLiteral("end_utc")).toString(), QStringLiteral("2026-11-22T10:45:00.000Z"));
        QCOMPARE(o.value(QStringLiteral("cause")).toString(), QStringLiteral("route_change"));
        QCOMPARE(o.value(QStringLiteral("text")).toString(), routed->callouts[0].text);
        QCOMPARE(o.value(QStringLiteral("evidence")).toString(), routed->callouts[0].evidence);
    }

    // tests/data/timeline_roam.csv (make_timeline_roam.py) through import and the same analysis as
    // report --json: a roam with RSSI −78 dBm and the gateway slower at 08:40Z for 5 min, the
    // internet alone slower at 09:30Z for 6 min.
    void replayedTimelineRoamCsv()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("roam.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        auto imported = importCsvFile(QStringLiteral(PATHLENS_TEST_DATA_DIR "/timeline_roam.csv"), **store);
        QVERIFY(imported);
        QCOMPARE(imported->rowsSkipped, qint64(0));
        QCOMPARE(imported->rowsImported, qint64(3 * 720 + 1)); // two pings and a reading every 10 s, one loss burst
        auto snap = analyseCapture(**store, GradingPolicy{});
        QVERIFY(snap);
        const CaptureSnapshot &s = **snap;
        QCOMPARE(s.wifi->events.size(), size_t(1));
        QCOMPARE(s.wifi->events[0].kind, WifiEventKind::Roam);
        QCOMPARE(s.wifi->events[0].utcUs, *parseUtc(u"2026-11-22T08:40:00.200Z"));

        QCOMPARE(s.callouts.size(), size_t(2));
        const TimelineCallout &radio = s.callouts[0];
        QCOMPARE(radio.cause, CalloutCause::LocalRadio);
        QCOMPARE(radio.startUtcUs, *parseUtc(u"2026-11-22T08:40:00Z"));
        QCOMPARE(radio.endUtcUs, *parseUtc(u"2026-11-22T08:45:00Z"));
        // The readings' RSSI is −78 ± 2 dBm; its median over the window lands inside that.
        const QRegularExpression radioText(QStringLiteral("^Latency rose at 08:40 UTC for 5 min with RSSI −(7[6-9]|80) dBm and a roam: local radio$"));
        QVERIFY2(radioText.match(radio.text).hasMatch(), qPrintable(radio.text));
        QVERIFY2(radio.evidence.contains(QStringLiteral("Gateway loss bursts: 1")), qPrintable(radio.evidence));
        QVERIFY2(radio.evidence.contains(QStringLiteral("(up)")), qPrintable(radio.evidence));
        QVERIFY2(radio.evidence.contains(QStringLiteral("08:40 wlan0 roamed from aa:bb:cc:00:00:01 to aa:bb:cc:00:00:02")), qPrintable(radio.evidence));

        const TimelineCallout &up = s.callouts[1];
        QCOMPARE(up.cause, CalloutCause::Upstream);
        QCOMPARE(up.startUtcUs, *parseUtc(u"2026-11-22T09:30:00Z"));
        QCOMPARE(up.endUtcUs, *parseUtc(u"2026-11-22T09:36:00Z"));
        QCOMPARE(up.text, QStringLiteral("Latency rose at 09:30 UTC for 6 min, gateway clean, internet slow: upstream"));
        QVERIFY2(up.evidence.contains(QStringLiteral("(clean)")), qPrintable(up.evidence));

        const QJsonArray json = captureReportJson(s).value(QStringLiteral("callouts")).toArray();
        QCOMPARE(json.size(), 2);
        QCOMPARE(json.at(0).toObject().value(QStringLiteral("cause")).toString(), QStringLiteral("local_radio"));
        QCOMPARE(json.at(0).toObject().value(QStringLiteral("start_utc")).toString(), QStringLiteral("2026-11-22T08:40:00.000Z"));
        QCOMPARE(json.at(1).toObject().value(QStringLiteral("cause")).toString(), QStringLiteral("upstream"));
        QCOMPARE(json.at(1).toObject().value(QStringLiteral("end_utc")).toString(), QStringLiteral("2026-11-22T09:36:00.000Z"));
    }
};

QTEST_GUILESS_MAIN(TstTimelineCallouts)
#include "tst_timeline_callouts.moc"
