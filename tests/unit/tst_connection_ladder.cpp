// SPDX-License-Identifier: GPL-3.0-or-later
// The connection ladder's pure parts (rungs in order, punch ports, endpoint text) and the STUN/TURN
// messages libnice builds for us, read back by our own parser.
#include "collectors/nat/connection_ladder.h"
#include "collectors/nat/stun_wire.h"

#include "byte_mutator.h"

#include <QTest>

using namespace pathlens;
using namespace pathlens::collect;

class TstConnectionLadder : public QObject {
    Q_OBJECT
private slots:
    void rungsGoCheapestFirst()
    {
        PeerReachability peer;
        peer.addresses = {"192.168.1.20", "2001:db8::20", "fd00:1::20", "10.9.9.9"};
        peer.port = 8620;
        peer.reflected = "198.51.100.7:8620";
        peer.relay = "203.0.113.5:49160";
        const std::vector<LocalSubnet> own{{QHostAddress("192.168.1.10"), 24}};
        const auto rungs = ladderRungs(peer, own, true, true);
        QStringList got;
        for (const LadderRung &r : rungs)
            got << meshPathName(r.path) + " " + endpointText(r.address, r.port);
        // LAN first; direct by preference (global IPv6, IPv4, unique-local IPv6); punch; relay.
        QCOMPARE(got, (QStringList{"lan 192.168.1.20:8620", "direct [2001:db8::20]:8620", "direct 10.9.9.9:8620", "direct [fd00:1::20]:8620",
                                   "punched 198.51.100.7:8620", "relayed 203.0.113.5:49160"}));
    }

    void rungsNeedWhatTheyUse()
    {
        PeerReachability peer;
        peer.addresses = {"224.0.0.1", "255.255.255.255", "0.0.0.0", "127.0.0.1", "fe80::1", "not an address"};
        peer.port = 8620;
        peer.reflected = "198.51.100.7:8620";
        peer.relay = "203.0.113.5:49160";
        // Nothing an address rung may aim at; no punch without our own reflected address, no relay without ours.
        QVERIFY(ladderRungs(peer, {}, false, false).empty());
        QCOMPARE(ladderRungs(peer, {}, true, false).size(), size_t(1));
        QCOMPARE(ladderRungs(peer, {}, false, true).front().path, MeshPath::Relayed);
        peer.port = 0; // no reflector: no address rung even for a good address
        peer.addresses = {"192.0.2.1"};
        QCOMPARE(ladderRungs(peer, {}, false, false).size(), size_t(0));
        // Loopback only when the fleet lives on one machine.
        peer.port = 8620;
        peer.addresses = {"127.0.0.2"};
        QVERIFY(ladderRungs(peer, {}, false, false).empty());
        QCOMPARE(ladderRungs(peer, {{QHostAddress("127.0.0.1"), 8}}, false, false, true).front().path, MeshPath::Lan);
    }

    void punchPortsStopAtTheTop()
    {
        const auto p = punchPorts(8620);
        QCOMPARE(p.size(), size_t(kPunchDeltas));
        QCOMPARE(p.front(), quint16(8620));
        QCOMPARE(p.back(), quint16(8620 + 63));
        QCOMPARE(punchPorts(65500).size(), size_t(36)); // 65500..65535: no wrap to port 0
    }

    void endpointsBothWays()
    {
        for (const QString &text : {QStringLiteral("192.0.2.1:3478"), QStringLiteral("[2001:db8::1]:862")}) {
            const auto e = parseEndpoint(text);
            QVERIFY(e);
            QCOMPARE(endpointText(e->first, e->second), text);
        }
        for (const char *bad : {"192.0.2.1", "192.0.2.1:0", "192.0.2.1:70000", "2001:db8::1:862", "[2001:db8::1]", "host:1", ""})
            QVERIFY2(!parseEndpoint(QString::fromLatin1(bad)), bad);
        QCOMPARE(meshPathFromName("relayed"), std::optional(MeshPath::Relayed));
        QVERIFY(!meshPathFromName("teleported"));
    }

    void bindingRequestAndAnswer()
    {
        StunWire client, server;
        const QByteArray request = client.bindingRequest(QStringLiteral("pathlens-agent paris"));
        QVERIFY(StunWire::looksLikeStun(request));
        const auto asked = server.parse(request);
        QVERIFY(asked);
        QCOMPARE(asked->kind, StunKind::BindingRequest);
        QCOMPARE(asked->software, QString("pathlens-agent paris"));
        const StunEndpoint seen{QHostAddress("198.51.100.7"), 40000};
        const QByteArray answer = server.bindingAnswer(*asked, seen, QStringLiteral("pathlens-agent berlin"));
        const auto got = client.parse(answer);
        QVERIFY(got);
        QCOMPARE(got->kind, StunKind::BindingSuccess);
        QCOMPARE(got->transaction, StunWire::transactionOf(request));
        QCOMPARE(got->mapped, seen);
        QCOMPARE(got->software, QString("pathlens-agent berlin"));
    }

    void turnRequestsAreWellFormed()
    {
        StunWire wire;
        const QByteArray allocate = wire.allocate({}, {}, {}, 600);
        const auto a = StunWire().parse(allocate);
        QVERIFY(a);
        QCOMPARE(quint8(allocate[1]), quint8(0x03)); // Allocate request (RFC 5766 §13)
        const QByteArray send = wire.sendIndication({QHostAddress("203.0.113.5"), 49160}, QByteArray(100, 'x'));
        QCOMPARE(send.size(), 100 + StunWire::indicationOverhead(QHostAddress("203.0.113.5")));
        QCOMPARE(quint8(send[1]), quint8(0x16)); // Send indication
        QVERIFY(!wire.createPermission({}, {}, QStringLiteral("u"), QStringLiteral("p")).size()); // no peer: nothing to ask
    }

    void notStunIsNotParsed()
    {
        StunWire wire;
        QByteArray stamp(44, '\0'); // a STAMP packet: its seconds are no magic cookie
        stamp[4] = char(0xED);
        QVERIFY(!StunWire::looksLikeStun(stamp));
        QVERIFY(!wire.parse(stamp));
        QByteArray truncated = wire.bindingRequest({}).left(19);
        QVERIFY(!wire.parse(truncated));
        QByteArray unknownAnswer = StunWire().bindingAnswer(*StunWire().parse(wire.bindingRequest({})), {QHostAddress("192.0.2.1"), 1}, {});
        QVERIFY(wire.parse(unknownAnswer)); // well-formed: the endpoint matches answers to its own requests
    }

    // The parser of what arrives on the mesh socket from anyone: mutated messages of every kind
    // we handle never crash it, and what it accepts is still STUN-framed.
    void mutatedMessagesNeverCrash()
    {
        StunWire builder;
        const auto request = builder.parse(builder.bindingRequest(QStringLiteral("pathlens-agent x")));
        QVERIFY(request);
        const QByteArray seeds[] = {builder.bindingRequest(QStringLiteral("pathlens-agent x")),
                                    builder.bindingAnswer(*request, {QHostAddress("2001:db8::7"), 9}, QStringLiteral("y")),
                                    builder.allocate({}, QStringLiteral("u"), QStringLiteral("p"), 600),
                                    builder.createPermission(builder.bindingRequest({}), {QHostAddress("192.0.2.9")}, QStringLiteral("u"),
                                                             QStringLiteral("p")),
                                    builder.sendIndication({QHostAddress("192.0.2.9"), 1}, QByteArray(44, 'z'))};
        QRandomGenerator rng(12);
        StunWire parser;
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            const QByteArray m = test::mutate(seeds[i % std::size(seeds)], rng);
            if (const auto got = parser.parse(m)) {
                ++accepted;
                QVERIFY(StunWire::looksLikeStun(m));
                QCOMPARE(got->transaction.size(), 12);
            }
        }
        qInfo("%d of 20000 mutated messages accepted", accepted);
    }
};

QTEST_GUILESS_MAIN(TstConnectionLadder)
#include "tst_connection_ladder.moc"
