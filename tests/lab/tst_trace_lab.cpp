// SPDX-License-Identifier: GPL-3.0-or-later
// Lab test of the trace engine (issue 6) in chain-6: hops, silent r3, policed r5, per-hop RTT vs the
// configured delays, every protocol and family, and agreement with traceroute and mtr run side by side.
#include "core/trace/trace_result.h"
#include "lab_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kProbe = QStringLiteral(PATHLENS_BINARY_DIR "/tests/lab/pathlens-trace-probe");

// chain-6.json: h1 -l1- r1 -l2- r2 -l3- r3 -l4- r4 -l5- r5 -l6- r6 -l7- h2; one-way delays per link.
const QStringList kNodes = {"r1", "r2", "r3", "r4", "r5", "r6", "h2"};
const QStringList kInLinks = {"l1", "l2", "l3", "l4", "l5", "l6", "l7"};
const double kOneWayMs[] = {0.5, 1, 2, 1.5, 0, 3, 0.5};
constexpr int kSilentTtl = 3;   // r3: "time_exceeded": "silent"
constexpr int kPolicedTtl = 5;  // r5: ICMP policed to 2/s, burst 2 → one of three simultaneous probes unanswered
constexpr double kRttToleranceMs = 1.0; // issue 6: per-hop RTT within ±1 ms of the configured delays

double expectedRttMs(int ttl)
{
    double oneWay = 0;
    for (int i = 0; i < ttl; ++i)
        oneWay += kOneWayMs[i];
    return 2 * oneWay;
}

core::TraceResult fromJson(const QJsonObject &o)
{
    core::TraceResult t;
    t.target = o.value("target").toString();
    t.targetAddr = o.value("target_addr").toString();
    t.proto = o.value("proto").toString();
    t.ipv6 = o.value("ipv6").toBool();
    t.reached = o.value("reached").toBool();
    t.durationMs = o.value("duration_ms").toDouble();
    t.sentDscp = o.value("dscp").toInt();
    for (const QJsonValue &v : o.value("hops").toArray()) {
        const QJsonObject h = v.toObject();
        core::TraceHop hop;
        hop.ttl = h.value("ttl").toInt();
        hop.addr = h.value("addr").toString();
        hop.sent = h.value("sent").toInt();
        hop.destination = h.value("destination").toBool();
        for (const QJsonValue &r : h.value("rtt_ms").toArray())
            hop.rttMs.push_back(r.toDouble());
        if (!h.value("quoted_ttl").isNull())
            hop.quotedTtl = h.value("quoted_ttl").toInt();
        if (!h.value("quoted_dscp").isNull())
            hop.quotedDscp = h.value("quoted_dscp").toInt();
        t.hops.push_back(std::move(hop));
    }
    return t;
}

// TTL → addresses a reference tool printed ("*" / "???" leave a TTL out).
std::map<int, QStringList> toolHops(const QByteArray &out, const QRegularExpression &line)
{
    std::map<int, QStringList> hops;
    static const QRegularExpression ip(QStringLiteral(R"((?<![\w:.])((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]*:[0-9a-f:]+)(?![\w:.]))"));
    for (const QByteArray &raw : out.split('\n')) {
        const QString l = QString::fromLatin1(raw);
        const auto m = line.match(l);
        if (!m.hasMatch())
            continue;
        const int ttl = m.captured(1).toInt();
        auto it = ip.globalMatch(l.mid(m.capturedEnd(1)));
        while (it.hasNext()) {
            const QString a = it.next().captured(1);
            if (!hops[ttl].contains(a))
                hops[ttl].append(a);
        }
    }
    return hops;
}
} // namespace

class TestTraceLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        PATHLENS_LAB_REQUIRE();
        m_lab = std::make_unique<LabFixture>(QStringLiteral("chain-6"));
        QVERIFY2(m_lab->isUp(), qPrintable(m_lab->error()));
        // Fill the neighbour caches on every link first: ARP/ND of a fresh lab adds up to 15 ms
        // to the very first probe per hop, which is the lab warming up, not the path.
        for (const Family f : {Family::IPv4, Family::IPv6}) {
            const auto r = m_lab->exec("h1", {"ping", "-c", "2", "-i", "0.2", "-W", "2", m_lab->address("h2", f)}, 10000);
            QVERIFY2(r.ok(), r.out + r.err);
        }
        QThread::msleep(1100); // the r5 policer (2/s, burst 2) refills after the pings
    }

    void engineMatchesScenario_data()
    {
        QTest::addColumn<QString>("proto");
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<int>("dscp");
        QTest::newRow("udp-v4") << "udp" << false << 0;
        QTest::newRow("udp-v6") << "udp" << true << 0;
        QTest::newRow("icmp-v4-dscp46") << "icmp" << false << 46;
        QTest::newRow("icmp-v6") << "icmp" << true << 0;
        QTest::newRow("tcp-v4") << "tcp" << false << 0;
        QTest::newRow("tcp-v6") << "tcp" << true << 0;
    }

    void engineMatchesScenario()
    {
        QFETCH(QString, proto);
        QFETCH(bool, ipv6);
        QFETCH(int, dscp);
        const Family fam = ipv6 ? Family::IPv6 : Family::IPv4;
        const QString target = m_lab->address("h2", fam);
        const auto run = m_lab->exec("h1", {kProbe, "--proto", proto, "--dscp", QString::number(dscp), target}, 20000);
        QThread::msleep(1100); // let the r5 policer refill for the next row
        QVERIFY2(run.ok(), run.out + run.err);
        const core::TraceResult t = fromJson(QJsonDocument::fromJson(run.out.trimmed()).object());
        QVERIFY2(t.reached, run.out);
        QCOMPARE(t.hops.size(), size_t(kNodes.size()));
        QVERIFY2(t.durationMs < 3000, qPrintable(QString::number(t.durationMs))); // 900 ms silence + the path
        for (int i = 0; i < kNodes.size(); ++i) {
            const core::TraceHop &h = t.hops[size_t(i)];
            const int ttl = i + 1;
            QCOMPARE(h.ttl, ttl);
            QCOMPARE(h.sent, 3);
            if (ttl == kSilentTtl) {
                QVERIFY2(h.silent(), qPrintable(h.addr));
                continue;
            }
            QCOMPARE(h.addr, m_lab->address(kNodes[i], fam, kInLinks[i]));
            QCOMPARE(h.destination, ttl == int(kNodes.size()));
            QCOMPARE(int(h.rttMs.size()), ttl == kPolicedTtl ? 2 : 3);
            const double best = h.bestRttMs(), want = expectedRttMs(ttl);
            qInfo("%s ttl %d best %.3f ms median %.3f ms, configured %.3f ms (error %+.3f ms)", qPrintable(proto), ttl,
                  best, h.medianRttMs(), want, best - want);
            QVERIFY2(std::abs(best - want) <= kRttToleranceMs,
                     qPrintable(QStringLiteral("ttl %1: %2 ms vs %3 ms").arg(ttl).arg(best).arg(want)));
            QCOMPARE(t.isRateLimited(size_t(i)), ttl == kPolicedTtl);
            if (proto != "udp" && ttl < int(kNodes.size())) { // raw mode sees the quoted header
                QCOMPARE(h.quotedTtl, std::optional<int>(1));
                QCOMPARE(h.quotedDscp, std::optional<int>(dscp));
            } else if (proto == "udp") {
                QVERIFY(!h.quotedTtl); // IP_RECVERR does not show the quoted header
            }
        }
        QVERIFY(t.dscpRewritingTtls().empty());
    }

    void agreesWithTracerouteAndMtr()
    {
        const QString target = m_lab->address("h2");
        const auto ours = m_lab->exec("h1", {kProbe, target}, 20000);
        QThread::msleep(1100);
        const auto tr = m_lab->exec("h1", {"traceroute", "-n", "-q", "3", "-w", "1", target}, 30000);
        QThread::msleep(1100);
        const auto mtr = m_lab->exec("h1", {"mtr", "-n", "--report", "-c", "3", target}, 30000);
        QVERIFY2(ours.ok() && tr.ok() && mtr.ok(), ours.err + tr.err + mtr.err);
        const core::TraceResult t = fromJson(QJsonDocument::fromJson(ours.out.trimmed()).object());
        const auto trHops = toolHops(tr.out, QRegularExpression(QStringLiteral(R"(^\s*(\d+)\s)")));
        const auto mtrHops = toolHops(mtr.out, QRegularExpression(QStringLiteral(R"(^\s*(\d+)\.\|--)")));
        for (const core::TraceHop &h : t.hops) {
            const QStringList mine = h.silent() ? QStringList() : QStringList{h.addr};
            const QStringList a = trHops.count(h.ttl) ? trHops.at(h.ttl) : QStringList();
            const QStringList b = mtrHops.count(h.ttl) ? mtrHops.at(h.ttl) : QStringList();
            QVERIFY2(a == mine, qPrintable(QStringLiteral("ttl %1: traceroute %2, ours %3\n%4").arg(h.ttl).arg(a.join(','), mine.join(','), QString::fromLatin1(tr.out))));
            QVERIFY2(b == mine, qPrintable(QStringLiteral("ttl %1: mtr %2, ours %3\n%4").arg(h.ttl).arg(b.join(','), mine.join(','), QString::fromLatin1(mtr.out))));
        }
        QCOMPARE(int(trHops.rbegin()->first), int(t.hops.size()));
    }

    void cleanupTestCase() { m_lab.reset(); }

private:
    std::unique_ptr<LabFixture> m_lab;
};

QTEST_GUILESS_MAIN(TestTraceLab)
#include "tst_trace_lab.moc"
