// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the pure inet_diag parser and the TCP recording format, on hand-built and recorded bytes.
#include "collectors/tcp/inet_diag_parser.h"
#include "collectors/tcp/tcp_recording.h"
#include "collectors/tcp/tcp_start_source.h"
#include "tcp_diag_builder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;
using namespace pathlens::test;
using collect::parseInetDiag;

class TestTcpInetDiagParser : public QObject {
    Q_OBJECT
private slots:
    void ipv4FullTcpInfo()
    {
        DiagSpec s;
        s.src = v4(192, 0, 2, 10);
        s.dst = v4(198, 51, 100, 7);
        const QByteArray buf = diagMsg(s) + doneMsg();
        auto r = parseInetDiag(buf);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->doneCount, 1);
        QCOMPARE(r->readings.size(), size_t(1));
        const auto &x = r->readings[0];
        QCOMPARE(x.localAddr, QString("192.0.2.10:50000"));
        QCOMPARE(x.remoteAddr, QString("198.51.100.7:443"));
        QVERIFY(!x.ipv6);
        QCOMPARE(x.state, 1);
        QCOMPARE(x.cookie, 0x1122334455667788ull);
        QCOMPARE(x.inode, quint64(4242));
        QCOMPARE(x.rttUs, 20000u);
        QCOMPARE(x.rttVarUs, 5000u);
        QCOMPARE(x.totalRetrans, 3u);
        QCOMPARE(x.segsOut.value(), 100u);
        QCOMPARE(x.minRttUs.value(), 19000u);
        QCOMPARE(x.bytesAcked.value(), quint64(123456));
        QCOMPARE(x.bytesReceived.value(), quint64(654321));
        QCOMPARE(x.deliveryRateBps.value(), quint64(1250000));
        QVERIFY(!x.final);
        QCOMPARE(x.attribution, core::Attribution::Unknown); // owners are the caller's job
    }

    // Replies to the older, any-family request (TCPDIAG_GETSOCK) carry that type, same body.
    void replyToTheAnyFamilyRequest()
    {
        DiagSpec s;
        s.src = v4(192, 0, 2, 10);
        s.dst = v4(198, 51, 100, 7);
        auto r = parseInetDiag(nlmsg(abi::kTcpDiagGetSock, diagPayload(s)) + doneMsg());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->readings.size(), size_t(1));
        QCOMPARE(r->readings[0].remoteAddr, QString("198.51.100.7:443"));
        QCOMPARE(r->readings[0].rttUs, 20000u);
    }

    void ipv6Formatting_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<QString>("text");
        QTest::newRow("doc") << QByteArray("20010db8000000000000000000000001") << QString("[2001:db8::1]:50000");
        QTest::newRow("loopback") << QByteArray("00000000000000000000000000000001") << QString("[::1]:50000");
        QTest::newRow("any") << QByteArray("00000000000000000000000000000000") << QString("[::]:50000");
        QTest::newRow("mapped") << QByteArray("00000000000000000000ffff0a000001") << QString("[::ffff:10.0.0.1]:50000");
        // RFC 5952 §4.2.3: the first of two equal longest zero runs is compressed
        QTest::newRow("tie") << QByteArray("20010db8000000000001000000000001") << QString("[2001:db8::1:0:0:1]:50000");
        // §4.2.2: a single zero group is not compressed
        QTest::newRow("single") << QByteArray("20010db8000000010001000100010001") << QString("[2001:db8:0:1:1:1:1:1]:50000");
        QTest::newRow("ula") << QByteArray("fd0000100001000000000000000000ab") << QString("[fd00:10:1::ab]:50000");
    }
    void ipv6Formatting()
    {
        QFETCH(QByteArray, hex);
        QFETCH(QString, text);
        DiagSpec s;
        s.ipv6 = true;
        const QByteArray raw = QByteArray::fromHex(hex);
        std::memcpy(s.src.data(), raw.constData(), 16);
        auto r = parseInetDiag(diagMsg(s));
        QVERIFY(r.ok());
        QCOMPARE(r->readings.at(0).localAddr, text);
        QVERIFY(r->readings.at(0).ipv6);
        QCOMPARE(r->readings.at(0).remoteAddr, QString("[::]:443"));
    }

    void livePollVariantDefersTextAndReusesTheBuffer()
    {
        DiagSpec v4; // 192.0.2.1:50000 -> 127.0.0.1:443
        v4.src = {192, 0, 2, 1};
        v4.dst = {127, 0, 0, 1};
        DiagSpec mapped; // ::ffff:127.0.0.2 -> 2001:db8::1
        mapped.ipv6 = true;
        mapped.cookie = 2;
        mapped.src = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 2};
        mapped.dst = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        DiagSpec outside = mapped; // 2001:db8::1 -> 2001:db8::1
        outside.cookie = 3;
        outside.src = outside.dst;
        const QByteArray bytes = diagMsg(v4) + diagMsg(mapped) + diagMsg(outside) + doneMsg();
        auto full = parseInetDiag(bytes);
        QVERIFY(full.ok());
        collect::InetDiagParse into;
        into.readings.resize(7); // left over from an earlier dump: replaced, not appended to
        QVERIFY(collect::parseInetDiagInto(bytes, into, false).ok());
        QCOMPARE(into.readings.size(), size_t(3));
        QCOMPARE(into.doneCount, 1);
        const bool loopback[] = {true, true, false};
        for (size_t i = 0; i < 3; ++i) {
            auto &r = into.readings[i];
            QVERIFY(r.haveRaw && r.localAddr.isEmpty() && r.remoteAddr.isEmpty());
            QCOMPARE(r.loopback, loopback[i]);
            QCOMPARE(full->readings[i].loopback, loopback[i]);
            QCOMPARE(r.cookie, full->readings[i].cookie);
            QCOMPARE(r.rttUs, full->readings[i].rttUs);
            collect::formatEndpoints(r);
            QCOMPARE(r.localAddr, full->readings[i].localAddr);
            QCOMPARE(r.remoteAddr, full->readings[i].remoteAddr);
        }
        QCOMPARE(full->readings[0].remoteAddr, QString("127.0.0.1:443"));
        QCOMPARE(full->readings[1].localAddr, QString("[::ffff:127.0.0.2]:50000"));
    }

    void shortTcpInfoFromOlderKernels()
    {
        DiagSpec s;
        s.infoLen = 104; // 2.6-era struct: up to tcpi_total_retrans
        auto r = parseInetDiag(diagMsg(s));
        QVERIFY(r.ok());
        auto x = r->readings.at(0);
        QCOMPARE(x.rttUs, 20000u);
        QCOMPARE(x.totalRetrans, 3u);
        QVERIFY(!x.bytesAcked && !x.bytesReceived && !x.segsOut && !x.minRttUs && !x.deliveryRateBps);

        s.infoLen = 144; // 4.2: bytes and segs, no min_rtt
        r = parseInetDiag(diagMsg(s));
        QVERIFY(r.ok());
        x = r->readings.at(0);
        QVERIFY(x.bytesAcked && x.segsOut && !x.minRttUs && !x.deliveryRateBps);

        s.infoLen = 160; // 4.6: min_rtt, no delivery rate
        r = parseInetDiag(diagMsg(s));
        QVERIFY(r.ok());
        QVERIFY(r->readings.at(0).minRttUs && !r->readings.at(0).deliveryRateBps);

        s.minRttUs = ~0u; // no RTT sample yet
        r = parseInetDiag(diagMsg(s));
        QVERIFY(!r->readings.at(0).minRttUs);

        s.infoLen = 280; // a future, longer tcp_info is fine
        r = parseInetDiag(diagMsg(s));
        QVERIFY(r.ok() && r->readings.at(0).deliveryRateBps);
    }

    void tooShortTcpInfoIsAnError()
    {
        DiagSpec s;
        s.infoLen = 60;
        QVERIFY(!parseInetDiag(diagMsg(s)).ok());
    }

    void socketWithoutInfoIsCountedNotReturned()
    {
        DiagSpec s;
        s.infoLen = -1;
        auto r = parseInetDiag(diagMsg(s) + diagMsg(DiagSpec{}));
        QVERIFY(r.ok());
        QCOMPARE(r->withoutInfo, 1);
        QCOMPARE(r->readings.size(), size_t(1));
    }

    void controlMessages()
    {
        auto r = parseInetDiag(errorMsg(0) + nlmsg(abi::kNlmsgNoop, {}) + doneMsg() + doneMsg());
        QVERIFY(r.ok());
        QCOMPARE(r->doneCount, 2);
        auto denied = parseInetDiag(errorMsg(-13));
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, core::ErrorCode::PermissionDenied);
        QVERIFY(!denied.error().remedy.isEmpty());
        QVERIFY(!parseInetDiag(doneMsg(-4)).ok());
        QVERIFY(!parseInetDiag(nlmsg(99, QByteArray(8, '\0'))).ok());
        QVERIFY(parseInetDiag(QByteArray()).ok()); // nothing is not an error
    }

    void everyTruncationIsCleanlyRejected()
    {
        DiagSpec a, b;
        b.ipv6 = true;
        const QByteArray buf = diagMsg(a) + diagMsg(b) + doneMsg();
        const int firstEnd = diagMsg(a).size();
        for (int n = 0; n < buf.size(); ++n) {
            auto r = parseInetDiag(QByteArrayView(buf.constData(), n));
            if (n == 0 || n == firstEnd || n == firstEnd + diagMsg(b).size())
                QVERIFY2(r.ok(), qPrintable(QString::number(n)));
            else
                QVERIFY2(!r.ok(), qPrintable(QString::number(n)));
        }
    }

    void badLengthsAreRejected()
    {
        QByteArray buf = diagMsg(DiagSpec{});
        put<quint32>(buf, 0, 8); // shorter than the header
        QVERIFY(!parseInetDiag(buf).ok());
        buf = diagMsg(DiagSpec{});
        put<quint16>(buf, int(abi::kNlmsgHdrLen + abi::kDiagMsgLen), 2); // rtattr shorter than its header
        QVERIFY(!parseInetDiag(buf).ok());
        buf = diagMsg(DiagSpec{});
        put<quint16>(buf, int(abi::kNlmsgHdrLen + abi::kDiagMsgLen), 0xfff0); // rtattr past the message
        QVERIFY(!parseInetDiag(buf).ok());
        buf = diagMsg(DiagSpec{});
        buf[int(abi::kNlmsgHdrLen)] = 7; // family neither AF_INET nor AF_INET6
        QVERIFY(!parseInetDiag(buf).ok());
    }

    void recordedLoopbackDumps()
    {
        // Recorded on Linux 6.18 (x86-64) by pathlens-tcp-probe --loopback --record: IPv4 and IPv6
        // sessions over loopback, with destroy notifications.
        auto recording = collect::readTcpRecording(QStringLiteral(PATHLENS_TEST_DATA_DIR "/tcp/loopback_mixed.tcprec"));
        QVERIFY2(recording.ok(), qPrintable(recording.ok() ? QString() : recording.error().toString()));
        int dumps = 0, destroys = 0, v6 = 0, sockets = 0;
        for (const auto &rec : *recording) {
            if (rec.kind == collect::TcpRecord::Starts)
                continue;
            auto r = parseInetDiag(rec.batch.bytes);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
            if (rec.kind == collect::TcpRecord::Dump) {
                ++dumps;
                QCOMPARE(r->doneCount, 2); // one per family
            } else {
                ++destroys;
                QCOMPARE(r->doneCount, 0);
            }
            for (const auto &x : r->readings) {
                ++sockets;
                v6 += x.ipv6;
                QVERIFY(x.cookie != 0);
                QVERIFY(x.localAddr.startsWith("127.0.0.1:") || x.localAddr.startsWith("[::1]:"));
                QVERIFY(x.segsOut && x.bytesAcked && x.minRttUs);
                QVERIFY(x.rttUs > 0 && x.rttUs < 1'000'000); // loopback: well under a second
                if (rec.kind == collect::TcpRecord::Destroy)
                    QCOMPARE(x.inode, quint64(0)); // orphaned by the time it is destroyed
                else
                    QVERIFY(x.inode != 0);
            }
        }
        QVERIFY(dumps >= 4);
        QVERIFY(destroys >= 1);
        QVERIFY(v6 > 0 && sockets > v6);
    }

    void recordingRoundTripAndDamage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("r.tcprec");
        collect::TcpRecordingWriter w;
        QVERIFY(w.open(path).ok());
        QVERIFY(w.append(collect::TcpRecord::Dump, {10, 20, diagMsg(DiagSpec{}) + doneMsg()}).ok());
        std::vector<collect::TcpLifecycle> starts{{"10.0.0.1:1", "10.0.0.2:80", 5, 0, 77}};
        QVERIFY(w.append(collect::TcpRecord::Starts, {11, 21, collect::encodeLifecycles(starts)}).ok());
        auto back = collect::readTcpRecording(path);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), size_t(2));
        QCOMPARE(back->at(0).batch.monoUs, 10);
        QCOMPARE(back->at(0).batch.utcUs, 20);
        auto decoded = collect::decodeLifecycles(back->at(1).batch.bytes);
        QCOMPARE(decoded.size(), size_t(1));
        QCOMPARE(decoded[0].remoteAddr, QString("10.0.0.2:80"));
        QCOMPARE(decoded[0].pid, 77);

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        for (int n = 0; n < all.size(); ++n) { // every cut is an error except whole records
            auto r = collect::parseTcpRecording(QByteArrayView(all.constData(), n));
            Q_UNUSED(r);
        }
        QVERIFY(!collect::parseTcpRecording(all.left(all.size() - 1)).ok());
        QVERIFY(!collect::parseTcpRecording(QByteArray("garbage")).ok());
    }
};

QTEST_GUILESS_MAIN(TestTcpInetDiagParser)
#include "tst_tcp_inet_diag_parser.moc"
