// SPDX-License-Identifier: GPL-3.0-or-later
// Mesh arithmetic on synthetic exchanges with known answers: RTT without the reflector's turnaround,
// loss split by direction from a stateful reflector's numbering, queueing per direction under a
// clock offset, capacity from pair dispersion (and doubtful pairs refused), and the cell states.
#include "core/mesh/mesh_cycle.h"
#include "core/mesh/mesh_matrix.h"

#include <QTest>

using namespace pathlens::core;

namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kOffset = 3'600'000 * kMs; // the reflector's clock runs an hour ahead: must not matter

// Sender packet `seq` at t, forward `fwdMs`, turnaround 0.05 ms, reverse `revMs`; `reflSeq` its number there.
StampExchange exchange(quint32 seq, qint64 t, double fwdMs, double revMs, quint32 reflSeq, bool answered = true, int bytes = 44)
{
    StampExchange e;
    e.sequence = seq;
    e.answered = answered;
    e.t1 = t;
    e.t2 = t + qint64(fwdMs * kMs) + kOffset;
    e.t3 = e.t2 + 50'000;
    e.t4 = e.t3 - kOffset + qint64(revMs * kMs);
    e.reflectorSequence = reflSeq;
    e.bytes = bytes;
    return e;
}
} // namespace

class TstMeshCycle : public QObject {
    Q_OBJECT
private slots:
    void rttLossAndQueueingPerDirection()
    {
        MeshPairHistory history;
        // Cycle 1: an idle path, 10 ms out and 6 ms back.
        std::vector<StampExchange> echo;
        for (quint32 i = 0; i < 10; ++i)
            echo.push_back(exchange(i, i * 20 * kMs, 10, 6, i));
        MeshCycleResult r = analyseMeshCycle(echo, {}, history);
        QCOMPARE(r.rttMs, 16.0);
        QCOMPARE(r.queueForwardMs, 0.0);
        QCOMPARE(r.queueReverseMs, 0.0);
        QCOMPARE(*r.lossForwardPct, 0.0);
        // Cycle 2: a standing queue of 25 ms on the way out only; packet 3 lost going out (the
        // reflector never numbered it), packet 6 lost coming back (numbered, never answered).
        echo.clear();
        quint32 refl = 0;
        for (quint32 i = 0; i < 10; ++i) {
            if (i == 3) {
                echo.push_back(exchange(i, i * 20 * kMs, 35, 6, 0, false));
                continue;
            }
            echo.push_back(exchange(i, i * 20 * kMs, 35, 6, refl++, i != 6));
        }
        r = analyseMeshCycle(echo, {}, history);
        QCOMPARE(r.sent, 10);
        QCOMPARE(r.answered, 8);
        QCOMPARE(r.lossPct, 20.0);
        QCOMPARE(*r.lossForwardPct, 10.0);             // 1 of 10 sent
        QVERIFY(std::abs(*r.lossReversePct - 100.0 / 9) < 1e-9); // 1 of the 9 that arrived
        QVERIFY(std::abs(r.queueForwardMs - 25.0) < 1e-6);      // the hour of clock offset cancelled
        QVERIFY(std::abs(r.queueReverseMs) < 1e-6);
        QVERIFY(std::abs(r.rttMs - 41.0) < 1e-6);
    }

    void capacityFromPairsAndDoubtfulPairs()
    {
        MeshPairHistory history;
        std::vector<StampExchange> pairs;
        // 1472-byte pairs through a 10 Mbit/s forward bottleneck: 1177.6 µs apart at the reflector;
        // the answers come back 1177.6 µs apart too (a faster reverse path keeps the spacing).
        for (quint32 k = 0; k < 5; ++k) {
            StampExchange a = exchange(2 * k, k * 20 * kMs, 5, 5, 2 * k, true, 1472);
            StampExchange b = a;
            b.sequence = a.sequence + 1;
            b.reflectorSequence = a.reflectorSequence + 1;
            b.t2 = a.t2 + 1'177'600;
            b.t3 = b.t2 + 50'000;
            b.t4 = a.t4 + 1'177'600;
            pairs.push_back(a);
            pairs.push_back(b);
        }
        pairs[3].answered = false; // pair 1 incomplete: discarded
        MeshCycleResult r = analyseMeshCycle({}, pairs, history);
        QCOMPARE(r.trainsUsed, 4);
        QVERIFY(std::abs(*r.capacityForwardMbps - 10.0) < 0.01);
        QVERIFY(std::abs(*r.capacityReverseMbps - 10.0) < 0.01);
        QCOMPARE(r.capacityNote, QString("1 of 5 trains discarded"));
        // A shaper's burst lets a pair through unspaced: no figure, and the reason.
        for (size_t i = 1; i < pairs.size(); i += 2) {
            pairs[i].answered = true;
            pairs[i].t2 = pairs[i - 1].t2 + 5'000; // 5 µs
        }
        r = analyseMeshCycle({}, pairs, history);
        QVERIFY(!r.capacityForwardMbps);
        QVERIFY(r.capacityNote.startsWith("doubtful"));
    }

    // Through a token bucket of two frames, a train's first two packets pass together; only the
    // third is spaced by the shaper. The widest gap of each train is the bottleneck's.
    void trainsSeePastAShapersBurst()
    {
        MeshPairHistory history;
        std::vector<StampExchange> trains;
        for (quint32 k = 0; k < 3; ++k) {
            StampExchange a = exchange(3 * k, k * 20 * kMs, 5, 5, 3 * k, true, 1472);
            StampExchange b = a, c = a;
            b.sequence = a.sequence + 1;
            b.reflectorSequence = a.reflectorSequence + 1;
            b.t2 = a.t2 + 32'000; // the forwarder's own pace: 32 µs, the figure the lab's pairs gave
            b.t4 = a.t4 + 32'000;
            c.sequence = a.sequence + 2;
            c.reflectorSequence = a.reflectorSequence + 2;
            c.t2 = b.t2 + 588'800; // 1472 B at 20 Mbit/s
            c.t4 = b.t4 + 5'888'000; // and 2 Mbit/s on the way back
            trains.insert(trains.end(), {a, b, c});
        }
        const MeshCycleResult r = analyseMeshCycle({}, trains, history, 3);
        QCOMPARE(r.trainsUsed, 3);
        QVERIFY(std::abs(*r.capacityForwardMbps - 20.0) < 0.01);
        QVERIFY(std::abs(*r.capacityReverseMbps - 2.0) < 0.01);
        // Read as pairs, the same packets give the wrong answer the lab test caught (368 Mbit/s).
        MeshPairHistory h2;
        std::vector<StampExchange> firstTwo;
        for (size_t i = 0; i < trains.size(); i += 3)
            firstTwo.insert(firstTwo.end(), {trains[i], trains[i + 1]});
        QVERIFY(*analyseMeshCycle({}, firstTwo, h2, 2).capacityForwardMbps > 300);
    }

    void cellsAreJudgedAgainstTheirOwnBest()
    {
        MeshMatrix m;
        auto result = [](double rtt, double loss = 0, int answered = 10) {
            MeshResult r;
            r.src = "a1";
            r.dst = "a6";
            r.sent = 10;
            r.answered = answered;
            r.rttMs = rtt;
            r.lossPct = loss;
            return r;
        };
        m.add(result(600)); // a GEO link: 600 ms is its normal, within
        QCOMPARE(m.cells().front().state, MeshState::Within);
        m.add(result(640));
        QCOMPARE(m.cells().front().state, MeshState::Within); // EWMA 606.7: +1 %
        for (int i = 0; i < 12; ++i)
            m.add(result(1500));
        QCOMPARE(m.cells().front().state, MeshState::Outside); // EWMA ≈ 1.4 s: more than double
        QVERIFY(std::abs(m.cells().front().baselineRttMs - 600) < 1e-9);
        m.add(result(0, 100, 0));
        QCOMPARE(m.cells().front().state, MeshState::Down);
        MeshMatrix lan;
        MeshResult a = result(0.2);
        a.dst = "a2";
        lan.add(a);
        a.rttMs = 0.9; // 4.5× the baseline but well under a millisecond: scheduling noise, not a problem
        lan.add(a);
        QCOMPARE(lan.cells().front().state, MeshState::Within);
        a.rttMs = 0.3;
        a.lossPct = 2;
        lan.add(a);
        QCOMPARE(lan.cells().front().state, MeshState::Marginal);
    }
};

QTEST_GUILESS_MAIN(TstMeshCycle)
#include "tst_mesh_cycle.moc"
