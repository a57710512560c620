// SPDX-License-Identifier: GPL-3.0-or-later
// Trace facts: +N deltas, rate limiting vs loss, DSCP rewrites, capture round trip, path changes.
#include "core/store/capture_store.h"
#include "core/trace/trace_result.h"
#include "core/store/trace_rows.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;

namespace {
TraceHop hop(int ttl, const QString &addr, std::vector<double> rtts, int sent = 3)
{
    TraceHop h;
    h.ttl = ttl;
    h.addr = addr;
    h.rttMs = std::move(rtts);
    h.sent = sent;
    return h;
}

TraceResult chain()
{
    TraceResult t;
    t.target = "far.lab";
    t.targetAddr = "10.0.7.2";
    t.proto = "udp";
    t.startedUtcUs = 1'795'341'600'000'000;
    t.reached = true;
    t.hops = {hop(1, "10.0.1.1", {1.0, 1.2, 1.1}), hop(2, "10.0.2.1", {3.1, 3.0, 3.2}), hop(3, "", {}),
              hop(4, "10.0.4.1", {9.0}),                       // 2 of 3 unanswered, later hops fine: rate limiting
              hop(5, "10.0.5.1", {12.0, 12.1, 11.9}), hop(6, "10.0.7.2", {17.0, 17.2, 16.9})};
    t.hops[1].quotedDscp = 0;
    t.hops[4].quotedDscp = 10; // rewrote our DSCP 0 → 10 (AF11)
    t.hops[5].destination = true;
    return t;
}
} // namespace

class TestTraceResult : public QObject {
    Q_OBJECT
private slots:
    void deltasFromThePreviousAnsweringHop()
    {
        const TraceResult t = chain();
        QVERIFY(!t.deltaMs(0));              // first answering hop
        QCOMPARE(*t.deltaMs(1), 3.1 - 1.1);
        QVERIFY(!t.deltaMs(2));              // silent
        QCOMPARE(*t.deltaMs(3), 9.0 - 3.1);  // skips the silent slot
        QCOMPARE(t.hops[2].lossPct(), 100.0);
    }

    void rateLimitingIsNotLoss()
    {
        TraceResult t = chain();
        QVERIFY(t.isRateLimited(3));
        QVERIFY(!t.isRateLimited(2)); // silent is silent, not rate limited
        QVERIFY(!t.isRateLimited(1));
        t.hops[5].rttMs = {17.0}; // the destination loses as much: real loss from hop 4 on
        QVERIFY(!t.isRateLimited(3));
    }

    void dscpRewritesAndSignature()
    {
        const TraceResult t = chain();
        QCOMPARE(t.dscpRewritingTtls(), std::vector<int>{5});
        QCOMPARE(t.pathSignature(), (QStringList{"10.0.1.1", "10.0.2.1", "*", "10.0.4.1", "10.0.5.1", "10.0.7.2"}));
    }

    void roundTripsThroughTheCapture()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("t.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        TraceResult t = chain();
        t.hops[0].mplsLabels = {16001, 24002};
        t.hops[0].reverseDns = "r1.lab";
        QVERIFY((*store)->insertBatch(traceRows(t, 42)));
        Row traceRow;
        std::vector<Row> hops;
        (void)(*store)->forEach(Table::Traces, [&](const Row &r) { traceRow = r; return false; });
        (void)(*store)->forEach(Table::TraceHops, [&](const Row &r) { hops.push_back(r); return true; }, "trace_id = 42");
        const TraceResult back = traceFromRows(traceRow, hops);
        QCOMPARE(back.pathSignature(), t.pathSignature());
        QCOMPARE(back.hops[1].rttMs, t.hops[1].rttMs);
        QCOMPARE(back.hops[3].sent, 3);
        QVERIFY(back.isRateLimited(3));
        QCOMPARE(back.hops[0].mplsLabels, t.hops[0].mplsLabels);
        QCOMPARE(back.hops[0].reverseDns, QString("r1.lab"));
        QCOMPARE(back.dscpRewritingTtls(), std::vector<int>{5});
        QVERIFY(back.hops[5].destination && back.reached);
    }

    void pathChanges()
    {
        const TraceResult a = chain();
        TraceResult b = chain();
        QVERIFY(describePathChange(a, b).isEmpty());
        b.hops[1].rttMs.clear(); // silent now: not a change
        QVERIFY(describePathChange(a, b).isEmpty());
        b.hops[3].addr = "10.9.4.1";
        QCOMPARE(describePathChange(a, b), QString("path to far.lab changed at hop 4: 10.0.4.1 → 10.9.4.1"));
    }
};

QTEST_GUILESS_MAIN(TestTraceResult)
#include "tst_trace_result.moc"
