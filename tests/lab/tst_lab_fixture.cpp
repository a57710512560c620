// SPDX-License-Identifier: GPL-3.0-or-later
// Lab test of the fixture itself in chain-6: addresses, exec, timeouts, isolation, teardown.
#include "lab_fixture.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace pathlens::lab;

class TestLabFixture : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        PATHLENS_LAB_REQUIRE();
        m_lab = std::make_unique<LabFixture>(QStringLiteral("chain-6"));
        QVERIFY2(m_lab->isUp(), qPrintable(m_lab->error()));
    }

    void exposesScenarioAddresses()
    {
        QCOMPARE(m_lab->address(QStringLiteral("h1")), QStringLiteral("10.20.1.1"));
        QCOMPARE(m_lab->address(QStringLiteral("h2")), QStringLiteral("10.20.7.2"));
        QCOMPARE(m_lab->address(QStringLiteral("h2"), Family::IPv6), QStringLiteral("fd00:20:7::2"));
        QCOMPARE(m_lab->address(QStringLiteral("r3"), Family::IPv4, QStringLiteral("l4")),
                 QStringLiteral("10.20.4.1"));
        QCOMPARE(m_lab->hosts().size(), 8);
        QVERIFY(m_lab->address(QStringLiteral("nope")).isEmpty());
    }

    void execReturnsCodeAndStreams()
    {
        const auto r = m_lab->exec(QStringLiteral("h1"),
                                   {QStringLiteral("sh"), QStringLiteral("-c"),
                                    QStringLiteral("echo out; echo err >&2; exit 3")});
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.out, QByteArray("out\n"));
        QCOMPARE(r.err, QByteArray("err\n"));
    }

    void execTimesOut()
    {
        QElapsedTimer t;
        t.start();
        const auto r = m_lab->exec(QStringLiteral("h1"), {QStringLiteral("sleep"), QStringLiteral("20")},
                                   300);
        QVERIFY(r.timedOut);
        QVERIFY(!r.ok());
        QVERIFY2(t.elapsed() < 5000, "a timed-out command must be killed promptly");
    }

    void unknownHostIsAnError()
    {
        const auto r = m_lab->exec(QStringLiteral("nope"), {QStringLiteral("true")});
        QVERIFY(r.error.contains(QLatin1String("no host")));
    }

    void hostSeesOnlyItsOwnLinks()
    {
        const auto r = m_lab->exec(QStringLiteral("h1"), {QStringLiteral("ip"), QStringLiteral("-o"),
                                                          QStringLiteral("link")});
        QVERIFY(r.ok());
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2); // lo and l1: nothing of the root namespace is visible
    }

    // Ground truth through the fixture: 2 x 8.5 ms one way, kernel routing adds tens of us per hop.
    void delaysAddUp()
    {
        const QString h2 = m_lab->address(QStringLiteral("h2"));
        m_lab->exec(QStringLiteral("h1"), {QStringLiteral("ping"), QStringLiteral("-c"), QStringLiteral("2"),
                                           QStringLiteral("-W"), QStringLiteral("2"), h2}, 10000);
        const auto r = m_lab->exec(QStringLiteral("h1"),
                                   {QStringLiteral("ping"), QStringLiteral("-n"), QStringLiteral("-c"),
                                    QStringLiteral("25"), QStringLiteral("-i"), QStringLiteral("0.1"),
                                    QStringLiteral("-W"), QStringLiteral("2"), h2},
                                   20000);
        QVERIFY2(r.ok(), r.err.constData());
        QList<double> rtts;
        static const QRegularExpression re(QStringLiteral("time=([\\d.]+) ms"));
        for (auto it = re.globalMatch(QString::fromUtf8(r.out)); it.hasNext();)
            rtts << it.next().captured(1).toDouble();
        QCOMPARE(rtts.size(), 25);
        std::sort(rtts.begin(), rtts.end());
        const double median = rtts[rtts.size() / 2];
        QVERIFY2(median > 17.0 - 0.1 && median < 17.0 + 0.6, qPrintable(QString::number(median)));
    }

    void silentHopShowsStar()
    {
        const auto r = m_lab->exec(QStringLiteral("h1"),
                                   {QStringLiteral("traceroute"), QStringLiteral("-n"), QStringLiteral("-N"),
                                    QStringLiteral("1"), QStringLiteral("-q"), QStringLiteral("1"),
                                    QStringLiteral("-w"), QStringLiteral("1"), QStringLiteral("-m"),
                                    QStringLiteral("8"), m_lab->address(QStringLiteral("h2"))},
                                   30000);
        QVERIFY2(r.ok(), r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\n\\s*3\\s+\\*"))), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\n\\s*4\\s+10\\.20\\.4\\.2"))),
                 qPrintable(out));
    }

    void forwarderReportsStats()
    {
        const QJsonObject s = m_lab->forwarderStats();
        QCOMPARE(s.value(QLatin1String("directions")).toArray().size(), 12); // 6 impaired links x 2
    }

    void cleanupTestCase()
    {
        if (!m_lab)
            return;
        const QString prefix = m_lab->prefix();
        m_lab.reset();
        QProcess p;
        p.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("list")});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY2(!p.readAllStandardOutput().contains(prefix.toUtf8()), "namespaces left behind");
    }

private:
    std::unique_ptr<LabFixture> m_lab;
};

QTEST_GUILESS_MAIN(TestLabFixture)
#include "tst_lab_fixture.moc"
