// SPDX-License-Identifier: GPL-3.0-or-later
// The decimation pyramid agrees with a brute-force scan, keeps every extreme, and stays fast.
#include "core/series/minmax_pyramid.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace pathlens::core;

class TestMinMaxPyramid : public QObject {
    Q_OBJECT
private slots:
    void agreesWithBruteForce()
    {
        MinMaxPyramid p;
        QRandomGenerator rng(42);
        std::vector<std::pair<TimestampUs, float>> raw;
        TimestampUs t = 1'000'000;
        for (int i = 0; i < 70'000; ++i) {
            t += 150'000 + rng.bounded(100'000);
            const float v = float(10 + rng.bounded(1000) / 100.0);
            raw.emplace_back(t, v);
            p.append(t, v);
            if (i % 997 == 0)
                p.appendLoss(t + 1);
        }
        for (int columns : {1, 7, 640, 1366, 2560}) {
            const TimestampUs from = raw[123].first, to = raw[65'000].first;
            const auto cols = p.query(from, to, columns);
            QCOMPARE(int(cols.size()), columns);
            size_t k = 0;
            int totalLost = 0;
            for (const auto &c : cols) {
                float mn = 1e9f, mx = -1e9f;
                int n = 0;
                while (k < raw.size() && raw[k].first < c.start)
                    ++k;
                size_t j = k;
                for (; j < raw.size() && raw[j].first < c.end; ++j, ++n) {
                    mn = std::min(mn, raw[j].second);
                    mx = std::max(mx, raw[j].second);
                }
                QCOMPARE(c.count, n);
                if (n) {
                    QCOMPARE(c.min, mn);
                    QCOMPARE(c.max, mx);
                }
                totalLost += c.lost;
            }
            QVERIFY(totalLost > 0);
        }
    }

    void aSingleSpikeSurvivesAnyZoom()
    {
        MinMaxPyramid p;
        for (int i = 0; i < 432'000; ++i) // 24 h at 5/s
            p.append(TimestampUs(i) * 200'000, i == 300'001 ? 950.0f : 20.0f);
        const auto cols = p.query(0, 432'000LL * 200'000, 800);
        float top = 0;
        for (const auto &c : cols)
            top = std::max(top, c.max);
        QCOMPARE(top, 950.0f);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 10; ++i)
            (void)p.query(0, 432'000LL * 200'000, 2560);
        qInfo("24 h at 5/s: 2560-column query %.2f ms", timer.nsecsElapsed() / 1e6 / 10);
    }

    void outOfOrderSampleIsPlaced()
    {
        MinMaxPyramid p;
        for (int i = 0; i < 100; ++i)
            if (i != 50)
                p.append(i * 1000, 1.0f);
        p.append(50 * 1000, 99.0f);
        const auto cols = p.query(0, 100'000, 100);
        QCOMPARE(cols[50].max, 99.0f);
        QCOMPARE(p.size(), size_t(100));
    }
};

QTEST_GUILESS_MAIN(TestMinMaxPyramid)
#include "tst_minmax_pyramid.moc"
