// SPDX-License-Identifier: GPL-3.0-or-later
// The first rung of the NAT ladder in nat-pair: two STUN servers (coturn, started here on pub's
// address and stopped by PID) tell each agent where its NAT maps it. a sits behind a port-restricted
// cone NAT (MASQUERADE: one public port for every destination), b behind a symmetric one
// (--random-fully: a new port per destination), pub has no NAT. Ground truth is the scenario: the
// reflected address is the NAT's outside address, and the mapping is what each NAT was built as.
#include "lab_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kPort1 = 34780, kPort2 = 34790;
} // namespace

class TstNatLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { PATHLENS_LAB_REQUIRE(); }

    void stunTellsEachNatApart()
    {
        LabFixture lab(QStringLiteral("nat-pair"));
        QVERIFY2(lab.isUp(), qPrintable(lab.error()));
        const QString pub = lab.address("pub");
        std::vector<std::unique_ptr<QProcess>> servers;
        for (int port : {kPort1, kPort2}) {
            servers.push_back(lab.spawn("pub", {"turnserver", "-n", QStringLiteral("--listening-ip=%1").arg(pub),
                                                QStringLiteral("--listening-port=%1").arg(port),
                                                QStringLiteral("--min-port=%1").arg(port + 100), QStringLiteral("--max-port=%1").arg(port + 150),
                                                "--no-tls", "--no-dtls", "--no-cli", "--no-auth", "--log-file=stdout", "--simple-log"}));
            QVERIFY(servers.back() && servers.back()->waitForStarted(5000));
        }
        QTest::qWait(500);
        struct Expect {
            const char *host;
            QString publicAddress;
            const char *mapping;
        };
        const Expect expect[] = {{"a", lab.address("nata", Family::IPv4, "wa"), "endpoint-independent"},
                                 {"b", lab.address("natb", Family::IPv4, "wb"), "endpoint-dependent"},
                                 {"pub", pub, "none"}};
        for (const Expect &e : expect) {
            const ExecResult r = lab.exec(e.host, {kAgent, "stun", QStringLiteral("%1:%2").arg(pub).arg(kPort1), "--also",
                                                   QStringLiteral("%1:%2").arg(pub).arg(kPort2), "--json"},
                                          15000);
            QVERIFY2(r.ok(), r.err.constData());
            const QJsonObject out = QJsonDocument::fromJson(r.out).object();
            const QJsonArray mapped = out["mapped"].toArray();
            qInfo("%s: local port %d, seen at %s:%d and %s:%d, mapping %s", e.host, out["local_port"].toInt(),
                  qPrintable(mapped[0].toObject()["address"].toString()), mapped[0].toObject()["port"].toInt(),
                  qPrintable(mapped[1].toObject()["address"].toString()), mapped[1].toObject()["port"].toInt(),
                  qPrintable(out["mapping"].toString()));
            QCOMPARE(mapped.size(), 2);
            for (const auto &m : mapped)
                QCOMPARE(m.toObject()["address"].toString(), e.publicAddress);
            QCOMPARE(out["mapping"].toString(), QString::fromLatin1(e.mapping));
        }
        for (auto &s : servers)
            s->terminate();
    }
};

QTEST_GUILESS_MAIN(TstNatLab)
#include "tst_nat_lab.moc"
