// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput-test policy with known answers: size calibration, transfer sizing, 429 backoff, the
// 30-minute data budget, out-of-family results, the round schedule and the bufferbloat split.
#include "core/load/bufferbloat_split.h"
#include "core/load/data_budget.h"
#include "core/load/load_picture.h"
#include "core/load/out_of_family.h"
#include "core/load/rate_limit_backoff.h"
#include "core/load/round_schedule.h"
#include "core/load/speed_config.h"
#include "core/load/throughput_calibration.h"
#include "core/store/load_rows.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;

namespace {
constexpr qint64 kS = 1'000'000; // µs per second
}

class TestLoad : public QObject {
    Q_OBJECT
private slots:
    void calibrationConvergesUnderTwentyPercent()
    {
        ThroughputCalibration c;
        QCOMPARE(*c.nextStepBytes(), qint64(5'000'000));
        c.addEstimate(40); // slow start dominates a small transfer
        QVERIFY(!c.done());
        QCOMPARE(*c.nextStepBytes(), qint64(10'000'000));
        c.addEstimate(70);  // +75 %
        QCOMPARE(*c.nextStepBytes(), qint64(20'000'000));
        c.addEstimate(83);  // +18.6 % < 20 %: converged
        QVERIFY(c.done());
        QVERIFY(c.converged());
        QVERIFY(!c.earlyExit());
        QCOMPARE(c.steps(), 3);
        QCOMPARE(*c.speedMbps(), 83.0);
        QVERIFY(!c.nextStepBytes());
    }
    void calibrationTwentyPercentIsNotConverged()
    {
        ThroughputCalibration c;
        c.addEstimate(100);
        c.addEstimate(120); // exactly +20 %: not "< 20 %"
        QVERIFY(!c.done());
    }
    void calibrationRunsOutOfSteps()
    {
        ThroughputCalibration c;
        for (double mbps : {10.0, 15.0, 20.0, 26.0, 40.0})
            c.addEstimate(mbps); // +50, +33, +30, +54 %: never under 20 %
        QVERIFY(c.done());
        QVERIFY(!c.converged());
    }
    void calibrationEarlyExitOnLossOrNoise()
    {
        ThroughputCalibration lossy;
        lossy.addEstimate(10, 9.0);
        lossy.addEstimate(13, 9.0); // +30 %, ping loss 9 % > 8 %: stop after step 2
        QVERIFY(lossy.done());
        QVERIFY(lossy.earlyExit());
        QVERIFY(!lossy.converged());

        ThroughputCalibration noisy;
        noisy.addEstimate(10, 0, 0.5);
        noisy.addEstimate(15, 0, 0.41); // its streams disagree by 41 % > 40 %
        QVERIFY(noisy.earlyExit());

        ThroughputCalibration rising; // slow start: a big rise between steps is no noise
        rising.addEstimate(10, 0, 0.1);
        rising.addEstimate(25, 0, 0.1);
        QVERIFY(!rising.done());

        ThroughputCalibration clean;
        clean.addEstimate(10, 7.9);
        clean.addEstimate(13, 7.9); // +30 %, loss under 8 %: keep going
        QVERIFY(!clean.done());
    }
    void streamSizeClamped()
    {
        // 100 Mbit/s × 4 s / 4 streams = 12.5 MB per stream.
        QCOMPARE(streamBytesFor(100, 4, 4), qint64(12'500'000));
        QCOMPARE(streamBytesFor(0.5, 4, 4), kMinStreamBytes);      // 62.5 kB → 500 kB
        QCOMPARE(streamBytesFor(1000, 15, 4), kMaxStreamBytes);    // 469 MB → 50 MB
        QCOMPARE(streamBytesFor(-1, 4, 4), kMinStreamBytes);
        QCOMPARE(testDurationS(false), 4.0);
        QCOMPARE(testDurationS(true), 15.0);
    }
    void backoffDoublesToTwoMinutesAndHalvesSize()
    {
        RateLimitBackoff b;
        QVERIFY(!b.waiting(0));
        b.onRejected(0);
        QCOMPARE(b.backoffUs(), 30 * kS);
        QVERIFY(b.waiting(29 * kS));
        QVERIFY(!b.waiting(30 * kS));
        QCOMPARE(b.sizeFactor(), 0.5);
        b.onRejected(30 * kS);
        QCOMPARE(b.backoffUs(), 60 * kS);
        b.onRejected(90 * kS);
        QCOMPARE(b.backoffUs(), 120 * kS);
        b.onRejected(210 * kS);
        QCOMPARE(b.backoffUs(), 120 * kS); // capped
        QCOMPARE(b.sizeFactor(), 1.0 / 8); // floored: a sixteenth would measure slow start only
        // Recovery is gradual: halves per success.
        b.onSuccess();
        QCOMPARE(b.backoffUs(), 60 * kS);
        QCOMPARE(b.sizeFactor(), 1.0 / 4);
        b.onRejected(400 * kS); // trips again: doubles from where it had decayed to
        QCOMPARE(b.backoffUs(), 120 * kS);
        for (int i = 0; i < 10; ++i)
            b.onSuccess();
        QCOMPARE(b.backoffUs(), qint64(0));
        QCOMPARE(b.sizeFactor(), 1.0);
        // The server's Retry-After wins when it asks for longer.
        RateLimitBackoff r;
        r.onRejected(0, 300 * kS);
        QCOMPARE(r.backoffUs(), 30 * kS);
        QVERIFY(r.waiting(299 * kS));
        QVERIFY(!r.waiting(300 * kS));
        r.onRejected(300 * kS, 10 * kS); // shorter than the backoff: the backoff
        QCOMPARE(r.readyAtUs(), 360 * kS);
    }
    void calibrationCutShortOnASlowLink()
    {
        ThroughputCalibration c;
        c.cutShort(0.9); // the 5 MB step timed out having moved 0.9 Mbit/s worth
        QVERIFY(c.done());
        QVERIFY(c.earlyExit());
        QVERIFY(!c.converged());
        QCOMPARE(*c.speedMbps(), 0.9);
        QVERIFY(!c.nextStepBytes());
        OutOfFamilyGuard g;
        g.judge(10);
        g.judge(12);
        QVERIFY(!g.median()); // two results are no family yet
        g.judge(11);
        QCOMPARE(*g.median(), 11.0);
    }
    void budgetIsARollingThirtyMinutes()
    {
        DataBudget b(900'000'000);
        QVERIFY(b.allows(900'000'000, 0));
        b.record(600'000'000, 0);
        QVERIFY(b.allows(300'000'000, 1));
        QVERIFY(!b.allows(300'000'001, 1));
        b.record(300'000'000, 10 * 60 * kS);
        QCOMPARE(b.remainingBytes(20 * 60 * kS), qint64(0));
        QCOMPARE(b.nextReleaseUs(20 * 60 * kS), 30 * 60 * kS);
        // At 30:00 the first 600 MB leave the window; the 300 MB of 10:00 stay until 40:00.
        QCOMPARE(b.remainingBytes(30 * 60 * kS), qint64(600'000'000));
        QCOMPARE(b.remainingBytes(40 * 60 * kS), qint64(900'000'000));
    }
    void outOfFamilyAgainstMedianOfFive()
    {
        OutOfFamilyGuard g;
        QVERIFY(!g.judge(100));
        QVERIFY(!g.judge(10)); // fewer than 3 results: no family yet
        QVERIFY(!g.judge(100));
        QVERIFY(!g.judge(149)); // median 100: +49 %
        QVERIFY(g.judge(151));  // median of {100,10,100,149} = 100: +51 %
        QVERIFY(g.judge(30));   // median of the last five {10,100,149,151,100→} = 100: −70 %
        QCOMPARE(g.size(), 5);
        // A lasting change becomes the family.
        OutOfFamilyGuard h;
        for (double v : {100.0, 100.0, 100.0})
            h.judge(v);
        QVERIFY(h.judge(40));
        QVERIFY(h.judge(40));
        QVERIFY(h.judge(40));  // median of {100,100,100,40,40} = 100
        QVERIFY(!h.judge(40)); // median of {100,100,40,40,40} = 40
    }
    void roundSchedules()
    {
        RoundSchedule quick(RoundScheduleMode::Quick, 1000);
        QCOMPARE(quick.totalRounds(), 3);
        QCOMPARE(*quick.roundStartUs(1), qint64(1000));
        QCOMPARE(*quick.roundStartUs(3), 1000 + 300 * kS); // the last round at the end of 5 min
        QVERIFY(!quick.roundStartUs(4));
        QCOMPARE(quick.roundAt(999), 0);
        QCOMPARE(quick.roundAt(1000), 1);
        QCOMPARE(quick.roundAt(1000 + 150 * kS), 2);
        QVERIFY(!quick.finished(1000 + 299 * kS));
        QVERIFY(quick.finished(1000 + 300 * kS));
        QCOMPARE(RoundSchedule(RoundScheduleMode::Standard, 0).totalRounds(), 5);
        QCOMPARE(RoundSchedule(RoundScheduleMode::Standard, 0).spacingUs(), 150 * kS);
        QCOMPARE(RoundSchedule(RoundScheduleMode::Extended, 0).totalRounds(), 8);
        RoundSchedule cont(RoundScheduleMode::Continuous, 0);
        QCOMPARE(cont.totalRounds(), 0);
        QCOMPARE(cont.spacingUs(), 225 * kS); // 8 per 30 min
        QCOMPARE(*cont.roundStartUs(9), 30 * 60 * kS);
        QVERIFY(!cont.finished(10 * 3600 * kS));
        QCOMPARE(roundScheduleFromId(QStringLiteral("Extended")), RoundScheduleMode::Extended);
        QVERIFY(!roundScheduleFromId(QStringLiteral("hourly")));
    }
    void classifyWithGuardBandsAndOverlap()
    {
        const std::vector<LoadWindow> w = {{10 * kS, 30 * kS, TransferDirection::Download},
                                           {25 * kS, 28 * kS, TransferDirection::Upload}};
        QCOMPARE(classifyPing(5 * kS, w), LoadClass::Idle);
        QCOMPARE(classifyPing(10 * kS - 400'000, w), LoadClass::Guard); // 0.4 s before the start
        QCOMPARE(classifyPing(10 * kS - 600'000, w), LoadClass::Idle);
        QCOMPARE(classifyPing(12 * kS, w), LoadClass::Download);
        QCOMPARE(classifyPing(26 * kS, w), LoadClass::Upload); // overlap: the shorter phase
        QCOMPARE(classifyPing(29 * kS, w), LoadClass::Download); // 1 s after the upload: still in the download
        QCOMPARE(classifyPing(31 * kS, w), LoadClass::Guard);
        QCOMPARE(classifyPing(32 * kS + 1, w), LoadClass::Idle);
    }
    void splitGatewayAndInternet()
    {
        // Idle: gateway 2 ms, internet 20 ms. Download: the queue is beyond the gateway (+80 ms on
        // the internet leg only); upload: the queue is before it (+150 ms on both legs).
        const std::vector<LoadWindow> w = {{100 * kS, 110 * kS, TransferDirection::Download},
                                           {200 * kS, 210 * kS, TransferDirection::Upload}};
        std::vector<RttPoint> pings;
        for (qint64 t = 0; t < 300 * kS; t += kS / 5) {
            const LoadClass c = classifyPing(t, w);
            const double queueInternet = c == LoadClass::Download ? 80 : c == LoadClass::Upload ? 150 : 0;
            const double queueGateway = c == LoadClass::Upload ? 150 : 0;
            pings.push_back({t, 2 + queueGateway, true});
            pings.push_back({t, 20 + queueInternet, false});
        }
        const BufferbloatSplit s = bufferbloatSplit(pings, w);
        QCOMPARE(*s.gateway.idle.p50Ms, 2.0);
        QCOMPARE(*s.gateway.downloadDeltaMs, 0.0);
        QCOMPARE(*s.gateway.uploadDeltaMs, 150.0);
        QCOMPARE(*s.internet.idle.p50Ms, 20.0);
        QCOMPARE(*s.internet.downloadDeltaMs, 80.0);
        QCOMPARE(*s.internet.uploadDeltaMs, 150.0);
        QCOMPARE(s.internet.download.count, 51); // 10 s at 5/s, both ends inclusive
        QCOMPARE(*s.internet.rating, Tier::Impaired); // 150 ms: < 200
        QCOMPARE(*s.rating, Tier::Impaired);
        QCOMPARE(*s.rpm, 60000.0 / 170.0);          // the internet's worst loaded p50
        QCOMPARE(*s.internet.download.p95Ms, 100.0);

        // Without pings in a class: no figure, no rating from it.
        const BufferbloatSplit none = bufferbloatSplit({}, w);
        QVERIFY(!none.rating);
        QVERIFY(!none.rpm);
        QVERIFY(!none.internet.hasData());
    }
    void pictureRatesTheRecentInFamilyResults()
    {
        auto result = [](TransferDirection d, double mbps, TimestampUs at) {
            ThroughputResult r;
            r.direction = d;
            r.mbps = mbps;
            r.startUs = at;
            r.endUs = at + 4 * kS;
            r.bytes = 1'000'000;
            r.streams = 4;
            return r;
        };
        std::vector<ThroughputResult> results;
        ThroughputResult calibration = result(TransferDirection::Download, 900, 0);
        calibration.calibration = true; // never rated
        results.push_back(calibration);
        for (int i = 0; i < 6; ++i)
            results.push_back(result(TransferDirection::Download, 10 + i, (10 + i * 60) * kS)); // 10..15
        ThroughputResult odd = result(TransferDirection::Download, 1, 400 * kS);
        odd.outOfFamily = true; // not rated; its retest is
        results.push_back(odd);
        results.push_back(result(TransferDirection::Upload, 4, 500 * kS));
        ThroughputResult skipped;
        skipped.direction = TransferDirection::Upload;
        skipped.skipped = TransferSkip::DataBudget;
        skipped.startUs = skipped.endUs = 600 * kS;
        results.push_back(skipped);

        // Pings: idle 20 ms, 40 ms during every download; one far from any test (2 h later, 500 ms).
        std::vector<RttPoint> pings;
        for (const ThroughputResult &r : results)
            if (r.bytes > 0)
                for (TimestampUs t = r.startUs; t <= r.endUs; t += kS)
                    pings.push_back({t, r.direction == TransferDirection::Download ? 40.0 : 20.0, false});
        for (TimestampUs t = 700 * kS; t < 720 * kS; t += kS)
            pings.push_back({t, 20, false});
        pings.push_back({7200 * kS, 500, false});

        const LoadPicture p = buildLoadPicture(results, pings);
        QCOMPARE(*p.downloadMbps, 13.0);   // median of the last five rated: 11..15
        QCOMPARE(*p.downloadTier, Tier::Fair); // ≥ 12
        QCOMPARE(*p.uploadMbps, 4.0);
        QCOMPARE(*p.uploadTier, Tier::Fair);   // ≥ 1 and < 5 Mbit/s
        QCOMPARE(loadWindows(results).size(), size_t(9)); // the skipped test loaded nothing
        QCOMPARE(*p.bufferbloat.internet.downloadDeltaMs, 20.0);
        QCOMPARE(p.bufferbloat.internet.idle.count, 20 + 0); // the ping 2 h away is not context
    }
    void rowRoundTrip()
    {
        ThroughputResult r;
        r.startUs = 1'700'000'000'000'000;
        r.endUs = r.startUs + 4'100'000;
        r.direction = TransferDirection::Upload;
        r.mbps = 19.2;
        r.streams = 4;
        r.bytes = 9'600'000;
        r.backend = QStringLiteral("http://10.0.0.2:8080");
        r.tier = 1;
        r.outOfFamily = r.retest = r.earlyExit = true;
        r.round = 3;
        r.totalRounds = 8;
        r.error = QStringLiteral("HTTP 429 twice");
        const ThroughputResult back = throughputResultFromRow(throughputResultToRow(r));
        QCOMPARE(back.startUs, r.startUs);
        QCOMPARE(back.endUs, r.endUs);
        QCOMPARE(back.direction, r.direction);
        QCOMPARE(*back.mbps, 19.2);
        QCOMPARE(back.streams, 4);
        QCOMPARE(back.bytes, r.bytes);
        QCOMPARE(back.backend, r.backend);
        QCOMPARE(back.tier, 1);
        QVERIFY(back.outOfFamily && back.retest && back.earlyExit && !back.calibration);
        QCOMPARE(back.round, 3);
        QCOMPARE(back.totalRounds, 8);
        QCOMPARE(back.error, r.error);
        QCOMPARE(back.skipped, TransferSkip::None);
        ThroughputResult skipped;
        skipped.skipped = TransferSkip::RateLimited;
        const ThroughputResult s = throughputResultFromRow(throughputResultToRow(skipped));
        QVERIFY(!s.mbps);
        QCOMPARE(s.skipped, TransferSkip::RateLimited);
    }
    void speedConfigSection()
    {
        QTemporaryDir dir;
        auto write = [&](const QByteArray &json) {
            const QString path = dir.filePath(QStringLiteral("c.json"));
            QFile f(path);
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            f.write(json);
            return path;
        };
        auto ok = loadSpeedConfig(write("{\"speed\": {\"servers\": [\"http://192.0.2.7:8080\", \"https://[2001:db8::1]:8443\"],"
                                  " \"schedule\": \"extended\", \"budget_mb\": 450}}"));
        QVERIFY(ok);
        QCOMPARE(ok->servers, (QStringList{"http://192.0.2.7:8080", "https://[2001:db8::1]:8443"}));
        QCOMPARE(*ok->schedule, RoundScheduleMode::Extended);
        QCOMPARE(*ok->budgetMb, 450.0);
        auto none = loadSpeedConfig(write("{\"gateway\": \"auto\"}"));
        QVERIFY(none && none->servers.isEmpty() && !none->schedule);
        for (const QByteArray &badJson : {QByteArray("{\"speed\": {\"servers\": [\"ftp://x\"]}}"),
                                          QByteArray("{\"speed\": {\"servers\": \"http://x:1\"}}"),
                                          QByteArray("{\"speed\": {\"schedule\": \"hourly\"}}"),
                                          QByteArray("{\"speed\": {\"budget_mb\": -1}}"),
                                          QByteArray("{\"speed\": []}")}) {
            auto bad = loadSpeedConfig(write(badJson));
            QVERIFY2(!bad, badJson.constData());
            QVERIFY(bad.error().message.contains(QLatin1String("speed.")));
        }
    }
    void bloatRatingEdges()
    {
        QCOMPARE(bufferbloatTier(19.9), Tier::Excellent);
        QCOMPARE(bufferbloatTier(20), Tier::Good);
        QCOMPARE(bufferbloatTier(99.9), Tier::Fair);
        QCOMPARE(bufferbloatTier(199.9), Tier::Impaired);
        QCOMPARE(bufferbloatTier(200), Tier::Broken);
    }
};

QTEST_APPLESS_MAIN(TestLoad)
#include "tst_load.moc"
