// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the trace engine loop over a fake transport: hops, silence, rate limiting, windows, late replies.
#include "collectors/trace/trace_engine.h"

#include <QTest>

#include <chrono>
#include <thread>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct FakeHop {
    QString addr;
    double rttMs = 1;
    bool silent = false;
    int answerFirst = 1000; // answers only the first N probes it sees (a policer)
};

// A path of routers; TTLs past the last one reach the destination (the last entry).
class FakeTransport : public TraceTransport {
public:
    explicit FakeTransport(std::vector<FakeHop> path) : m_path(std::move(path)) {}
    core::Result<void> open(const TraceEndpoint &t) override
    {
        m_target = t;
        return {};
    }
    core::Result<void> send(int ttl, quint16 id) override
    {
        ++sends;
        maxTtlSent = std::max(maxTtlSent, ttl);
        const size_t i = std::min(size_t(ttl - 1), m_path.size() - 1);
        FakeHop &h = m_path[i];
        if (h.silent || h.answerFirst-- <= 0)
            return {};
        TransportReply r;
        r.kind = i + 1 == m_path.size() ? TransportReply::Kind::Destination : TransportReply::Kind::TimeExceeded;
        r.probeId = quint16(id + (wrongIds ? 1000 : 0));
        r.from = h.addr;
        r.rxNs = nowNs() + qint64(h.rttMs * 1e6);
        r.kernelStamp = true;
        r.quotedTtl = 1;
        m_pending.push_back(r);
        return {};
    }
    core::Result<void> wait(int timeoutMs, std::vector<TransportReply> &replies, std::vector<qint64> &) override
    {
        const qint64 until = nowNs() + qint64(timeoutMs) * 1'000'000;
        for (int i = 0; i < 1000 && nowNs() < until; ++i) { // bounded: 1000 × ≤ 1 ms
            bool due = false;
            for (const auto &p : m_pending)
                due = due || p.rxNs <= nowNs();
            if (due)
                break;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (it->rxNs <= nowNs()) {
                replies.push_back(*it);
                it = m_pending.erase(it);
            } else {
                ++it;
            }
        }
        return {};
    }
    QString localAddress() const override { return QStringLiteral("10.0.0.1"); }
    bool quotesHeaders() const override { return true; }
    QString describe() const override { return QStringLiteral("fake"); }

    int sends = 0, maxTtlSent = 0;
    bool wrongIds = false;

private:
    std::vector<FakeHop> m_path;
    std::vector<TransportReply> m_pending;
    TraceEndpoint m_target;
};

std::vector<FakeHop> chain()
{
    return {{"10.0.1.2", 1.0}, {"10.0.2.2", 3.0}, {"10.0.3.2", 7.0, true}, {"10.0.4.2", 10.0},
            {"10.0.5.2", 10.0, false, 2}, {"10.0.6.2", 16.0}, {"10.0.7.2", 17.0}};
}

TraceOptions fastOptions()
{
    TraceOptions o;
    o.target = QStringLiteral("10.0.7.2");
    o.timeoutMs = 150; // short: the fake path is local
    return o;
}
} // namespace

class TestTraceEngine : public QObject {
    Q_OBJECT
private slots:
    void chainWithSilentAndPolicedHops()
    {
        FakeTransport t(chain());
        auto r = runTrace(fastOptions(), QHostAddress("10.0.7.2"), t);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QVERIFY(r->reached);
        QCOMPARE(r->hops.size(), size_t(7));
        QCOMPARE(r->localAddr, QStringLiteral("10.0.0.1"));
        QCOMPARE(r->proto, QStringLiteral("udp"));
        const auto path = chain();
        for (size_t i = 0; i < 7; ++i) {
            const core::TraceHop &h = r->hops[i];
            QCOMPARE(h.ttl, int(i) + 1);
            QCOMPARE(h.sent, 3);
            if (path[i].silent) {
                QVERIFY(h.rttMs.empty());
                QVERIFY(h.addr.isEmpty());
                continue;
            }
            QCOMPARE(h.addr, path[i].addr);
            QCOMPARE(h.rttMs.size(), size_t(std::min(3, path[i].answerFirst)));
            for (double rtt : h.rttMs)
                QVERIFY2(rtt >= path[i].rttMs && rtt < path[i].rttMs + 2.0, qPrintable(QString::number(rtt)));
            QCOMPARE(h.destination, i == 6);
            QCOMPARE(h.quotedTtl, std::optional<int>(1));
        }
        // The window never runs more than ttlsAhead past the last router that answered (TTL 6).
        QVERIFY2(t.maxTtlSent <= 6 + fastOptions().ttlsAhead, qPrintable(QString::number(t.maxTtlSent)));
        QVERIFY(r->durationMs < 1000);
    }

    void unreachedPathEndsOneSilentSlotAfterTheLastAnswer()
    {
        auto path = chain();
        path.back().silent = true; // the destination never answers (filtered)
        path.insert(path.end() - 1, {"10.0.8.2", 18.0, true});
        FakeTransport t(path);
        auto o = fastOptions();
        o.maxTtl = 12;
        auto r = runTrace(o, QHostAddress("10.0.7.2"), t);
        QVERIFY(r.ok());
        QVERIFY(!r->reached);
        QCOMPARE(r->hops.size(), size_t(7)); // answers up to TTL 6, then one silent slot
        QVERIFY(r->hops.back().silent());
        QCOMPARE(t.maxTtlSent, 12);
    }

    void foreignRepliesAreIgnored()
    {
        FakeTransport t(chain());
        t.wrongIds = true;
        auto o = fastOptions();
        o.maxTtl = 4;
        auto r = runTrace(o, QHostAddress("10.0.7.2"), t);
        QVERIFY(r.ok());
        for (const auto &h : r->hops)
            QVERIFY(h.silent());
    }

    void repliesAfterTheTimeoutAreSilence()
    {
        auto path = chain();
        path[1].rttMs = 300; // later than the 150 ms timeout
        FakeTransport t(path);
        auto r = runTrace(fastOptions(), QHostAddress("10.0.7.2"), t);
        QVERIFY(r.ok());
        QVERIFY(r->hops[1].silent());
        QVERIFY(r->reached);
    }

    void badOptionsAreErrors()
    {
        FakeTransport t(chain());
        auto o = fastOptions();
        o.firstTtl = 0;
        QVERIFY(!runTrace(o, QHostAddress("10.0.7.2"), t).ok());
        o = fastOptions();
        o.probesPerHop = 0;
        auto r = runTrace(o, QHostAddress("10.0.7.2"), t);
        QVERIFY(!r.ok());
        QVERIFY(!r.error().remedy.isEmpty());
    }

    void cancelStopsPromptly()
    {
        auto path = chain();
        for (auto &h : path)
            h.silent = true;
        FakeTransport t(path);
        auto o = fastOptions();
        o.timeoutMs = 5000;
        std::atomic<bool> cancel{false};
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            cancel = true;
        });
        const auto start = std::chrono::steady_clock::now();
        auto r = runTrace(o, QHostAddress("10.0.7.2"), t, &cancel);
        stopper.join();
        QVERIFY(!r.ok());
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1000));
    }

    void protoNames()
    {
        QCOMPARE(traceProtoFromName("TCP"), std::optional<TraceProto>(TraceProto::Tcp));
        QVERIFY(!traceProtoFromName("sctp"));
    }
};

QTEST_GUILESS_MAIN(TestTraceEngine)
#include "tst_trace_engine.moc"
