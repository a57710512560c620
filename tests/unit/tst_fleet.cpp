// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet bus codec (topics, hello, verdict, mesh rows; what it refuses), the fleet ranking (merging
// hellos and verdicts in arrival order, the band sentence, fastest and slowest) and fleet rows.
#include "core/fleet/fleet_bus_codec.h"
#include "core/fleet/fleet_ranking.h"
#include "core/store/fleet_rows.h"

#include "byte_mutator.h"

#include <QTest>

using namespace pathlens::core;

namespace {
FleetDevice verdict(const QString &id, Grade g, double rtt, double retrans, int sessions)
{
    FleetDevice d;
    d.utcUs = 1'800'000'000'000'000;
    d.id = d.name = id;
    d.hasVerdict = true;
    d.grade = g;
    d.medianRttMs = rtt;
    d.retransPct = retrans;
    d.sessions = sessions;
    return d;
}

FleetDevice hello(const QString &id, bool online, QStringList addresses = {QStringLiteral("192.0.2.1")})
{
    FleetDevice d;
    d.utcUs = 1'800'000'000'000'000;
    d.id = d.name = id;
    d.hasHello = true;
    d.online = online;
    d.addresses = addresses;
    d.reflectorPort = 862;
    return d;
}

MeshResult meshResult()
{
    MeshResult m;
    m.utcUs = 1'800'000'000'000'000;
    m.src = "a1";
    m.dst = "a2";
    m.sent = 19;
    m.answered = 19;
    return m;
}

FleetTopic topic(const QString &agent, FleetTopicKind kind)
{
    return {QStringLiteral("lab"), agent, kind};
}
} // namespace

class TstFleet : public QObject {
    Q_OBJECT
private slots:
    // The NAT ladder's part of the bus (issue 12): where a hello says its mesh socket is seen and
    // relayed, punch invitations that only an agent itself may send, rows that say their path.
    void ladderMessagesRoundTrip()
    {
        FleetDevice h = hello("berlin-1", true);
        h.reflected = QStringLiteral("198.51.100.7:8620");
        h.relay = QStringLiteral("203.0.113.5:49160");
        const auto d = decodeFleetMessage(topic("berlin-1", FleetTopicKind::Hello), encodeHello(h));
        QVERIFY(d);
        QCOMPARE(std::get<FleetDevice>(*d).reflected, h.reflected);
        QCOMPARE(std::get<FleetDevice>(*d).relay, h.relay);

        const FleetPunchInvite invite{1'800'000'000'000'000, QStringLiteral("berlin-1"), QStringLiteral("paris"),
                                      QStringLiteral("198.51.100.7:8620"), 1'800'000'003'000'000};
        const auto p = decodeFleetMessage(topic("berlin-1", FleetTopicKind::Punch), encodePunchInvite(invite));
        QVERIFY(p);
        const auto &got = std::get<FleetPunchInvite>(*p);
        QCOMPARE(got.from, invite.from);
        QCOMPARE(got.to, invite.to);
        QCOMPARE(got.reflected, invite.reflected);
        QCOMPARE(got.atUtcUs, invite.atUtcUs);
        QCOMPARE(parseFleetTopic(fleetTopic("lab", "berlin-1", FleetTopicKind::Punch))->kind, FleetTopicKind::Punch);
        // Only berlin-1 may invite in its own name, and an invitation needs every field.
        QVERIFY(!decodeFleetMessage(topic("madrid", FleetTopicKind::Punch), encodePunchInvite(invite)));
        FleetPunchInvite self = invite;
        self.to = self.from;
        QVERIFY(!decodeFleetMessage(topic("berlin-1", FleetTopicKind::Punch), encodePunchInvite(self)));
        FleetPunchInvite noMoment = invite;
        noMoment.atUtcUs = 0;
        QVERIFY(!decodeFleetMessage(topic("berlin-1", FleetTopicKind::Punch), encodePunchInvite(noMoment)));

        MeshResult down = meshResult();
        down.answered = 0;
        down.path = QStringLiteral("none");
        down.pathNote = QStringLiteral("relay: TURN server 203.0.113.5:3478 did not answer 3 requests");
        const auto m = decodeFleetMessage(topic("a1", FleetTopicKind::Mesh), encodeMeshResult(down));
        QVERIFY(m);
        QCOMPARE(std::get<MeshResult>(*m).path, QString("none"));
        QCOMPARE(std::get<MeshResult>(*m).pathNote, down.pathNote);
        QVERIFY(std::get<MeshResult>(*m).down());
    }

    void topicsRoundTripAndRejectForeignShapes()
    {
        const QString t = fleetTopic("lab", "berlin-1", FleetTopicKind::Verdict);
        QCOMPARE(t, QString("pathlens/v1/lab/berlin-1/verdict"));
        const auto parsed = parseFleetTopic(t);
        QVERIFY(parsed);
        QCOMPARE(parsed->fleet, QString("lab"));
        QCOMPARE(parsed->agentId, QString("berlin-1"));
        QCOMPARE(parsed->kind, FleetTopicKind::Verdict);
        QCOMPARE(fleetSubscription("lab"), QString("pathlens/v1/lab/+/+"));
        for (const char *bad : {"pathlens/v1/lab/x/other", "pathlens/v1/lab/x", "pathlens/v2/lab/x/hello", "other/v1/lab/x/hello",
                                "pathlens/v1/lab/x/y/hello", "pathlens/v1/la b/x/hello", "pathlens/v1//x/hello"})
            QVERIFY2(!parseFleetTopic(QString::fromLatin1(bad)), bad);
        QVERIFY(checkFleetTopicLevel("fleet", "office_2.eu-west"));
        QVERIFY(!checkFleetTopicLevel("fleet", "a/b"));
        QVERIFY(!checkFleetTopicLevel("fleet", "#"));
        QVERIFY(!checkFleetTopicLevel("fleet", ""));
        QVERIFY(!checkFleetTopicLevel("fleet", QString(65, QLatin1Char('x'))));
        QCOMPARE(fleetSafeId("Berlin office/#2"), QString("Berlin-office--2"));
        QCOMPARE(fleetSafeId(QString::fromUtf8("zürich+1")), QString("z-rich-1"));
        QCOMPARE(fleetSafeId(""), QString("agent"));
        QVERIFY(checkFleetTopicLevel("id", fleetSafeId(QString(100, QLatin1Char('+')))));
    }

    void helloAndVerdictRoundTrip()
    {
        FleetDevice h = hello("berlin-1", true, {"2001:db8::7", "192.0.2.7"});
        h.name = "Berlin office";
        auto decoded = decodeFleetMessage(topic("berlin-1", FleetTopicKind::Hello), encodeHello(h));
        QVERIFY(decoded);
        const auto &dh = std::get<FleetDevice>(*decoded);
        QCOMPARE(dh.id, h.id);
        QCOMPARE(dh.name, QString("Berlin office"));
        QCOMPARE(dh.addresses, h.addresses);
        QCOMPARE(dh.reflectorPort, quint16(862));
        QCOMPARE(dh.utcUs, h.utcUs);
        QVERIFY(dh.hasHello && !dh.hasVerdict && dh.online);
        h.instance = "4f1c2a";
        QCOMPARE(std::get<FleetDevice>(*decodeFleetMessage(topic("berlin-1", FleetTopicKind::Hello), encodeHello(h))).instance,
                 QString("4f1c2a"));

        const FleetDevice v = verdict("berlin-1", Grade::Fair, 123.25, 1.5, 42);
        decoded = decodeFleetMessage(topic("berlin-1", FleetTopicKind::Verdict), encodeVerdict(v));
        QVERIFY(decoded);
        const auto &dv = std::get<FleetDevice>(*decoded);
        QVERIFY(dv.hasVerdict && !dv.hasHello);
        QCOMPARE(dv.grade, Grade::Fair);
        QCOMPARE(*dv.medianRttMs, 123.25);
        QCOMPARE(*dv.retransPct, 1.5);
        QCOMPARE(dv.sessions, 42);

        FleetDevice ungraded = verdict("berlin-1", Grade::Ungraded, 0, 0, 1);
        ungraded.medianRttMs.reset();
        ungraded.retransPct.reset();
        decoded = decodeFleetMessage(topic("berlin-1", FleetTopicKind::Verdict), encodeVerdict(ungraded));
        QVERIFY(decoded);
        QCOMPARE(std::get<FleetDevice>(*decoded).grade, Grade::Ungraded);
        QVERIFY(!std::get<FleetDevice>(*decoded).medianRttMs);
    }

    void meshRowRoundTrips()
    {
        MeshResult m = meshResult();
        m.utcUs = 1'800'000'000'123'456;
        m.path = "lan";
        m.dstAddress = "10.70.2.2";
        m.answered = 18;
        m.rttMs = 9.125;
        m.lossPct = 100.0 / 19;
        m.lossForwardPct = 0;
        m.lossReversePct = 100.0 / 19;
        m.queueForwardMs = 0.25;
        m.queueReverseMs = 41.5;
        m.capacityForwardMbps = 19.5;
        m.capacityNote = "doubtful reverse: spread 40 %";
        auto decoded = decodeFleetMessage(topic("a1", FleetTopicKind::Mesh), encodeMeshResult(m));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
        const auto &d = std::get<MeshResult>(*decoded);
        QCOMPARE(d.utcUs, m.utcUs);
        QCOMPARE(d.src, m.src);
        QCOMPARE(d.dst, m.dst);
        QCOMPARE(d.path, m.path);
        QCOMPARE(d.dstAddress, m.dstAddress);
        QCOMPARE(d.sent, 19);
        QCOMPARE(d.answered, 18);
        QCOMPARE(d.rttMs, 9.125);
        QCOMPARE(d.lossPct, m.lossPct);
        QCOMPARE(*d.lossForwardPct, 0.0);
        QCOMPARE(*d.lossReversePct, *m.lossReversePct);
        QCOMPARE(d.queueReverseMs, 41.5);
        QCOMPARE(*d.capacityForwardMbps, 19.5);
        QVERIFY(!d.capacityReverseMbps);
        QCOMPARE(d.capacityNote, m.capacityNote);
    }

    void traceRoundTripsAndSpeaksOnlyForItsSender()
    {
        TraceResult t;
        t.startedUtcUs = 1'800'000'000'000'000;
        t.tracedBy = "a1";
        t.target = "a2";
        t.targetAddr = "10.70.2.2";
        t.proto = "udp";
        t.reached = true;
        t.durationMs = 12.5;
        t.localAddr = "10.70.1.2";
        for (int ttl = 1; ttl <= 3; ++ttl) {
            TraceHop h;
            h.ttl = ttl;
            h.sent = 3;
            if (ttl != 2) { // a silent hop in the middle
                h.addr = QStringLiteral("10.70.%1.1").arg(ttl);
                h.rttMs = {1.0 * ttl, 1.1 * ttl, 1.2 * ttl};
            }
            h.destination = ttl == 3;
            t.hops.push_back(h);
        }
        auto decoded = decodeFleetMessage(topic("a1", FleetTopicKind::Trace), encodeTrace(t));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
        const auto &d = std::get<TraceResult>(*decoded);
        QCOMPARE(d.tracedBy, QString("a1"));
        QCOMPARE(d.target, QString("a2"));
        QCOMPARE(d.targetAddr, t.targetAddr);
        QCOMPARE(d.startedUtcUs, t.startedUtcUs);
        QCOMPARE(d.hops.size(), size_t(3));
        QVERIFY(d.hops[1].silent() && d.hops[1].sent == 3);
        QCOMPARE(d.hops[2].rttMs, t.hops[2].rttMs);
        QVERIFY(d.hops[2].destination && d.reached);
        // Another agent's trace sent as a1's, a hop after a later one, more answers than probes.
        QVERIFY(!decodeFleetMessage(topic("a3", FleetTopicKind::Trace), encodeTrace(t)));
        TraceResult bad = t;
        std::swap(bad.hops[0], bad.hops[2]);
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Trace), encodeTrace(bad)));
        bad = t;
        bad.hops[0].sent = 2;
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Trace), encodeTrace(bad)));
        bad = t;
        bad.proto = "carrier-pigeon";
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Trace), encodeTrace(bad)));
    }

    void refusesWhatAnAgentMayNotSay()
    {
        const QByteArray good = encodeHello(hello("a1", true));
        QVERIFY(decodeFleetMessage(topic("a1", FleetTopicKind::Hello), good));
        // Speaking for another agent.
        QVERIFY(!decodeFleetMessage(topic("a2", FleetTopicKind::Hello), good));
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Hello), "not json"));
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Hello), "[1,2]"));
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Hello), QByteArray(good).replace("\"v\":1", "\"v\":2")));
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Hello), QByteArray(good).replace("\"utc_us\"", "\"utc\"")));
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Hello), QByteArray(good).replace("862", "70000")));
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Hello), good + QByteArray(kFleetBusMaxPayload, ' ')));
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Verdict),
                                    QByteArray(encodeVerdict(verdict("a1", Grade::Good, 1, 0, 1))).replace("Good", "Superb")));
        MeshResult m = meshResult();
        QVERIFY(decodeFleetMessage(topic("a1", FleetTopicKind::Mesh), encodeMeshResult(m)));
        m.answered = 20; // more answers than packets
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Mesh), encodeMeshResult(m)));
        m.answered = 5;
        m.path = "teleport";
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Mesh), encodeMeshResult(m)));
        m.path = "direct";
        m.dst = "a1"; // to itself
        QVERIFY(!decodeFleetMessage(topic("a1", FleetTopicKind::Mesh), encodeMeshResult(m)));
    }

    void rankingMergesInArrivalOrder()
    {
        FleetRanking r;
        r.add(hello("a1", true, {"192.0.2.1"}));
        r.add(verdict("a1", Grade::Good, 60, 0.2, 10));
        FleetDevice will = hello("a1", false, {"192.0.2.1"});
        will.utcUs -= 60'000'000; // a last will carries the time its agent connected: older, yet last
        r.add(will);
        FleetPicture p = r.picture();
        QCOMPARE(p.devices.size(), size_t(1));
        QCOMPARE(p.devices[0].grade, Grade::Good); // the hello did not erase the verdict
        QVERIFY(!p.devices[0].online);
        QCOMPARE(p.online, 0);
        r.add(verdict("a1", Grade::Poor, 300, 4, 12)); // a verdict keeps the addresses
        r.add(hello("a1", true, {}));                  // a hello without addresses keeps them too
        p = r.picture();
        QCOMPARE(p.devices[0].grade, Grade::Poor);
        QCOMPARE(p.devices[0].addresses, QStringList{"192.0.2.1"});
        QVERIFY(p.devices[0].online);
        QCOMPARE(p.devices[0].reflectorPort, quint16(862));
        FleetDevice noReflector = hello("a1", true);
        noReflector.reflectorPort = 0; // restarted with --no-reflector
        r.add(noReflector);
        QCOMPARE(r.picture().devices[0].reflectorPort, quint16(0));
    }

    void rankingBandFastestAndSlowest()
    {
        FleetRanking r;
        QCOMPARE(r.picture().band, QString("No devices have reported on the fleet bus yet"));
        r.add(hello("new", true));
        QCOMPARE(r.picture().band, QString("1 device(s) reporting, none graded yet"));
        for (int i = 0; i < 8; ++i)
            r.add(verdict(QStringLiteral("e%1").arg(i), Grade::Excellent, 10 + i, 0.1, 5));
        for (int i = 0; i < 3; ++i)
            r.add(verdict(QStringLiteral("g%1").arg(i), Grade::Good, 60 + i, 0.6, 5));
        QCOMPARE(r.picture().band, QString("Fleet is healthy — 8 Excellent · 3 Good · 1 not graded yet"));
        r.add(verdict("f0", Grade::Fair, 150, 2, 5));
        FleetPicture p = r.picture();
        QCOMPARE(p.band, QString("Fleet needs attention — 8 Excellent · 3 Good · 1 Fair · 1 not graded yet"));
        QCOMPARE(p.gradeCounts[size_t(Grade::Excellent)], 8);
        QCOMPARE(p.worst, Grade::Fair);
        // Median of the 12 graded devices' RTTs 10..17, 60, 61, 62, 150: the 6th and 7th, (15 + 16) / 2.
        QCOMPARE(*p.medianRttMs, 15.5);
        const auto fast = p.fastest(10), slow = p.slowest(10);
        QCOMPARE(fast.size(), size_t(10));
        QCOMPARE(fast.front().id, QString("e0"));
        QCOMPARE(fast.back().id, QString("g1"));
        QCOMPARE(slow.size(), size_t(10));
        QCOMPARE(slow.front().id, QString("f0"));   // worst first
        QCOMPARE(slow[1].id, QString("g2"));
        QCOMPARE(p.devices.back().id, QString("new")); // ungraded last, in no top ten
        r.add(verdict("p0", Grade::Poor, 90, 5, 5));
        QVERIFY(r.picture().band.startsWith("Fleet has trouble — "));
    }

    void rowsRoundTrip()
    {
        FleetDevice h = hello("a1", false, {"192.0.2.1", "2001:db8::1"});
        FleetDevice back = fleetDeviceFromRow(fleetDeviceToRow(h));
        QVERIFY(back.hasHello && !back.hasVerdict && !back.online);
        QCOMPARE(back.addresses, h.addresses);
        QCOMPARE(back.reflectorPort, quint16(862));
        const FleetDevice v = verdict("a1", Grade::Excellent, 12.5, 0.25, 7);
        back = fleetDeviceFromRow(fleetDeviceToRow(v));
        QVERIFY(back.hasVerdict && !back.hasHello);
        QCOMPARE(back.grade, Grade::Excellent);
        QCOMPARE(*back.medianRttMs, 12.5);
        QCOMPARE(*back.retransPct, 0.25);
        QCOMPARE(back.sessions, 7);
        QCOMPARE(back.utcUs, v.utcUs);
    }

    // Deterministic mutation fuzzing inside the suite (tests/fuzz/fuzz_fleet_bus goes further):
    // never a crash, and what decodes re-encodes to something that decodes.
    void mutatedPayloadsNeverCrash()
    {
        MeshResult m = meshResult();
        m.rttMs = 4.5;
        m.capacityForwardMbps = 20;
        TraceResult t;
        t.startedUtcUs = m.utcUs;
        t.tracedBy = "a1";
        t.target = t.targetAddr = "192.0.2.2";
        t.proto = "udp";
        for (int ttl = 1; ttl <= 2; ++ttl) {
            TraceHop h;
            h.ttl = ttl;
            h.addr = QStringLiteral("192.0.2.%1").arg(ttl);
            h.rttMs = {0.5 * ttl, 0.6 * ttl};
            h.sent = 3;
            t.hops.push_back(h);
        }
        const std::pair<FleetTopicKind, QByteArray> seeds[] = {
            {FleetTopicKind::Hello, encodeHello(hello("a1", true, {"192.0.2.1", "2001:db8::1"}))},
            {FleetTopicKind::Verdict, encodeVerdict(verdict("a1", Grade::Good, 70, 0.7, 9))},
            {FleetTopicKind::Mesh, encodeMeshResult(m)},
            {FleetTopicKind::Trace, encodeTrace(t)}};
        QRandomGenerator rng(20261206); // fixed seed: failures reproduce
        int accepted = 0, refused = 0;
        for (int round = 0; round < 6000; ++round) {
            const auto &[kind, seed] = seeds[round % 4];
            const QByteArray input = pathlens::test::mutate(seed, rng);
            const auto decoded = decodeFleetMessage(topic("a1", kind), input);
            if (!decoded) {
                ++refused;
                QVERIFY(!decoded.error().message.isEmpty());
                continue;
            }
            ++accepted;
            QByteArray again;
            if (const auto *mr = std::get_if<MeshResult>(&*decoded))
                again = encodeMeshResult(*mr);
            else if (const auto *tr = std::get_if<TraceResult>(&*decoded))
                again = encodeTrace(*tr);
            else
                again = kind == FleetTopicKind::Hello ? encodeHello(std::get<FleetDevice>(*decoded))
                                                      : encodeVerdict(std::get<FleetDevice>(*decoded));
            QVERIFY2(decodeFleetMessage(topic("a1", kind), again), again.constData());
        }
        qInfo("%d mutated payloads accepted, %d refused", accepted, refused);
        QVERIFY(accepted > 0 && refused > 0);
    }
};

QTEST_GUILESS_MAIN(TstFleet)
#include "tst_fleet.moc"
