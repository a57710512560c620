// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the inet_sock_set_state format/record parser and the start tracker (pure, no tracefs).
#include "collectors/tcp/tcp_start_tracker.h"

#include <QTest>

#include <cstring>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
// The format file of Linux 6.18 (x86-64), as tracefs prints it.
const char kFormat[] =
    "name: inet_sock_set_state\nID: 2287\nformat:\n"
    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
    "\tfield:const void * skaddr;\toffset:8;\tsize:8;\tsigned:0;\n"
    "\tfield:int oldstate;\toffset:16;\tsize:4;\tsigned:1;\n"
    "\tfield:int newstate;\toffset:20;\tsize:4;\tsigned:1;\n"
    "\tfield:__u16 sport;\toffset:24;\tsize:2;\tsigned:0;\n"
    "\tfield:__u16 dport;\toffset:26;\tsize:2;\tsigned:0;\n"
    "\tfield:__u16 family;\toffset:28;\tsize:2;\tsigned:0;\n"
    "\tfield:__u16 protocol;\toffset:30;\tsize:2;\tsigned:0;\n"
    "\tfield:__u8 saddr[4];\toffset:32;\tsize:4;\tsigned:0;\n"
    "\tfield:__u8 daddr[4];\toffset:36;\tsize:4;\tsigned:0;\n"
    "\tfield:__u8 saddr_v6[16];\toffset:40;\tsize:16;\tsigned:0;\n"
    "\tfield:__u8 daddr_v6[16];\toffset:56;\tsize:16;\tsigned:0;\n\n"
    "print fmt: \"family=%s ...\"\n";

QByteArray record(quint64 sk, int oldState, int newState, quint16 sport, quint16 dport, quint16 family = 2,
                  quint16 protocol = 6)
{
    QByteArray r(72, '\0');
    auto put = [&](int off, auto v) { std::memcpy(r.data() + off, &v, sizeof v); };
    put(8, sk);
    put(16, qint32(oldState));
    put(20, qint32(newState));
    put(24, sport);
    put(26, dport);
    put(28, family);
    put(30, protocol);
    const quint8 s[4] = {10, 0, 0, 1}, d[4] = {10, 0, 0, 2};
    std::memcpy(r.data() + 32, s, 4);
    std::memcpy(r.data() + 36, d, 4);
    r[40 + 15] = 1; // saddr_v6 ::1
    r[56 + 15] = 2; // daddr_v6 ::2
    return r;
}
} // namespace

class TestTcpStartTracker : public QObject {
    Q_OBJECT
    StateTracepointLayout m_layout;

private slots:
    void formatParses()
    {
        auto l = parseStateTracepointFormat(QByteArrayView(kFormat));
        QVERIFY(l.ok());
        m_layout = *l;
        QCOMPARE(m_layout.skaddr, std::size_t(8));
        QCOMPARE(m_layout.saddrV6, std::size_t(40));
        QCOMPARE(m_layout.minSize, std::size_t(72));
        QVERIFY(!parseStateTracepointFormat(QByteArrayView("field:int oldstate; offset:16; size:4;")).ok());
    }

    void recordParses()
    {
        auto c = parseStateChange(m_layout, record(0xffff1, 2, 1, 40000, 443), 77, 12);
        QVERIFY(c);
        QCOMPARE(c->localAddr, QString("10.0.0.1:40000"));
        QCOMPARE(c->remoteAddr, QString("10.0.0.2:443"));
        QCOMPARE(c->oldState, 2);
        QCOMPARE(c->newState, 1);
        QCOMPARE(c->skaddr, quint64(0xffff1));
        auto v6 = parseStateChange(m_layout, record(1, 2, 1, 1, 2, 10), 0, 0);
        QCOMPARE(v6->localAddr, QString("[::1]:1"));
        QVERIFY(!parseStateChange(m_layout, record(1, 2, 1, 1, 2, 2, 132), 0, 0)); // SCTP
        QVERIFY(!parseStateChange(m_layout, record(1, 2, 1, 1, 2).left(60), 0, 0)); // short
    }

    void clientStartWaitsForItsPort()
    {
        TcpStartTracker t;
        // connect(): CLOSE→SYN_SENT before the source port is chosen (sport 0), in the owner's context
        QVERIFY(t.apply(*parseStateChange(m_layout, record(0xa, 7, 2, 0, 443), 1'000'000, 4242)).empty());
        QCOMPARE(t.pending(), std::size_t(1));
        auto est = t.apply(*parseStateChange(m_layout, record(0xa, 2, 1, 40000, 443), 1'020'000, 0));
        QCOMPARE(est.size(), std::size_t(1));
        QCOMPARE(est[0].localAddr, QString("10.0.0.1:40000"));
        QCOMPARE(est[0].startMonoUs, 1'000'000); // the SYN, not the handshake's end
        QCOMPARE(est[0].pid, 4242);
        auto closed = t.apply(*parseStateChange(m_layout, record(0xa, 4, 7, 40000, 443), 1'700'000, 0));
        QCOMPARE(closed.size(), std::size_t(1));
        QCOMPARE(closed[0].closeMonoUs, 1'700'000);
        QCOMPARE(t.pending(), std::size_t(0));
    }

    void acceptedAndFailedAndExpired()
    {
        TcpStartTracker t;
        t.apply(*parseStateChange(m_layout, record(0xb, 12, 3, 443, 40000), 500, 99));
        auto est = t.apply(*parseStateChange(m_layout, record(0xb, 3, 1, 443, 40000), 600, 0));
        QCOMPARE(est.at(0).startMonoUs, 500);
        QCOMPARE(est.at(0).pid, 0); // softirq context: not the owner
        t.apply(*parseStateChange(m_layout, record(0xc, 7, 2, 0, 80), 700, 1));
        auto failed = t.apply(*parseStateChange(m_layout, record(0xc, 2, 7, 0, 80), 800, 1));
        QCOMPARE(failed.at(0).startMonoUs, 0);
        QCOMPARE(t.pending(), std::size_t(0));
        t.apply(*parseStateChange(m_layout, record(0xd, 7, 2, 0, 80), 900, 1));
        t.expire(1000);
        QCOMPARE(t.pending(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestTcpStartTracker)
#include "tst_tcp_start_tracker.moc"
