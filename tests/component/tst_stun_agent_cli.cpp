// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent stun` against two coturn servers on loopback (started and stopped by this test):
// both see our own port, so no NAT; a server that does not answer is said so (exit 3); bad usage
// is exit 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");

int freeUdpPort()
{
    QTcpServer s; // a TCP port free now is almost always free for UDP too: good enough for a test server
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run agent(const QStringList &args)
{
    QProcess p;
    p.start(kAgent, args);
    p.waitForFinished(20000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
} // namespace

class TstStunAgentCli : public QObject {
    Q_OBJECT
private slots:
    void loopbackHasNoNat()
    {
        std::vector<std::unique_ptr<QProcess>> servers;
        QStringList addresses;
        for (int i = 0; i < 2; ++i) {
            const int port = freeUdpPort();
            QVERIFY(port > 0);
            auto p = std::make_unique<QProcess>();
            p->start("turnserver", {"-n", "--listening-ip=127.0.0.1", QStringLiteral("--listening-port=%1").arg(port),
                                    QStringLiteral("--min-port=%1").arg(50000 + 100 * i), QStringLiteral("--max-port=%1").arg(50050 + 100 * i),
                                    "--no-tls", "--no-dtls", "--no-cli", "--no-auth", "--log-file=stdout", "--simple-log"});
            QVERIFY(p->waitForStarted(5000));
            servers.push_back(std::move(p));
            addresses << QStringLiteral("127.0.0.1:%1").arg(port);
        }
        QTest::qWait(500);
        const Run r = agent({"stun", addresses[0], "--also", addresses[1], "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(out["mapping"].toString(), QString("none"));
        for (const auto &m : out["mapped"].toArray()) {
            QCOMPARE(m.toObject()["address"].toString(), QString("127.0.0.1"));
            QCOMPARE(m.toObject()["port"].toInt(), out["local_port"].toInt());
            QVERIFY(m.toObject()["rtt_ms"].toDouble() > 0 && m.toObject()["rtt_ms"].toDouble() < 100);
        }
        // The second server gone: its answer is missing, the mapping unknown, the first still answers.
        servers[1]->terminate();
        QVERIFY(servers[1]->waitForFinished(5000));
        const Run half = agent({"stun", addresses[0], "--also", addresses[1], "--json"});
        QCOMPARE(half.code, 0);
        const QJsonObject h = QJsonDocument::fromJson(half.out).object();
        QCOMPARE(h["mapping"].toString(), QString("unknown"));
        QVERIFY(h["mapped"].toArray()[1].toObject()["address"].isNull());
        servers[0]->terminate();
        QVERIFY(servers[0]->waitForFinished(5000));
        QCOMPARE(agent({"stun", addresses[0]}).code, 3); // nobody answers
        QCOMPARE(agent({"stun"}).code, 2);
        QCOMPARE(agent({"stun", addresses[0], "--alt-port", "70000"}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TstStunAgentCli)
#include "tst_stun_agent_cli.moc"
