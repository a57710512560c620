// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP HEAD probe's response-head parser: status, fields, keep-alive, interim heads, limits, and a mutation fuzz
// smoke.
#include "collectors/probes/http/http_response_head.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pathlens::collect;
using State = HttpHeadParse::State;

class TestHttpResponseHead : public QObject {
    Q_OBJECT
private slots:
    void typicalCdnAnswer()
    {
        const QByteArray head = "HTTP/1.1 200 OK\r\nServer: cloudflare\r\nVia: 1.1 varnish\r\nvia: 1.1 squid\r\n"
                                "X-Cache: HIT, MISS\r\nX-Cache-Hits: 3\r\nContent-Length: 1234\r\n\r\n";
        const HttpHeadParse p = parseHttpResponseHead(head);
        QCOMPARE(p.state, State::Complete);
        QCOMPARE(p.head.status, 200);
        QCOMPARE(p.head.reason, QByteArray("OK"));
        QCOMPARE(p.head.headBytes, head.size());
        QCOMPARE(*p.head.field("via"), QByteArray("1.1 varnish, 1.1 squid")); // repeated fields join (RFC 9110 §5.3)
        QCOMPARE(*p.head.field("x-cache-hits"), QByteArray("3"));
        QCOMPARE(*p.head.field("server"), QByteArray("cloudflare"));
        QVERIFY(!p.head.field("x-forwarded-for"));
        QVERIFY(p.head.keepAlive()); // HTTP/1.1 default
    }

    void needsMoreUntilTheEmptyLine()
    {
        const QByteArray head = "HTTP/1.1 404 Not Found\r\nServer: x\r\n\r\n";
        for (int cut = 0; cut < head.size(); ++cut)
            QCOMPARE(parseHttpResponseHead(QByteArrayView(head).first(cut)).state, State::NeedMore);
        const HttpHeadParse p = parseHttpResponseHead(head + "garbage after");
        QCOMPARE(p.state, State::Complete);
        QCOMPARE(p.head.status, 404);
        QCOMPARE(p.head.headBytes, head.size()); // what follows is not part of the head
    }

    void keepAliveRules()
    {
        QVERIFY(!parseHttpResponseHead("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").head.keepAlive());
        QVERIFY(!parseHttpResponseHead("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\n\r\n").head.keepAlive());
        QVERIFY(!parseHttpResponseHead("HTTP/1.0 200 OK\r\n\r\n").head.keepAlive());
        QVERIFY(parseHttpResponseHead("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n").head.keepAlive());
    }

    void bareLfFoldingAndEmptyReason()
    {
        const HttpHeadParse p = parseHttpResponseHead("HTTP/1.1 204\nVia: 1.1 a,\n  1.1 b\nServer:\n\n");
        QCOMPARE(p.state, State::Complete);
        QCOMPARE(p.head.status, 204);
        QVERIFY(p.head.reason.isEmpty());
        QCOMPARE(*p.head.field("via"), QByteArray("1.1 a, 1.1 b"));
        QCOMPARE(*p.head.field("server"), QByteArray());
    }

    void interimHeadsAreSkipped()
    {
        const QByteArray two = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n";
        const QByteArray final = "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        QCOMPARE(parseHttpResponseHead(two).state, State::NeedMore);
        const HttpHeadParse p = parseHttpResponseHead(two + final);
        QCOMPARE(p.state, State::Complete);
        QCOMPARE(p.head.status, 301);
        QCOMPARE(p.head.headBytes, two.size() + final.size());
        QVERIFY(!p.head.field("link")); // fields of the interim heads are not the answer's
    }

    void invalidHeads_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        QTest::newRow("http/2 preface") << QByteArray("HTTP/2 200\r\n\r\n");
        QTest::newRow("short status") << QByteArray("HTTP/1.1 20 OK\r\n\r\n");
        QTest::newRow("status letters") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
        QTest::newRow("four digits") << QByteArray("HTTP/1.1 2000 OK\r\n\r\n");
        QTest::newRow("status 099") << QByteArray("HTTP/1.1 099 Odd\r\n\r\n");
        QTest::newRow("no colon") << QByteArray("HTTP/1.1 200 OK\r\nVia 1.1 x\r\n\r\n");
        QTest::newRow("space in name") << QByteArray("HTTP/1.1 200 OK\r\nX Cache: HIT\r\n\r\n");
        QTest::newRow("fold first") << QByteArray("HTTP/1.1 200 OK\r\n folded\r\n\r\n");
    }
    void invalidHeads()
    {
        QFETCH(QByteArray, input);
        const HttpHeadParse p = parseHttpResponseHead(input);
        QCOMPARE(p.state, State::Invalid);
        QVERIFY(!p.error.isEmpty());
    }

    void sizeIsBounded()
    {
        QByteArray big = "HTTP/1.1 200 OK\r\n";
        while (big.size() <= kMaxHttpHeadBytes)
            big += "X-Filler: " + QByteArray(100, 'a') + "\r\n";
        QCOMPARE(parseHttpResponseHead(big).state, State::Invalid); // never "need more" forever
        QCOMPARE(parseHttpResponseHead(QByteArray(kMaxHttpHeadBytes + 10, 'a')).state, State::Invalid);
        QByteArray interims;
        for (int i = 0; i < 20; ++i)
            interims += "HTTP/1.1 100 Continue\r\n\r\n";
        QCOMPARE(parseHttpResponseHead(interims).state, State::Invalid);
    }

    void mutatedHeadsNeverCrash()
    {
        const QList<QByteArray> seeds = {
            "HTTP/1.1 200 OK\r\nServer: x\r\nVia: 1.1 y\r\nX-Cache: HIT\r\n\r\n",
            "HTTP/1.0 404 Not Found\nConnection: keep-alive\n\n",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n",
            "HTTP/1.1 301 Moved\r\nLocation: /\r\n  folded\r\n\r\n",
        };
        QRandomGenerator rng(20261122); // fixed seed: failures reproduce
        int complete = 0, invalid = 0, more = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray input = seeds[int(rng.bounded(seeds.size()))];
            const int edits = 1 + int(rng.bounded(6));
            for (int e = 0; e < edits && !input.isEmpty(); ++e) {
                const int pos = int(rng.bounded(input.size()));
                switch (rng.bounded(4)) {
                case 0:
                    input[pos] = char(rng.bounded(256));
                    break;
                case 1:
                    input.remove(pos, 1 + int(rng.bounded(8)));
                    break;
                case 2:
                    input.insert(pos, input.mid(int(rng.bounded(input.size())), int(rng.bounded(12))));
                    break;
                default:
                    input.truncate(pos);
                    break;
                }
            }
            const HttpHeadParse p = parseHttpResponseHead(input);
            switch (p.state) {
            case State::Complete:
                ++complete;
                QVERIFY(p.head.headBytes > 0 && p.head.headBytes <= input.size());
                QVERIFY(p.head.status >= 100 && p.head.status <= 999);
                break;
            case State::Invalid:
                ++invalid;
                QVERIFY(!p.error.isEmpty());
                break;
            case State::NeedMore:
                ++more;
                break;
            }
        }
        qInfo("complete %d, invalid %d, need more %d", complete, invalid, more);
        QVERIFY(complete > 1000 && invalid > 1000 && more > 100); // the mutations reach every outcome
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseHead)
#include "tst_http_response_head.moc"
