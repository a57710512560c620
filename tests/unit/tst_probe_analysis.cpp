// SPDX-License-Identifier: GPL-3.0-or-later
// Probe statistics against hand-computed values: percentiles, loss by sequence gap, jitter,
// E-model MOS, loss bursts and their cycle offset, tiers, GEO latch, proxy detection.
#include "core/active/probe_analysis.h"
#include "core/active/quality_tiers.h"

#include <QTest>

using namespace pathlens::core;

namespace {
constexpr TimestampUs kT0 = 1'795'341'600'000'000; // on a 15 s boundary (divisible by 15 s)

std::vector<ProbeObservation> series(const std::vector<std::optional<double>> &rtts, qint64 firstSeq = 0, qint64 stepUs = 200'000)
{
    std::vector<ProbeObservation> out;
    for (size_t i = 0; i < rtts.size(); ++i)
        out.push_back({kT0 + qint64(i) * stepUs, firstSeq + qint64(i), rtts[i]});
    return out;
}
} // namespace

class TestProbeAnalysis : public QObject {
    Q_OBJECT
private slots:
    void percentilesInterpolate()
    {
        QCOMPARE(percentile({1, 2, 3, 4}, 50), 2.5);
        QCOMPARE(percentile({10, 20, 30, 40, 50}, 95), 48.0);
        QCOMPARE(percentile({7}, 95), 7.0);
        QCOMPARE(percentile({}, 50), 0.0);
    }

    void lossCountsSequenceGaps()
    {
        auto s = series({10.0, 12.0, std::nullopt, 11.0});
        s.erase(s.begin() + 1); // seq 1 never came back at all (not even recorded as lost)
        const ProbeStats st = probeStats(s);
        QCOMPARE(st.sent, 4);
        QCOMPARE(st.lost, 2);
        QCOMPARE(st.lossPct, 50.0);
        QCOMPARE(st.p50Ms, 10.5);
        QCOMPARE(st.jitterMs, 1.0); // |11 − 10|
    }

    void jitterIsMeanAbsoluteDifference()
    {
        const ProbeStats st = probeStats(series({10, 14, 12, 12, 20}));
        QCOMPARE(st.jitterMs, (4 + 2 + 0 + 8) / 4.0);
        QCOMPARE(st.minMs, 10.0);
        QCOMPARE(st.maxMs, 20.0);
    }

    void mosFollowsTheEModel()
    {
        // Ta = 20/2 + 2×1 + 20 = 32 ms → Id = 0.768 → R = 92.432 → MOS 4.394.
        QVERIFY(qAbs(mosEstimate(20, 1, 0) - 4.394) < 0.001);
        QVERIFY(mosEstimate(20, 1, 2) < mosEstimate(20, 1, 0));   // loss hurts
        QVERIFY(mosEstimate(600, 1, 0) < 3.7);                     // satellite delay hurts
        QVERIFY(mosEstimate(20, 1, 100) < 1.2); // R = 93.2 − 0.77 − 95×100/125.1 ≈ 16.5 → MOS 1.16
        QVERIFY(mosEstimate(0, 0, 0) <= 4.5);
    }

    void tenLostInARowIsExactlyOneBurst()
    {
        std::vector<std::optional<double>> rtts(50, 12.0);
        for (int i = 20; i < 30; ++i)
            rtts[size_t(i)] = std::nullopt;
        for (int i = 40; i < 44; ++i) // 4 in a row: below the 5 that make a burst
            rtts[size_t(i)] = std::nullopt;
        const auto bursts = lossBursts(series(rtts));
        QCOMPARE(bursts.size(), size_t(1));
        QCOMPARE(bursts[0].length, 10);
        QCOMPARE(bursts[0].durationMs, 2000.0);     // 10 × 200 ms until probe 30 answered
        QCOMPARE(bursts[0].cycleOffsetMs, 4000.0);  // started 20 × 200 ms after a 15 s boundary
        QVERIFY(lossBursts(series({std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt})).size() == 1);
    }

    void tiersFollowTheSpecTable()
    {
        QCOMPARE(latencyTier(19.9, false), Tier::Superior);
        QCOMPARE(latencyTier(20, false), Tier::Excellent);
        QCOMPARE(latencyTier(499, false), Tier::Impaired);
        QCOMPARE(latencyTier(500, false), Tier::Broken);
        QCOMPARE(latencyTier(700, true), Tier::Good);
        QCOMPARE(latencyTier(700.1, true), Tier::Fair);
        QCOMPARE(latencyTier(1201, true), Tier::Broken);
        QCOMPARE(lossTier(0.09), Tier::Superior);
        QCOMPARE(lossTier(10), Tier::Broken);
        QCOMPARE(downloadTier(200), Tier::Superior);
        QCOMPARE(downloadTier(2.9), Tier::Broken);
        QCOMPARE(uploadTier(0.5), Tier::Impaired);
        QCOMPARE(wifiRssiTier(-50), Tier::Excellent);
        QCOMPARE(wifiRssiTier(-70), Tier::Fair);
        QCOMPARE(wifiRssiTier(-71), Tier::Impaired);
        QCOMPARE(bufferbloatTier(19), Tier::Excellent);
        QCOMPARE(bufferbloatTier(200), Tier::Broken);
        QCOMPARE(worseTier(Tier::Good, Tier::Fair), Tier::Fair);
        QCOMPARE(responsivenessRpm(60), 1000.0);
    }

    void geoLatchNeverDowngrades()
    {
        LinkTypeLatch latch;
        latch.observe(380);
        QVERIFY(!latch.isGeo());
        latch.observe(610);
        QVERIFY(latch.isGeo());
        latch.observe(30);
        QVERIFY(latch.isGeo());
    }

    void proxyDetectionThresholds()
    {
        ProbeStats icmp, http;
        icmp.sent = 20;
        icmp.p50Ms = 1.5;
        http.sent = 8;
        http.p50Ms = 150;
        QVERIFY(icmpProxied(icmp, http));     // 100× and both sides past their bounds
        http.p50Ms = 50;
        QVERIFY(!icmpProxied(icmp, http));    // other p50 must exceed 50 ms
        http.p50Ms = 150;
        icmp.p50Ms = 4;
        QVERIFY(!icmpProxied(icmp, http));    // ratio 37.5× ≤ 50×
        icmp.p50Ms = 1.5;
        icmp.sent = 9;
        QVERIFY(!icmpProxied(icmp, http));    // too few ICMP samples
        // TCP-proxy (PEP) detection has its own file and test: tst_pep_detection.
    }
};

QTEST_GUILESS_MAIN(TestProbeAnalysis)
#include "tst_probe_analysis.moc"
