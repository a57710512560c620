// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic mutation fuzzing, inside the normal suite, of the helper's request parser and the DNS
// response check (tests/fuzz/ goes further with libFuzzer): refusals say why, answers round-trip.
#include "collectors/probes/dns/dns_query.h"
#include "collectors/wire/helper_protocol.h"
#include "byte_mutator.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pathlens::collect;

using pathlens::test::mutate;

class TstWireDnsFuzzSmoke : public QObject {
    Q_OBJECT
private slots:
    void helperRequests()
    {
        const QByteArray seeds[] = {"raw-open id=1 family=inet protocol=icmp", "raw-open id=2 family=inet6 protocol=icmpv6",
                                    "raw-open id=3 family=inet6 protocol=tcp", "ping id=4", "caps id=5", "quit id=6",
                                    "raw-open id=7 family=inet%20 protocol=icmp"};
        QRandomGenerator rng(20261206); // fixed seed: failures reproduce
        int accepted = 0, refused = 0, rawOk = 0;
        for (int round = 0; round < 6000; ++round) {
            const QByteArray line = mutate(seeds[rng.bounded(int(std::size(seeds)))], rng);
            QString why;
            const auto msg = wire::parseLine(line, &why);
            if (!msg) {
                ++refused;
                QVERIFY2(!why.isEmpty(), line.constData());
                continue;
            }
            ++accepted;
            QString rawWhy;
            if (wire::parseRawOpen(*msg, &rawWhy))
                ++rawOk;
            else
                QVERIFY(!rawWhy.isEmpty());
            const auto again = wire::parseLine(msg->toLine().toUtf8());
            QVERIFY2(again && again->verb == msg->verb && again->args == msg->args, line.constData());
        }
        QVERIFY(accepted > 500 && refused > 500 && rawOk > 100);
        // The check refuses what the helper must never open.
        QVERIFY(!wire::parseRawOpen({"raw-open", {{"family", "inet"}, {"protocol", "icmpv6"}}}));
        QVERIFY(!wire::parseRawOpen({"raw-open", {{"family", "packet"}, {"protocol", "tcp"}}}));
        QVERIFY(!wire::parseRawOpen({"raw-open", {{"family", "inet"}, {"protocol", "udp"}}}));
    }

    void dnsResponses()
    {
        const QByteArray query = buildDnsQuery(0xbeef, QStringLiteral("example.com"));
        QVERIFY(!query.isEmpty());
        QVERIFY(!dnsResponseId(query)); // a query is not a response
        QByteArray answer = query;
        answer[2] = char(quint8(answer[2]) | 0x80);
        QCOMPARE(*dnsResponseId(answer), quint16(0xbeef));
        QRandomGenerator rng(6122026);
        int responses = 0;
        for (int round = 0; round < 6000; ++round) {
            const QByteArray d = mutate(rng.bounded(2) ? answer : query, rng);
            if (const auto id = dnsResponseId(d)) {
                ++responses;
                QVERIFY(d.size() >= 12 && (quint8(d[2]) & 0x80));
                QCOMPARE(*id, quint16((quint8(d[0]) << 8) | quint8(d[1])));
            }
            const QByteArray q = buildDnsQuery(7, QString::fromLatin1(d));
            QVERIFY(q.isEmpty() || (q.size() >= 17 && !dnsResponseId(q)));
        }
        QVERIFY(responses > 1000);
    }
};

QTEST_GUILESS_MAIN(TstWireDnsFuzzSmoke)
#include "tst_wire_dns_fuzz_smoke.moc"
