// SPDX-License-Identifier: GPL-3.0-or-later
// ProbeScheduler on a virtual clock with a fake transport: exact rates, timeouts, backoff, bursts.
#include "collectors/probes/probe_scheduler.h"

#include <QTest>

#include <functional>
#include <map>
#include <set>

using namespace pathlens;
using namespace pathlens::collect;

namespace {

class VirtualClock final : public ProbeClock {
public:
    qint64 now = 1'000'000'000;
    qint64 monotonicNs() const override { return now; }
    core::TimestampUs utcUs() const override { return 1'700'000'000'000'000 + now / 1000; }
};

// Answers each probe after a delay unless the target's `drop` says otherwise; shared state lets the
// test change behaviour mid-run.
struct FakeNet {
    const VirtualClock *clock = nullptr;
    qint64 delayNs = 20'000'000; // 20 ms RTT
    std::function<bool(const QString &target, qint64 sendIndex)> drop = [](const QString &, qint64) { return false; };
    std::function<bool(const QString &target)> unreachable = [](const QString &) { return false; }; // send fails
    std::map<QString, qint64> sends;
    std::map<QString, int> closed; // transports destroyed, by target
};

class FakeTransport final : public ProbeTransport {
public:
    FakeTransport(FakeNet *net, QString target) : m_net(net), m_target(std::move(target)) {}
    ~FakeTransport() override { m_net->closed[m_target]++; }
    core::Result<void> send(quint64 token) override
    {
        const qint64 index = m_net->sends[m_target]++;
        if (m_net->unreachable(m_target))
            return core::makeError(core::ErrorCode::Io, QStringLiteral("Network is unreachable"));
        if (!m_net->drop(m_target, index))
            m_pending[token] = m_net->clock->now + m_net->delayNs;
        return {};
    }
    void poll(std::vector<ProbeCompletion> &out) override
    {
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (it->second <= m_net->clock->now) {
                ProbeCompletion c;
                c.token = it->first;
                c.ok = true;
                c.txNs = it->second - m_net->delayNs;
                c.rxNs = it->second;
                out.push_back(c);
                it = m_pending.erase(it);
            } else {
                ++it;
            }
        }
    }
    QString mode() const override { return QStringLiteral("fake"); }

private:
    FakeNet *m_net;
    QString m_target;
    std::map<quint64, qint64> m_pending;
};

struct Run {
    std::vector<core::ProbeSample> samples;
    std::vector<ProbeBurst> bursts;
    QStringList events;
};

// Ticks every `stepNs` of virtual time until `untilNs` has passed.
Run runFor(ProbeScheduler &s, VirtualClock &clock, qint64 durationNs, qint64 stepNs = 1'000'000)
{
    Run r;
    const qint64 end = clock.now + durationNs;
    while (clock.now < end) {
        ProbeTickOutput o = s.tick();
        r.samples.insert(r.samples.end(), o.samples.begin(), o.samples.end());
        r.bursts.insert(r.bursts.end(), o.bursts.begin(), o.bursts.end());
        r.events << o.events;
        clock.now += stepNs;
    }
    return r;
}

ProbeTransportFactory fakeFactory(FakeNet *net)
{
    return [net](const ProbeEndpoint &e) -> core::Result<std::unique_ptr<ProbeTransport>> {
        return std::unique_ptr<ProbeTransport>(std::make_unique<FakeTransport>(net, e.target));
    };
}

ProbeLoopSpec spec(ProbeKind kind, const QString &target, bool gateway = false)
{
    ProbeLoopSpec s;
    s.endpoint.kind = kind;
    s.endpoint.target = target;
    s.gateway = gateway;
    return s;
}

int count(const Run &r, const QString &target, bool lost)
{
    return int(std::count_if(r.samples.begin(), r.samples.end(), [&](const core::ProbeSample &s) {
        return s.target == target && s.rttMs.has_value() != lost;
    }));
}

} // namespace

class TestProbeScheduler : public QObject {
    Q_OBJECT
private slots:
    void exactRates();
    void rateScale();
    void noDriftWithLateTicks();
    void timeoutIsLoss();
    void burstOfTen();
    void backoffAndSnapBack();
    void deadTargetDoesNotSlowLiveOne();
    void gatewayDisables();
    void gatewayThatAnsweredSurvivesAnOutage();
    void gatewayUnreachableAtStartIsNotStopped();
    void removeLoopReportsWhatItHad();
};

void TestProbeScheduler::exactRates()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "a")).ok());
    QVERIFY(s.addLoop(spec(ProbeKind::UdpDns, "a")).ok());
    QVERIFY(s.addLoop(spec(ProbeKind::TcpConnect, "a")).ok());
    const Run r = runFor(s, clock, 60'000'000'000); // 60 s
    QCOMPARE(s.sentCount(0), 300);                  // 5/s
    QCOMPARE(s.sentCount(1), 300);                  // 5/s
    QCOMPARE(s.sentCount(2), 30);                   // every 2 s
    // Every probe answered with the fake's 20 ms, sequence numbers per loop without gaps.
    std::map<QString, std::set<qint64>> seqs;
    for (const auto &sample : r.samples) {
        QVERIFY(sample.rttMs);
        QCOMPARE(*sample.rttMs, 20.0);
        QVERIFY(seqs[sample.probe].insert(sample.seq).second);
        QVERIFY(sample.notes.contains("mode=fake"));
    }
    QCOMPARE(seqs["icmp"].size(), size_t(300));
    QCOMPARE(*seqs["icmp"].rbegin(), 299);
    QCOMPARE(seqs["tcp_connect"].size(), size_t(30));
}

void TestProbeScheduler::rateScale()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    ProbeScheduler s(clock, fakeFactory(&net), 10.0);
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "a")).ok());
    runFor(s, clock, 10'000'000'000);
    QCOMPARE(s.sentCount(0), 500); // 50/s
    QCOMPARE(s.intervalNs(0), 20'000'000);
}

void TestProbeScheduler::noDriftWithLateTicks()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "a")).ok());
    // Ticks 7 ms apart (never on a deadline): a relative schedule would drift to 1/0.207 s.
    runFor(s, clock, 100'000'000'000, 7'000'000);
    QCOMPARE(s.sentCount(0), 500);
    // A 100 ms-late tick sends its missed slot; a 3 s stall sends at most kMaxCatchUp and skips the rest.
    qint64 before = s.sentCount(0);
    clock.now += 300'000'000;
    s.tick();
    QCOMPARE(s.sentCount(0), before + 2);
    before = s.sentCount(0);
    clock.now += 3'000'000'000;
    s.tick();
    QCOMPARE(s.sentCount(0), before + kMaxCatchUp);
    clock.now += 200'000'000;
    s.tick();
    QCOMPARE(s.sentCount(0), before + kMaxCatchUp + 1); // back on the grid
}

void TestProbeScheduler::timeoutIsLoss()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    net.drop = [](const QString &, qint64 i) { return i % 4 == 1; }; // every 4th probe lost
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "a")).ok());
    const Run r = runFor(s, clock, 20'000'000'000);
    // Answers take 20 ms; only the two losses among the last 2 s (probes 93, 97) are still in flight.
    QCOMPARE(count(r, "a", true) + count(r, "a", false), 98);
    QCOMPARE(count(r, "a", true), 23);
    for (const auto &sample : r.samples)
        if (!sample.rttMs)
            QVERIFY(sample.notes.contains("timeout=1"));
    QVERIFY(r.bursts.empty());
}

void TestProbeScheduler::burstOfTen()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    net.drop = [](const QString &, qint64 i) { return i >= 50 && i < 60; };
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "a")).ok());
    const Run r = runFor(s, clock, 30'000'000'000);
    QCOMPARE(r.bursts.size(), size_t(1));
    QCOMPARE(r.bursts[0].burst.length, 10);
    QCOMPARE(r.bursts[0].burst.durationMs, 2000.0); // probe 50 → probe 60, 10 × 200 ms
    QCOMPARE(r.bursts[0].probe, QStringLiteral("icmp"));
    QCOMPARE(s.intervalNs(0), 200'000'000); // 10 < 20: no backoff
}

void TestProbeScheduler::backoffAndSnapBack()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    bool down = true;
    net.drop = [&down](const QString &, qint64) { return down; };
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "a")).ok());
    Run r = runFor(s, clock, 5'000'000'000);
    QCOMPARE(s.intervalNs(0), 200'000'000); // 15 failures seen by 5 s: not yet sustained
    r = runFor(s, clock, 1'000'000'000);
    QCOMPARE(s.intervalNs(0), 400'000'000); // the 20th failure (t = 5.8 s) doubled it once
    QCOMPARE(r.events.size(), 1);
    // People read events: the probe's name and a readable interval, not "icmp a … every 400 ms".
    QCOMPARE(r.events.first(), QStringLiteral("ICMP echo a: 20 failures in a row, backing off to one probe every 400 ms"));
    // Each failed probe sent at the current interval doubles it: 0.4 + 0.8 + … + 51.2 s ≈ 102 s
    // (plus 2 s timeouts) until a dead target is retried every 60 s.
    r = runFor(s, clock, 130'000'000'000);
    QCOMPARE(s.intervalNs(0), kDeadTargetRetryNs);
    QVERIFY2(r.events.last().endsWith("backing off to one probe every 60 s"), qPrintable(r.events.last()));
    QVERIFY2(r.events.filter("every 1.6 s").size() == 1, qPrintable(r.events.join('\n')));
    const qint64 sentWhileDead = s.sentCount(0);
    down = false;
    r = runFor(s, clock, 62'100'000'000); // the next retry (≤ 60 s) answers
    QCOMPARE(s.intervalNs(0), 200'000'000);
    QCOMPARE(r.events.last(), QStringLiteral("ICMP echo a answers again: back to one probe every 200 ms"));
    QVERIFY(s.sentCount(0) - sentWhileDead > 10); // back at 5/s
    QCOMPARE(r.bursts.size(), size_t(1));         // the whole outage is one burst
}

void TestProbeScheduler::deadTargetDoesNotSlowLiveOne()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    net.drop = [](const QString &t, qint64) { return t == "dead"; };
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "live")).ok());
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "dead")).ok());
    const Run r = runFor(s, clock, 120'000'000'000);
    QCOMPARE(s.sentCount(0), 600);
    QCOMPARE(s.intervalNs(0), 200'000'000);
    QCOMPARE(s.intervalNs(1), kDeadTargetRetryNs);
    QVERIFY2(s.sentCount(1) < 60, qPrintable(QString::number(s.sentCount(1))));
    QCOMPARE(count(r, "live", true), 0);
}

void TestProbeScheduler::gatewayDisables()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    net.drop = [](const QString &t, qint64) { return t == "gw"; };
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "gw", true)).ok());
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "live")).ok());
    const Run r = runFor(s, clock, 30'000'000'000);
    QVERIFY(s.disabled(0));
    QVERIFY(!s.disabled(1));
    QCOMPARE(count(r, "gw", true), int(s.sentCount(0)));
    const qint64 sent = s.sentCount(0);
    QVERIFY(sent < 40); // 20 losses seen 2 s after the 20th send, then nothing more
    runFor(s, clock, 10'000'000'000);
    QCOMPARE(s.sentCount(0), sent);
    QCOMPARE(r.events.filter("gateway ping stopped").size(), 1);
    for (const auto &sample : r.samples)
        if (sample.target == "gw")
            QVERIFY(sample.notes.contains("gateway=1"));
}

// A gateway that answered is not one that blocks ICMP: an outage (the link down for 30 s) backs it
// off like any target, and it answers again when the link is back (bench_soak found it stopped for good).
void TestProbeScheduler::gatewayThatAnsweredSurvivesAnOutage()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    bool down = false;
    net.drop = [&down](const QString &t, qint64) { return t == "gw" && down; };
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "gw", true)).ok());
    Run r = runFor(s, clock, 10'000'000'000);
    QCOMPARE(count(r, "gw", true), 0);
    down = true;
    r = runFor(s, clock, 30'000'000'000); // far more than 20 losses
    QVERIFY(count(r, "gw", true) >= kGatewayDisableAfterLosses);
    QVERIFY(!s.disabled(0));
    QCOMPARE(r.events.filter("gateway ping stopped").size(), 0);
    down = false;
    r = runFor(s, clock, 62'100'000'000); // the next retry (≤ 60 s) answers
    QVERIFY(!s.disabled(0));
    QCOMPARE(r.events.filter("gw answers again").size(), 1);
    QCOMPARE(s.intervalNs(0), 200'000'000);
    QVERIFY(count(r, "gw", false) > 10);
}

// Started with the link down: the gateway never answered, but every send failed (no route), which
// is our outage, not a gateway blocking ICMP. It backs off and answers once the link is up.
void TestProbeScheduler::gatewayUnreachableAtStartIsNotStopped()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    bool linkDown = true;
    net.unreachable = [&linkDown](const QString &) { return linkDown; };
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "gw", true)).ok());
    Run r = runFor(s, clock, 30'000'000'000);
    QVERIFY(count(r, "gw", true) >= kGatewayDisableAfterLosses);
    QVERIFY(!s.disabled(0));
    QCOMPARE(r.events.filter("gateway ping stopped").size(), 0);
    linkDown = false;
    r = runFor(s, clock, 62'100'000'000);
    QCOMPARE(r.events.filter("gw answers again").size(), 1);
    QVERIFY(count(r, "gw", false) > 10);
}

void TestProbeScheduler::removeLoopReportsWhatItHad()
{
    VirtualClock clock;
    FakeNet net;
    net.clock = &clock;
    net.drop = [](const QString &t, qint64 i) { return t == "old" && i >= 10; };
    ProbeScheduler s(clock, fakeFactory(&net));
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "old", true)).ok());
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "live")).ok());
    // 5 s: "old" sent 0..24 (every 200 ms); 10..14 timed out (a burst still running), 15..24 in flight.
    Run r = runFor(s, clock, 5'000'000'000);
    QCOMPARE(s.sentCount(0), 25);
    QCOMPARE(count(r, "old", true), 5);
    QVERIFY(r.bursts.empty());
    ProbeTickOutput removed = s.removeLoop(0);
    QCOMPARE(removed.bursts.size(), size_t(1)); // the burst in progress is reported...
    QCOMPARE(removed.bursts[0].target, QStringLiteral("old"));
    QCOMPARE(removed.bursts[0].burst.length, 5);
    QVERIFY(removed.samples.empty()); // ...the 10 probes in flight are dropped, not counted lost
    QCOMPARE(net.closed["old"], 1);   // its transport (socket) is closed now
    QCOMPARE(s.loopCount(), 1);
    QCOMPARE(s.loopSpec(0).endpoint.target, QStringLiteral("live"));
    QVERIFY(!s.removeLoop(5).bursts.size()); // out of range: nothing
    QCOMPARE(s.loopCount(), 1);

    // A replacement loop starts afresh; the remaining one keeps its schedule and sequence numbers.
    const qint64 liveSent = s.sentCount(0);
    QVERIFY(s.addLoop(spec(ProbeKind::Icmp, "new", true)).ok());
    r = runFor(s, clock, 1'000'000'000);
    QCOMPARE(s.sentCount(0) - liveSent, 5);
    QCOMPARE(s.sentCount(1), 5);
    QCOMPARE(count(r, "old", true) + count(r, "old", false), 0); // nothing more from the removed loop
    QCOMPARE(count(r, "live", true), 0);
    for (const auto &sample : r.samples)
        if (sample.target == "new")
            QVERIFY(sample.notes.contains("gateway=1"));

    // Answers that arrived before the removal still count.
    s.tick();                // sends "new" seq 5 at the current slot
    clock.now += 25'000'000; // its answer (20 ms RTT) is waiting, unread
    removed = s.removeLoop(1);
    QCOMPARE(removed.samples.size(), size_t(1));
    QCOMPARE(removed.samples[0].seq, 5);
    QCOMPARE(removed.samples[0].target, QStringLiteral("new"));
    QVERIFY(removed.samples[0].rttMs.has_value());
    QCOMPARE(s.nextWakeNs() <= clock.now + kIcmpIntervalNs, true); // "live" still scheduled
}

QTEST_APPLESS_MAIN(TestProbeScheduler)
#include "tst_probe_scheduler.moc"
