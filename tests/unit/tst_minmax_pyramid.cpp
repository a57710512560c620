// SPDX-License-Identifier: GPL-3.0-or-later
// The decimation pyramid agrees with a brute-force scan, keeps every extreme, and stays fast.
#include "core/series/minmax_pyramid.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <numeric>

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

    // Samples delivered up to 40 places late (rows of several probes interleaved in a capture) give
    // the same pyramid as the same samples in order: every level rebuilt where the late one landed.
    void lateSamplesGiveTheSameColumns()
    {
        QRandomGenerator rng(7);
        std::vector<std::pair<TimestampUs, float>> raw;
        for (int i = 0; i < 20'000; ++i)
            raw.emplace_back(TimestampUs(i) * 1000, float(rng.bounded(1000)));
        std::vector<size_t> order(raw.size());
        std::iota(order.begin(), order.end(), size_t(0));
        for (size_t i = 0; i < order.size(); ++i)
            std::swap(order[i], order[std::min(order.size() - 1, i + rng.bounded(40))]);
        MinMaxPyramid late, inOrder;
        int lateCount = 0;
        for (size_t i : order) {
            lateCount += !late.times().empty() && raw[i].first < late.times().back();
            late.append(raw[i].first, raw[i].second);
        }
        for (const auto &[t, v] : raw)
            inOrder.append(t, v);
        QVERIFY2(lateCount > 5'000, qPrintable(QString::number(lateCount)));
        QVERIFY(late.times() == inOrder.times());
        QVERIFY(late.values() == inOrder.values());
        for (int columns : {1, 13, 640, 2560}) {
            const auto a = late.query(0, 20'000'000, columns), b = inOrder.query(0, 20'000'000, columns);
            QCOMPARE(a.size(), b.size());
            for (size_t c = 0; c < a.size(); ++c) {
                QCOMPARE(a[c].count, b[c].count);
                QCOMPARE(a[c].min, b[c].min);
                QCOMPARE(a[c].max, b[c].max);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMinMaxPyramid)
#include "tst_minmax_pyramid.moc"
