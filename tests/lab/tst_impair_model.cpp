// SPDX-License-Identifier: GPL-3.0-or-later
// Unit test of the forwarder's pure parts: impairment statistics and the config parser.
#include "impair_config.h"
#include "impair_model.h"

#include <QtTest>

#include <cmath>

using namespace pathlens::lab;

namespace {
constexpr int64_t kMs = 1'000'000;
constexpr double kZ99 = 2.5758; // two-sided 99 % normal quantile

bool inBinomial99(int count, int n, double p, double inflation = 1.0)
{
    const double half = kZ99 * std::sqrt(n * p * (1 - p) * inflation);
    return std::abs(count - n * p) <= half;
}
} // namespace

class TestImpairModel : public QObject {
    Q_OBJECT
private slots:
    void transparentByDefault()
    {
        ImpairModel m(ImpairParams{});
        for (int i = 0; i < 1000; ++i) {
            const auto v = m.onPacket(i * kMs);
            QCOMPARE(v.fate, ImpairVerdict::Fate::Send);
            QCOMPARE(v.departNs, i * kMs);
        }
    }

    void constantDelay()
    {
        ImpairParams p;
        p.delayMs = 12.5;
        ImpairModel m(p);
        QCOMPARE(m.onPacket(1000).departNs, 1000 + 12'500'000);
    }

    void jitterIsBoundedAndNeverReorders()
    {
        ImpairParams p;
        p.delayMs = 10;
        p.jitterMs = 4;
        ImpairModel m(p);
        int64_t last = 0;
        double sum = 0, sumSq = 0;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            const int64_t arrival = i * 100'000; // 0.1 ms apart: jitter would reorder without FIFO
            const auto v = m.onPacket(arrival);
            QVERIFY(v.departNs >= last);
            QVERIFY(v.departNs >= arrival + 6 * kMs);
            last = v.departNs;
        }
        ImpairModel spaced(p); // 1 s apart: FIFO never binds, so the raw distribution shows
        for (int i = 0; i < n; ++i) {
            const double d = double(spaced.onPacket(i * 1000 * kMs).departNs - i * 1000 * kMs) / kMs;
            QVERIFY(d >= 6.0 && d <= 14.0);
            sum += d;
            sumSq += d * d;
        }
        const double mean = sum / n, sd = std::sqrt(sumSq / n - mean * mean);
        QVERIFY2(std::abs(mean - 10.0) < 0.1, qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(sd - 4.0 / std::sqrt(3.0)) < 0.1, qPrintable(QString::number(sd)));
    }

    void randomLossRate()
    {
        ImpairParams p;
        p.lossPct = 2.0;
        ImpairModel m(p);
        int lost = 0;
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            lost += m.onPacket(i).fate == ImpairVerdict::Fate::LostRandom;
        QVERIFY2(inBinomial99(lost, n, 0.02), qPrintable(QString::number(lost)));
    }

    void gilbertElliottLossAndBursts()
    {
        ImpairParams p;
        p.geP = 0.01;
        p.geR = 0.25;
        ImpairModel m(p);
        const int n = 200000;
        int lost = 0, bursts = 0, run = 0;
        for (int i = 0; i < n; ++i) {
            const bool l = m.onPacket(i).fate == ImpairVerdict::Fate::LostBurst;
            lost += l;
            if (l && run == 0)
                ++bursts;
            run = l ? run + 1 : 0;
        }
        const double pi = p.geP / (p.geP + p.geR);
        const double lam = 1 - p.geP - p.geR;
        QCOMPARE(ImpairModel::expectedLossFraction(p), pi);
        QVERIFY2(inBinomial99(lost, n, pi, (1 + lam) / (1 - lam)), qPrintable(QString::number(lost)));
        const double meanBurst = double(lost) / bursts;
        QVERIFY2(std::abs(meanBurst - 1 / p.geR) < 0.3, qPrintable(QString::number(meanBurst)));
    }

    void reorderShare()
    {
        ImpairParams p;
        p.reorderPct = 5;
        p.reorderHoldMs = 5;
        ImpairModel m(p);
        int reordered = 0;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            const auto v = m.onPacket(i * kMs);
            if (v.reordered) {
                ++reordered;
                QCOMPARE(v.departNs, i * kMs + 5 * kMs);
            }
        }
        QVERIFY(inBinomial99(reordered, n, 0.05));
    }

    void sameSeedSameDecisions()
    {
        ImpairParams p;
        p.lossPct = 10;
        p.jitterMs = 3;
        p.seed = 42;
        ImpairModel a(p), b(p);
        p.seed = 43;
        ImpairModel c(p);
        int differ = 0;
        for (int i = 0; i < 1000; ++i) {
            const auto x = a.onPacket(i * kMs), y = b.onPacket(i * kMs), z = c.onPacket(i * kMs);
            QCOMPARE(x.fate, y.fate);
            QCOMPARE(x.departNs, y.departNs);
            differ += x.fate != z.fate || x.departNs != z.departNs;
        }
        QVERIFY(differ > 100);
    }

    void parsesConfig()
    {
        const auto r = parseImpairConfig("# c\nlink l1 l1a l1b\n"
                                         "dir l1 a2b delay_ms=2.5 loss_pct=1 ge_p=0.1 ge_r=0.5 seed=7\n"
                                         "dir l1 b2a jitter_ms=1 reorder_pct=3 reorder_hold_ms=2\n");
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.links.size(), size_t(1));
        QCOMPARE(r.links[0].ifB, std::string("l1b"));
        QCOMPARE(r.links[0].a2b.delayMs, 2.5);
        QCOMPARE(r.links[0].a2b.seed, uint64_t(7));
        QCOMPARE(r.links[0].b2a.reorderHoldMs, 2.0);
    }

    void rejectsBadConfig_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("empty") << "" << "no links";
        QTest::newRow("unknown key") << "link l a b\ndir l a2b bogus=1" << "unknown key";
        QTest::newRow("negative") << "link l a b\ndir l a2b delay_ms=-1" << "need a number";
        QTest::newRow("probability") << "link l a b\ndir l a2b ge_p=5" << "probability";
        QTest::newRow("dir first") << "dir l a2b delay_ms=1" << "before its link";
        QTest::newRow("direction") << "link l a b\ndir l up delay_ms=1" << "a2b or b2a";
        QTest::newRow("duplicate") << "link l a b\nlink l c d" << "duplicate";
        QTest::newRow("percent") << "link l a b\ndir l a2b loss_pct=101" << "<= 100";
    }
    void rejectsBadConfig()
    {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        const auto r = parseImpairConfig(text.toStdString());
        QVERIFY(r.links.empty());
        QVERIFY2(QString::fromStdString(r.error).contains(needle), r.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestImpairModel)
#include "tst_impair_model.moc"
