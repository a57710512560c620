// SPDX-License-Identifier: GPL-3.0-or-later
// Continuous capacity mode end to end (SPEC §2): `pathlens-agent run --collectors capacity` on the
// trains scenario with 10 % random loss configured on r2 → r3 (iptables statistic, the ground truth):
// the loss starts a confirmation (a sample every 6 s, 10 samples), which escalates to a deep
// diagnosis that names hop 3 (r3, the first hop behind the lossy link). The capture is read back
// with report --json, the same path a reviewer takes. Without the loss: no confirmation at all, and
// the route check (every 5 min, the first one in the first gap) names r3, which rewrites EF to CS0
// on its way in (iptables DSCP target), as the hop that changes the marking. Also the path-MTU
// discovery the trains start with: a 1400-byte link in the middle, announced by "fragmentation
// needed" and then silently (a PMTU black hole), must give 1400-byte trains.
#include "lab_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kLossyHop = 3;          // h1 → r1 (1) → r2 (2) → r3 (3) → h2 (4): the drop is on r2's way out to r3
constexpr double kConfigLoss = 0.10;  // iptables statistic --probability
constexpr double kConfirmSpacingS = 6, kConfirmSamples = 10; // SPEC §2
const QStringList kRewrite{"-t", "mangle", "PREROUTING", "-i", "neck", "-j", "DSCP", "--set-dscp", "0"};
const QStringList kDrop{"FORWARD", "-o", "neck", "-m", "statistic", "--mode", "random", "--probability", "0.10", "-j", "DROP"};

QJsonObject report(const QString &capture)
{
    QProcess p;
    p.start(kAgent, {QStringLiteral("report"), capture, QStringLiteral("--json")});
    p.waitForFinished(30000);
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}
} // namespace

class TstCapacityContinuousLab : public QObject {
    Q_OBJECT
    std::unique_ptr<LabFixture> m_lab;
    QTemporaryDir m_dir;

    QJsonObject runAgent(const QString &name, int seconds, const QString &dscp = QStringLiteral("0"), int intervalS = 20)
    {
        const QString capture = m_dir.filePath(name);
        const auto run = m_lab->exec(QStringLiteral("h1"),
                                     LabFixture::timed({kAgent, "run", "--capture", capture, "--duration", QString::number(seconds), "--collectors",
                                      "capacity", "--capacity-target", m_lab->address(QStringLiteral("h2")), "--capacity-interval",
                                      QString::number(intervalS), "--capacity-dscp", dscp}),
                                     (seconds + 30) * 1000);
        if (!run.ok())
            qWarning() << run.error << run.err.right(2000);
        return report(capture);
    }

private slots:
    void initTestCase()
    {
        PATHLENS_LAB_REQUIRE();
        m_lab = std::make_unique<LabFixture>(QStringLiteral("trains"));
        QVERIFY2(m_lab->isUp(), qPrintable(m_lab->error()));
        QVERIFY(m_lab->pinForwarder()); // the agent runs timed() on the other CPU: trains leave back to back
    }

    void cleanPathIsNotEscalated()
    {
        QStringList rewrite = kRewrite;
        rewrite.insert(2, QStringLiteral("-A"));
        QVERIFY(m_lab->exec(QStringLiteral("r3"), QStringList{"iptables"} + rewrite).ok());
        const QJsonObject r = runAgent(QStringLiteral("clean.plcap"), 25, QStringLiteral("EF")); // samples at 0 and 20 s
        rewrite[2] = QStringLiteral("-D");
        m_lab->exec(QStringLiteral("r3"), QStringList{"iptables"} + rewrite);
        const QJsonArray capacity = r.value(QStringLiteral("capacity")).toArray();
        QVERIFY2(capacity.size() >= 2, qPrintable(QString::number(capacity.size())));
        for (const QJsonValue &v : capacity) {
            const QJsonObject c = v.toObject();
            QCOMPARE(c.value(QStringLiteral("phase")).toString(), QStringLiteral("continuous"));
            QCOMPARE(c.value(QStringLiteral("loss_pct")).toDouble(), 0.0);
            // The bottleneck's delivered rate is 20 × 1500/1514 = 19.8 Mbit/s (tbf counts the Ethernet header).
            QVERIFY2(qAbs(c.value(QStringLiteral("total_mbps")).toDouble() - 19.8) < 0.05 * 19.8,
                     qPrintable(QJsonDocument(c).toJson()));
        }
        QVERIFY(r.value(QStringLiteral("diagnoses")).toArray().isEmpty());

        const QJsonArray traces = r.value(QStringLiteral("traces")).toArray();
        QVERIFY2(!traces.isEmpty(), "no route check in the first gap");
        for (const QJsonValue &v : traces) {
            const QJsonObject t = v.toObject();
            QCOMPARE(t.value(QStringLiteral("dscp")).toInt(), 46);
            const QJsonArray rewrites = t.value(QStringLiteral("dscp_rewrites")).toArray();
            QVERIFY2(!rewrites.isEmpty() && rewrites.first().toInt() == 3, qPrintable(QJsonDocument(t).toJson()));
            for (const QJsonValue &h : t.value(QStringLiteral("hops")).toArray())
                if (h.toObject().value(QStringLiteral("ttl")).toInt() < 3)
                    QCOMPARE(h.toObject().value(QStringLiteral("dscp")).toInt(), 46);
        }
    }

    void lossIsConfirmedThenDiagnosedAtItsHop()
    {
        QVERIFY(m_lab->exec(QStringLiteral("r2"), QStringList{"iptables", "-A"} + kDrop).ok());
        // A sample every 10 s until one loses a packet (a 10-packet train misses 10 % loss with p = 0.35),
        // then 60 s of confirmation and ~20 s of diagnosis: 130 s leave room for 5 clean samples first.
        const QJsonObject r = runAgent(QStringLiteral("lossy.plcap"), 130, QStringLiteral("0"), 10);
        m_lab->exec(QStringLiteral("r2"), QStringList{"iptables", "-D"} + kDrop);

        // The confirmation: 10 samples, 6 s apart (± the 0.2 s tick and scheduling).
        std::vector<double> confirmAt;
        double lossSum = 0;
        for (const QJsonValue &v : r.value(QStringLiteral("capacity")).toArray()) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("phase")).toString() != QLatin1String("confirming") || confirmAt.size() >= size_t(kConfirmSamples))
                continue;
            confirmAt.push_back(QDateTime::fromString(c.value(QStringLiteral("utc")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch() / 1e3);
            lossSum += c.value(QStringLiteral("loss_pct")).toDouble();
        }
        QCOMPARE(confirmAt.size(), size_t(kConfirmSamples));
        for (size_t i = 1; i < confirmAt.size(); ++i)
            QVERIFY2(qAbs(confirmAt[i] - confirmAt[i - 1] - kConfirmSpacingS) < 0.5,
                     qPrintable(QStringLiteral("sample %1 came %2 s after the previous").arg(i).arg(confirmAt[i] - confirmAt[i - 1])));
        // The samples' data loss agrees with what iptables drops: 10 % one way over 100 data packets
        // (binomial σ = 3 points; ±9 is 3σ).
        QVERIFY2(qAbs(lossSum / kConfirmSamples - 100 * kConfigLoss) < 9, qPrintable(QString::number(lossSum / kConfirmSamples)));

        const QJsonArray diagnoses = r.value(QStringLiteral("diagnoses")).toArray();
        QCOMPARE(diagnoses.size(), 1);
        const QJsonObject d = diagnoses.first().toObject();
        QVERIFY2(d.value(QStringLiteral("culprit_ttl")).toInt() == kLossyHop, qPrintable(QJsonDocument(d).toJson()));
        QCOMPARE(d.value(QStringLiteral("culprit_addr")).toString(), m_lab->address(QStringLiteral("r3"), Family::IPv4, QStringLiteral("neck")));
        QVERIFY(d.value(QStringLiteral("trigger")).toString().contains(QStringLiteral("data loss")));
        const int packets = d.value(QStringLiteral("packets")).toInt();
        QVERIFY2(packets >= 400 && packets <= 2000, qPrintable(QString::number(packets))); // SPEC: 400–2000 packets
        const double kbps = d.value(QStringLiteral("bytes")).toDouble() * 8 / 1e3 / d.value(QStringLiteral("duration_s")).toDouble();
        QVERIFY2(kbps >= 10 && kbps <= 200, qPrintable(QString::number(kbps))); // SPEC: 10–200 kbit/s
        for (const QJsonValue &v : d.value(QStringLiteral("hops")).toArray()) {
            const QJsonObject h = v.toObject();
            if (h.value(QStringLiteral("ttl")).toInt() < kLossyHop)
                QVERIFY2(h.value(QStringLiteral("loss_pct")).toDouble() < 2, qPrintable(QJsonDocument(h).toJson()));
        }
        bool escalated = false, diagnosed = false;
        for (const QJsonValue &v : r.value(QStringLiteral("events")).toArray()) {
            escalated = escalated || v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("capacity_escalation");
            diagnosed = diagnosed || v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("capacity_diagnosis");
        }
        QVERIFY(escalated && diagnosed);
    }

    void smallMtuPathGetsSmallerPackets_data()
    {
        QTest::addColumn<bool>("blackHole");
        QTest::newRow("fragmentation-needed") << false;
        QTest::newRow("black-hole") << true;
    }

    void smallMtuPathGetsSmallerPackets()
    {
        QFETCH(bool, blackHole);
        const QStringList silence{"OUTPUT", "-p", "icmp", "--icmp-type", "fragmentation-needed", "-j", "DROP"};
        for (const char *router : {"r1", "r2"})
            QVERIFY(m_lab->exec(QLatin1String(router), {"ip", "link", "set", "wan", "mtu", "1400"}).ok());
        if (blackHole)
            QVERIFY(m_lab->exec(QStringLiteral("r1"), QStringList{"iptables", "-A"} + silence).ok());
        m_lab->exec(QStringLiteral("h1"), {"ip", "route", "flush", "cache"}); // forget a PMTU learnt before
        const auto run = m_lab->exec(QStringLiteral("h1"), LabFixture::timed({kAgent, "capacity", m_lab->address(QStringLiteral("h2")), "--trains", "10",
                                                            "--codec", "none", "--count", "3", "--interval-s", "1", "--json"}),
                                     60000);
        if (blackHole)
            m_lab->exec(QStringLiteral("r1"), QStringList{"iptables", "-D"} + silence);
        for (const char *router : {"r1", "r2"})
            m_lab->exec(QLatin1String(router), {"ip", "link", "set", "wan", "mtu", "1500"});
        QVERIFY2(run.ok(), run.err.constData());
        std::vector<double> totals;
        for (const QByteArray &line : run.out.split('\n')) {
            const QJsonObject c = QJsonDocument::fromJson(line).object().value(QStringLiteral("capacity")).toObject();
            if (c.isEmpty())
                continue;
            QCOMPARE(c.value(QStringLiteral("packet_bytes")).toInt(), 1400);
            QCOMPARE(c.value(QStringLiteral("bytes")).toInt(), 14000);
            // Each estimate's own figure: total_mbps is the peak so far, so the middle of three totals
            // would be the larger of the first two estimates (a run read 21.0 for 19.8 that way).
            totals.push_back(c.value(QStringLiteral("measured_mbps")).toDouble());
        }
        QCOMPARE(totals.size(), size_t(3));
        std::sort(totals.begin(), totals.end());
        const double truth = 20.0 * 1400 / 1414; // tbf counts the 14-byte Ethernet header
        QVERIFY2(qAbs(totals[1] - truth) < 0.05 * truth, qPrintable(QStringLiteral("median of %1 %2 %3 for %4")
                                                                        .arg(totals[0]).arg(totals[1]).arg(totals[2]).arg(truth)));
    }

    void cleanupTestCase() { m_lab.reset(); }
};

QTEST_GUILESS_MAIN(TstCapacityContinuousLab)
#include "tst_capacity_continuous_lab.moc"
