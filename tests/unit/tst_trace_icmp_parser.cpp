// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the pure ICMP/ICMPv6 parser (quoted IP/UDP/TCP/ICMP headers, RFC 4884/4950 MPLS) and probe packets.
#include "tst_trace_packets.h"

#include <QTest>

using namespace pathlens::collect;
using namespace trace_test;

class TestTraceIcmpParser : public QObject {
    Q_OBJECT
private slots:
    void timeExceededV4WithIpHeaderQuotesUdpProbe()
    {
        const QByteArray probe = ipPacket(false, "10.0.0.1", "192.0.2.9", 1, 46 << 2 | 1, 17,
                                          udp(40000, 33434, buildUdpProbePayload(0x1234)));
        const QByteArray icmp = icmpError(false, 11, 0, probe);
        const QByteArray packet = ipPacket(false, "10.0.0.254", "10.0.0.1", 64, 0, 1, icmp);
        auto m = parseIcmp(packet, false, true);
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().message));
        QCOMPARE(m->from, QStringLiteral("10.0.0.254"));
        QCOMPARE(m->outerTtl, 64);
        QCOMPARE(int(m->kind), int(IcmpKind::TimeExceeded));
        QVERIFY(!m->portUnreachable);
        QVERIFY(m->quoted && m->quoted->hasTransport);
        QCOMPARE(m->quoted->dst, QStringLiteral("192.0.2.9"));
        QCOMPARE(m->quoted->ttl, 1);
        QCOMPARE(m->quoted->dscp, 46);
        QCOMPARE(m->quoted->ecn, 1);
        QCOMPARE(m->quoted->ipId, quint16(0x1234));
        QCOMPARE(m->quoted->srcPort, quint16(40000));
        QCOMPARE(m->quoted->dstPort, quint16(33434));
        QCOMPARE(udpProbeIdFromPayload(m->quoted->payload), std::optional<quint16>(0x1234));
        QVERIFY(m->mplsLabels.empty());
    }

    void portUnreachableV6QuotesHopLimitAndTrafficClass()
    {
        const QByteArray probe = ipPacket(true, "fd00::1", "fd00::9", 3, 10 << 2 | 2, 17, udp(1, 33434, buildUdpProbePayload(7)));
        const QByteArray error = icmpError(true, 1, 4, probe); // outlives m: the quoted payload views into it
        auto m = parseIcmp(error, true, false);
        QVERIFY(m.ok());
        QCOMPARE(int(m->kind), int(IcmpKind::Unreachable));
        QVERIFY(m->portUnreachable);
        QCOMPARE(m->quoted->ttl, 3);
        QCOMPARE(m->quoted->dscp, 10);
        QCOMPARE(m->quoted->ecn, 2);
        QCOMPARE(m->quoted->src, QStringLiteral("fd00::1"));
        QCOMPARE(udpProbeIdFromPayload(m->quoted->payload), std::optional<quint16>(7));
    }

    void shortQuoteHasNoTransport()
    {
        // RFC 792 minimum is 8 bytes; a router quoting only 4 still gives the IP header.
        QByteArray probe = ipPacket(false, "10.0.0.1", "192.0.2.9", 1, 0, 17, udp(1, 2, {}));
        probe.chop(4);
        auto m = parseIcmp(icmpError(false, 11, 0, probe), false, false);
        QVERIFY(m.ok());
        QVERIFY(!m->quoted->hasTransport);
        QCOMPARE(m->quoted->ttl, 1);
    }

    void quotedTcpAndIcmpProbes()
    {
        const QByteArray syn = buildTcpSyn(5555, 80, 0xabcd0001, addr("10.0.0.1"), addr("192.0.2.9"));
        auto t = parseIcmp(icmpError(false, 11, 0, ipPacket(false, "10.0.0.1", "192.0.2.9", 1, 0, 6, syn)), false, false);
        QVERIFY(t.ok());
        QCOMPARE(t->quoted->tcpSeq, 0xabcd0001u);
        QCOMPARE(t->quoted->srcPort, quint16(5555));
        const QByteArray echo = buildIcmpEcho(true, 0x4242, 9);
        auto e = parseIcmp(icmpError(true, 3, 0, ipPacket(true, "fd00::1", "fd00::9", 1, 0, 58, echo)), true, false);
        QVERIFY(e.ok());
        QCOMPARE(e->quoted->icmpId, quint16(0x4242));
        QCOMPARE(e->quoted->icmpSeq, quint16(9));
    }

    void echoReply()
    {
        QByteArray reply = buildIcmpEcho(false, 77, 5);
        reply[0] = 0;
        auto m = parseIcmp(ipPacket(false, "192.0.2.9", "10.0.0.1", 60, 0, 1, reply), false, true);
        QVERIFY(m.ok());
        QCOMPARE(int(m->kind), int(IcmpKind::EchoReply));
        QCOMPARE(m->echoId, quint16(77));
        QCOMPARE(m->echoSeq, quint16(5));
        QVERIFY(!m->quoted);
    }

    void mplsExtensionWithDeclaredLength()
    {
        const QByteArray probe = ipPacket(false, "10.0.0.1", "192.0.2.9", 1, 0, 17, udp(1, 2, buildUdpProbePayload(1)));
        const QByteArray error = icmpError(false, 11, 0, probe, mplsExtension({16, 299792})); // the payload views into it
        auto m = parseIcmp(error, false, false);
        QVERIFY(m.ok());
        QCOMPARE(m->mplsLabels, (std::vector<quint32>{16, 299792}));
        QCOMPARE(udpProbeIdFromPayload(m->quoted->payload), std::optional<quint16>(1));
        auto v6 = parseIcmp(icmpError(true, 3, 0, ipPacket(true, "fd00::1", "fd00::9", 1, 0, 17, udp(1, 2, {})),
                                      mplsExtension({1048575})), true, false);
        QVERIFY(v6.ok());
        QCOMPARE(v6->mplsLabels, (std::vector<quint32>{1048575}));
    }

    void mplsExtensionWithoutLength()
    {
        // RFC 4884 §5.5 compatibility: extension right after 128 bytes, length field zero.
        const QByteArray probe = ipPacket(false, "10.0.0.1", "192.0.2.9", 1, 0, 17, udp(1, 2, {}));
        auto m = parseIcmp(icmpError(false, 11, 0, probe, mplsExtension({24000}), false), false, false);
        QVERIFY(m.ok());
        QCOMPARE(m->mplsLabels, (std::vector<quint32>{24000}));
    }

    void badExtensionChecksumIsIgnored()
    {
        QByteArray ext = mplsExtension({16});
        ext[ext.size() - 1] = char(ext[ext.size() - 1] ^ 0x40);
        const QByteArray probe = ipPacket(false, "10.0.0.1", "192.0.2.9", 1, 0, 17, udp(1, 2, {}));
        auto m = parseIcmp(icmpError(false, 11, 0, probe, ext), false, false);
        QVERIFY(m.ok());
        QVERIFY(m->mplsLabels.empty());
    }

    void malformedInputsAreErrorsNotCrashes()
    {
        QVERIFY(!parseIcmp(QByteArray(), false, false).ok());
        QVERIFY(!parseIcmp(QByteArray(7, '\0'), false, false).ok());
        QVERIFY(!parseIcmp(QByteArray(20, '\x45'), false, true).ok());          // IP header without ICMP
        QVERIFY(!parseIcmp(icmpError(false, 11, 0, QByteArray(10, '\x45')), false, false).ok()); // quote too short
        QByteArray bad = ipPacket(false, "1.1.1.1", "2.2.2.2", 1, 0, 1, icmpError(false, 11, 0, {}));
        bad[0] = char(0x4f); // IHL 60 > packet
        QVERIFY(!parseIcmp(bad.left(30), false, true).ok());
        auto other = parseIcmp(QByteArray("\x86\0\0\0\0\0\0\0", 8), true, false); // router advertisement
        QVERIFY(other.ok());
        QCOMPARE(int(other->kind), int(IcmpKind::Other));
    }

    void icmpEchoChecksumStaysConstant()
    {
        // Paris: the ICMP checksum is hashed by some balancers, so it must not change with the sequence.
        const QByteArray a = buildIcmpEcho(false, 0x1111, 1), b = buildIcmpEcho(false, 0x1111, 40000);
        QCOMPARE(a.mid(2, 2), b.mid(2, 2));
        QCOMPARE(onesComplementFold(onesComplementAdd(0, a)), quint16(0xffff)); // valid checksum
        QCOMPARE(a.left(2), QByteArray("\x08\x00", 2));
    }

    void tcpSynChecksumIsValid()
    {
        const QByteArray s = addr("10.0.0.1"), d = addr("192.0.2.9");
        const QByteArray syn = buildTcpSyn(5555, 443, 42, s, d);
        quint32 sum = onesComplementAdd(onesComplementAdd(0, s), d) + 6 + quint32(syn.size());
        QCOMPARE(onesComplementFold(onesComplementAdd(sum, syn)), quint16(0xffff));
        auto seg = parseTcpSegment(syn, false, false);
        QVERIFY(seg && seg->syn && !seg->hasAck && seg->seq == 42 && seg->dstPort == 443);
    }

    void udpPayloadId()
    {
        QCOMPARE(udpProbeIdFromPayload(buildUdpProbePayload(65535)), std::optional<quint16>(65535));
        QVERIFY(!udpProbeIdFromPayload(QByteArray("PLt")));
        QVERIFY(!udpProbeIdFromPayload(QByteArray(12, 'x')));
    }
};

QTEST_GUILESS_MAIN(TestTraceIcmpParser)
#include "tst_trace_icmp_parser.moc"
