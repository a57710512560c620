// SPDX-License-Identifier: GPL-3.0-or-later
// Component test of the trace collector: scripted traces → rows, path-change events, failures;
// plus one real UDP trace to loopback and reverse DNS of 127.0.0.1 from /etc/hosts (no network).
#include "collectors/trace/trace_collector.h"
#include "collectors/trace/trace_enricher.h"

#include <QSignalSpy>
#include <QTest>

#include <mutex>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
core::TraceResult scripted(const QStringList &addrs)
{
    core::TraceResult t;
    t.target = t.targetAddr = addrs.last();
    t.proto = QStringLiteral("udp");
    t.reached = true;
    for (int i = 0; i < addrs.size(); ++i) {
        core::TraceHop h;
        h.ttl = i + 1;
        h.sent = 3;
        h.addr = addrs[i];
        if (!h.addr.isEmpty())
            h.rttMs = {1.0 + i, 1.1 + i, 1.2 + i};
        h.destination = i + 1 == addrs.size();
        t.hops.push_back(h);
    }
    return t;
}

struct Sink {
    std::mutex mutex;
    std::vector<core::Row> rows;
    RowSink fn()
    {
        return [this](std::vector<core::Row> r) {
            std::lock_guard lock(mutex);
            for (auto &x : r)
                rows.push_back(std::move(x));
        };
    }
    int count(core::Table table, const QString &kind = {})
    {
        std::lock_guard lock(mutex);
        int n = 0;
        for (const auto &r : rows)
            n += r.table == table && (kind.isEmpty() || r.get("kind").toString() == kind);
        return n;
    }
};
} // namespace

class TestTraceCollector : public QObject {
    Q_OBJECT
private slots:
    void rowsAndPathChangeEvents()
    {
        const std::vector<QStringList> script = {{"10.0.0.1", "10.6.6.6", "", "10.9.9.9"}, {"10.0.0.1", "10.6.6.6", "", "10.9.9.9"},
                                                 {"10.0.0.1", "10.5.5.5", "", "10.9.9.9"}};
        auto calls = std::make_shared<std::atomic<int>>(0);
        TraceCollectorOptions o;
        o.trace.target = QStringLiteral("10.9.9.9");
        o.reverseDns = false; // no DNS traffic from a unit of the suite
        o.intervalMs = 3600 * 1000; // ticks come from traceNow() here
        o.traceFn = [script, calls](const TraceOptions &, const std::atomic<bool> *) -> core::Result<core::TraceResult> {
            const int i = calls->fetch_add(1);
            return scripted(script[size_t(std::min(i, int(script.size()) - 1))]);
        };
        qint64 nextId = 100;
        auto c = makeTraceCollector(o, [&nextId] { return nextId++; });
        auto *tc = static_cast<TraceCollector *>(c.get());
        QCOMPARE(tc->name(), QStringLiteral("trace"));
        Sink sink;
        tc->attach(7, std::make_shared<std::atomic<quint64>>(7), sink.fn());
        QSignalSpy ready(tc, &TraceCollector::traceReady);
        tc->start();
        QVERIFY(ready.wait(5000));
        tc->traceNow();
        QVERIFY(ready.wait(5000));
        QCOMPARE(sink.count(core::Table::Events, "path_change"), 0); // same path twice
        tc->traceNow();
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.size(), 3);
        QCOMPARE(ready.at(0).at(0).toULongLong(), 7ull);
        QCOMPARE(sink.count(core::Table::Events, "path_change"), 1);
        QCOMPARE(sink.count(core::Table::Traces), 3);
        QCOMPARE(sink.count(core::Table::TraceHops), 12);
        QCOMPARE(nextId, 103);
        tc->stop();
    }

    void permissionErrorsFailTheCollector()
    {
        TraceCollectorOptions o;
        o.trace.target = QStringLiteral("10.9.9.9");
        o.traceFn = [](const TraceOptions &, const std::atomic<bool> *) -> core::Result<core::TraceResult> {
            return core::makeError(core::ErrorCode::PermissionDenied, "raw socket", "grant CAP_NET_RAW");
        };
        auto c = makeTraceCollector(o, [] { return qint64(1); });
        Sink sink;
        c->attach(1, std::make_shared<std::atomic<quint64>>(1), sink.fn());
        QSignalSpy failed(c.get(), &Collector::failed);
        c->start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.at(0).at(1).value<core::Error>().remedy, QStringLiteral("grant CAP_NET_RAW"));
    }

    void missingTargetIsUnsupported()
    {
        auto c = makeTraceCollector({}, [] { return qint64(1); });
        QVERIFY(!c->checkSupported().ok());
        QVERIFY(!c->checkSupported().error().remedy.isEmpty());
    }

    void realUdpTraceToLoopback()
    {
        TraceOptions o;
        o.target = QStringLiteral("127.0.0.1");
        o.maxTtl = 4;
        auto r = traceOnce(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QVERIFY(r->reached);
        QCOMPARE(r->hops.size(), size_t(1));
        QVERIFY(r->hops[0].destination);
        QCOMPARE(r->hops[0].addr, QStringLiteral("127.0.0.1"));
        QCOMPARE(r->hops[0].rttMs.size(), size_t(3));
        QVERIFY(r->hops[0].rttMs[0] >= 0 && r->hops[0].rttMs[0] < 50);
        QVERIFY(r->durationMs < 1000); // the destination answered: no silence to wait for
    }

    void unresolvableTargetHasARemedy()
    {
        TraceOptions o;
        o.target = QStringLiteral("no-such-host.invalid"); // RFC 6761: never resolves, answered locally
        auto r = traceOnce(o);
        QVERIFY(!r.ok());
        QVERIFY(!r.error().remedy.isEmpty());
    }

    void reverseDnsFromHostsFileOffThread()
    {
        core::TraceResult t = scripted({"127.0.0.1"});
        auto f = enrichTraceAsync(t, EnrichOptions{});
        f.waitForFinished();
        QVERIFY2(!f.result().hops[0].reverseDns.isEmpty(), "127.0.0.1 has a name in /etc/hosts");
        QVERIFY(f.result().hops[0].asn.isEmpty()); // no database given
    }

    void geoDatabaseErrorsNameTheFix()
    {
        auto db = openGeoDatabase(QStringLiteral("/nonexistent/GeoLite2-ASN.mmdb"));
        QVERIFY(!db.ok());
        QVERIFY(!db.error().remedy.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTraceCollector)
#include "tst_trace_collector.moc"
