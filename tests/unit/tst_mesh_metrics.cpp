// SPDX-License-Identifier: GPL-3.0-or-later
// The heat-map tabs' judgement of a mesh cell against its own best: latency, throughput, loss and
// queueing thresholds at their edges, down links, links without a figure, the worst-first order.
#include "core/mesh/mesh_metrics.h"

#include <QTest>

using namespace pathlens::core;

namespace {
MeshResult result(double rtt, double lossPct = 0, std::optional<double> capFwd = std::nullopt, double qFwd = 0, double qRev = 0)
{
    static TimestampUs t = 1'800'000'000'000'000;
    MeshResult m;
    m.utcUs = t += 120'000'000;
    m.src = "a";
    m.dst = "b";
    m.sent = 19;
    m.answered = 19;
    m.rttMs = rtt;
    m.lossPct = lossPct;
    m.capacityForwardMbps = capFwd;
    m.queueForwardMs = qFwd;
    m.queueReverseMs = qRev;
    return m;
}

MeshCell cellOf(const std::vector<MeshResult> &results)
{
    MeshMatrix matrix;
    for (const MeshResult &r : results)
        matrix.add(r);
    return matrix.cells().front();
}
} // namespace

class TstMeshMetrics : public QObject {
    Q_OBJECT
private slots:
    void latencyAgainstItsOwnBest()
    {
        // Best 40 ms; one cycle at 100 ms moves the EWMA by a sixth: 50 ms, +25 % exactly → within.
        MeshCell c = cellOf({result(40), result(100)});
        QCOMPARE(c.rttEwmaMs, 50.0);
        MeshMetricReading r = meshMetricReading(c, MeshMetric::Latency);
        QCOMPARE(*r.state, MeshState::Within);
        QCOMPARE(*r.value, 50.0);
        QCOMPARE(*r.baseline, 40.0);
        // 106 ms moves it to 51 ms: +27.5 % → marginal; a long excursion past +100 % → outside.
        c = cellOf({result(40), result(106)});
        QCOMPARE(*meshMetricReading(c, MeshMetric::Latency).state, MeshState::Marginal);
        c = cellOf({result(40), result(300), result(300), result(300), result(300)});
        QCOMPARE(*meshMetricReading(c, MeshMetric::Latency).state, MeshState::Outside);
        // A LAN link: 0.2 ms best, 0.9 ms smoothed is +350 % but within the 1 ms floor.
        c = cellOf({result(0.2), result(4.4)});
        QCOMPARE(*meshMetricReading(c, MeshMetric::Latency).state, MeshState::Within);
    }

    void throughputLossAndQueueing()
    {
        MeshCell c = cellOf({result(10, 0, 100.0), result(10, 0, 79.0), result(10, 0, 79.0)}); // median of 100, 79, 79
        MeshMetricReading r = meshMetricReading(c, MeshMetric::Throughput);
        QCOMPARE(*r.value, 79.0);
        QCOMPARE(*r.baseline, 100.0);
        QCOMPARE(*r.state, MeshState::Marginal); // 79 % of its best
        c = cellOf({result(10, 0, 100.0), result(10, 0, 80.0), result(10, 0, 80.0)});
        QCOMPARE(*meshMetricReading(c, MeshMetric::Throughput).state, MeshState::Within);
        c = cellOf({result(10, 0, 100.0), result(10, 0, 49.0), result(10, 0, 49.0)});
        QCOMPARE(*meshMetricReading(c, MeshMetric::Throughput).state, MeshState::Outside);
        // Doubtful capacity (no figure): no state for throughput, still one for latency.
        c = cellOf({result(10)});
        QVERIFY(!meshMetricReading(c, MeshMetric::Throughput).state);
        QVERIFY(meshMetricReading(c, MeshMetric::Latency).state);

        QCOMPARE(*meshMetricReading(cellOf({result(10, 0.99)}), MeshMetric::Loss).state, MeshState::Within);
        QCOMPARE(*meshMetricReading(cellOf({result(10, 1.0)}), MeshMetric::Loss).state, MeshState::Marginal);
        QCOMPARE(*meshMetricReading(cellOf({result(10, 5.0)}), MeshMetric::Loss).state, MeshState::Outside);

        // Queueing, the worse direction, with the latency floors: best RTT 2 ms → within ≤ 1 ms, marginal ≤ 5 ms.
        QCOMPARE(*meshMetricReading(cellOf({result(2, 0, {}, 1.0, 0.1)}), MeshMetric::Queueing).state, MeshState::Within);
        QCOMPARE(*meshMetricReading(cellOf({result(2, 0, {}, 0.1, 1.2)}), MeshMetric::Queueing).state, MeshState::Marginal);
        MeshMetricReading q = meshMetricReading(cellOf({result(2, 0, {}, 0.1, 5.5)}), MeshMetric::Queueing);
        QCOMPARE(*q.state, MeshState::Outside);
        QCOMPARE(*q.value, 5.5);
    }

    void downAndWorstFirst()
    {
        MeshResult down = result(0);
        down.answered = 0;
        MeshCell dead = cellOf({result(10), down});
        for (MeshMetric m : kAllMeshMetrics)
            QCOMPARE(*meshMetricReading(dead, m).state, MeshState::Down);
        std::vector<MeshCell> cells{cellOf({result(10)}), cellOf({result(40), result(300), result(300), result(300), result(300)}),
                                    dead, cellOf({result(40), result(106)}), cellOf({result(40), result(900), result(900), result(900)})};
        const auto worst = worstMeshCells(cells, MeshMetric::Latency, 10);
        QCOMPARE(worst, (std::vector<size_t>{2, 4, 1, 3})); // down, then outside by excess, marginal; within left out
        QCOMPARE(worstMeshCells(cells, MeshMetric::Latency, 2), (std::vector<size_t>{2, 4}));
        const MeshStateCounts n = countMeshStates(cells, MeshMetric::Latency);
        QCOMPARE(n.within, 1);
        QCOMPARE(n.marginal, 1);
        QCOMPARE(n.outside, 2);
        QCOMPARE(n.down, 1);
        QCOMPARE(countMeshStates(cells, MeshMetric::Throughput).unknown, 4);
    }

    void agentDownOnEveryLinkIsNamedOnce()
    {
        auto cell = [](const char *src, const char *dst, bool down) {
            MeshResult m = result(10);
            m.src = src;
            m.dst = dst;
            if (down)
                m.answered = 0;
            return cellOf({m});
        };
        // c is down to and from both others; a → b is down too, but a and b still answer elsewhere.
        std::vector<MeshCell> cells{cell("a", "b", true), cell("b", "a", false), cell("a", "c", true),
                                    cell("c", "a", true), cell("b", "c", true),  cell("c", "b", true)};
        const auto down = meshAgentsDownEverywhere(cells);
        QCOMPARE(down.size(), size_t(1));
        QCOMPARE(down[0].agent, QString("c"));
        QCOMPARE(down[0].links, 4);
        // Two agents: either end could be the one at fault, so nobody is named.
        QVERIFY(meshAgentsDownEverywhere({cell("a", "b", true), cell("b", "a", true)}).empty());
    }
};

QTEST_GUILESS_MAIN(TstMeshMetrics)
#include "tst_mesh_metrics.moc"
