// SPDX-License-Identifier: GPL-3.0-or-later
// The first rung of the NAT ladder in nat-pair: two STUN servers (coturn, started here on pub's
// address and stopped by PID) tell each agent where its NAT maps it. a sits behind a port-restricted
// cone NAT (MASQUERADE: one public port for every destination), b behind a symmetric one
// (--random-fully: a new port per destination), pub has no NAT. Ground truth is the scenario: the
// reflected address is the NAT's outside address, and the mapping is what each NAT was built as.
#include "lab_fixture.h"
#include "../common/mqtt_broker.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>

#include <map>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kPort1 = 34780, kPort2 = 34790;
constexpr quint16 kBrokerPort = 18831, kMeshPort = 8620;

// nat-ladder's ground truth: each agent's one-way delay to the internet router, and its NAT.
struct Site {
    double toInet;  // ms, one way
    bool symmetric; // its NAT maps each destination to a new random port
};
const std::map<QString, Site> kSites{{"a", {5, false}}, {"b", {7, false}}, {"c", {4, true}},
                                     {"d", {9, true}},  {"e", {2.5, false}}, {"f", {3, false}}};
constexpr double kPubToInet = 1;   // the relay's one-way delay to the internet router
constexpr double kLanOneWay = 0.5; // e ↔ f

// The path each pair should find, and that path's round trip.
std::pair<QString, double> expectedPath(const QString &x, const QString &y)
{
    if ((x == "e" && y == "f") || (x == "f" && y == "e"))
        return {"lan", 2 * kLanOneWay};
    const Site &a = kSites.at(x), &b = kSites.at(y);
    // A symmetric NAT gives the peer a random port, not one of the 64 above the reflected one:
    // only the relay gets through.
    if (a.symmetric || b.symmetric)
        return {"relayed", 2 * (a.toInet + kPubToInet + b.toInet + kPubToInet)};
    return {"punched", 2 * (a.toInet + b.toInet)};
}

// coturn with long-term credentials on `ip`, relaying from the same address.
QStringList turnServer(const QString &ip, const QString &dbDir)
{
    return {"turnserver", "-n", QStringLiteral("--listening-ip=%1").arg(ip), QStringLiteral("--relay-ip=%1").arg(ip),
            QStringLiteral("--listening-port=%1").arg(kPort1), "--min-port=49160", "--max-port=49300", "--lt-cred-mech",
            "--user=pathlens:lab-secret", "--realm=pathlens.lab", "--no-tls", "--no-dtls", "--no-cli",
            QStringLiteral("--userdb=%1/turndb").arg(dbDir), "--log-file=stdout", "--simple-log"};
}

QString writeConfig(const QString &dir, const QString &pub, const QString &password)
{
    const QString path = dir + QStringLiteral("/agent-%1.json").arg(password);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral(R"({"mesh": {"stun": "%1:%2", "turn": {"server": "%1:%2", "user": "pathlens", "password": "%3"}}})")
                .arg(pub)
                .arg(kPort1)
                .arg(password)
                .toUtf8());
    return path;
}
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

    // Six agents behind every kind of NAT find each other through the fleet bus and climb the
    // ladder: each pair ends on the cheapest path that works, and its RTT is that path's.
    void ladderFindsTheCheapestWayForEachPair()
    {
        LabFixture lab(QStringLiteral("nat-ladder"));
        QVERIFY2(lab.isUp(), qPrintable(lab.error()));
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const QString pub = lab.address("pub");
        auto broker = lab.spawn("pub", {"mosquitto", "-c", pathlens::test::writeBrokerConfig(dir.path(), {pub, kBrokerPort})});
        QVERIFY(broker && broker->waitForStarted(5000));
        auto turn = lab.spawn("pub", turnServer(pub, dir.path()));
        QVERIFY(turn && turn->waitForStarted(5000));
        QTest::qWait(500);
        const QString config = writeConfig(dir.path(), pub, QStringLiteral("lab-secret"));
        std::vector<std::unique_ptr<QProcess>> agents;
        for (const auto &[name, site] : kSites) {
            // Each agent advertises its private IPv4 address only, as a host behind a home router
            // would: the routed IPv6 would be a direct way round every NAT. e advertises its
            // address on the LAN it shares with f.
            agents.push_back(lab.spawn(name, {kAgent, "run", "--capture", dir.filePath(name + ".plcap"), "--collectors", "reflector,mesh,fleet",
                                              "--agent-name", name, "--reflector-port", QString::number(kMeshPort + (name == "f" ? 1 : 0)),
                                              "--config", config, "--advertise", lab.address(name, Family::IPv4, name == "e" ? "lf" : QString()),
                                              "--bus", QStringLiteral("mqtt://%1:%2").arg(pub).arg(kBrokerPort), "--fleet", "natlab",
                                              "--mesh-interval", "25", "--mesh-trace-every", "0", "--duration", "75", "--log-level", "debug"}));
            QVERIFY(agents.back() && agents.back()->waitForStarted(5000));
        }
        std::map<QString, QStringList> logs; // each agent's ladder and punch lines, shown when a pair fails
        auto name = kSites.begin();
        for (auto &a : agents) {
            QVERIFY(a->waitForFinished(120000));
            QCOMPARE(a->exitCode(), 0);
            for (const QString &line : QString::fromUtf8(a->readAllStandardError()).split(QLatin1Char('\n')))
                if (line.contains(QLatin1String("punch")) || line.contains(QLatin1String("ladder")))
                    logs[name->first] << line.left(220);
            ++name;
        }
        turn->terminate();
        broker->terminate();
        QVERIFY(turn->waitForFinished(5000) && broker->waitForFinished(5000));

        // The ladder's rungs, from every agent's events: how often each worked and how long it took.
        std::map<QString, std::pair<int, int>> tries; // rung → (worked, tried)
        std::map<QString, std::vector<double>> seconds;
        QJsonArray mesh;
        for (const auto &[name, site] : kSites) {
            QProcess report;
            report.start(kAgent, {"report", dir.filePath(name + ".plcap"), "--json"});
            QVERIFY(report.waitForFinished(30000));
            const QJsonObject r = QJsonDocument::fromJson(report.readAllStandardOutput()).object();
            if (name == "a")
                mesh = r["mesh"].toArray();
            for (const auto &e : r["events"].toArray()) {
                const QString m = e.toObject()["message"].toString();
                if (e.toObject()["kind"].toString() != "mesh_ladder")
                    continue;
                qInfo("%s: %s", qPrintable(name), qPrintable(m));
                // "b: punched in 3.21 s — lan …; direct 192.168.2.2:8620 failed 1.50 s (…); punched 10.80.2.1:8620 ok 3.20 s"
                static const QRegularExpression step(QStringLiteral("(lan|direct|punched|relayed) (\\S+(?: \\S+)?) (ok|failed) ([0-9.]+) s"));
                for (auto it = step.globalMatch(m); it.hasNext();) {
                    const auto s = it.next();
                    auto &[worked, tried] = tries[s.captured(1)];
                    ++tried;
                    if (s.captured(3) == "ok") {
                        ++worked;
                        seconds[s.captured(1)].push_back(s.captured(4).toDouble());
                    }
                }
            }
        }
        for (const auto &[rung, t] : tries) {
            auto s = seconds[rung];
            std::sort(s.begin(), s.end());
            qInfo("rung %s: %d of %d worked; median %.2f s when it did", qPrintable(rung), t.first, t.second, s.empty() ? 0.0 : s[s.size() / 2]);
        }
        QCOMPARE(mesh.size(), 30);
        for (const auto &c : mesh) {
            const QJsonObject cell = c.toObject();
            const QString src = cell["src"].toString(), dst = cell["dst"].toString();
            const auto [path, truth] = expectedPath(src, dst);
            const double rtt = cell["rtt_ms"].toDouble();
            qInfo("%s → %s: %s, RTT %.3f ms (truth %.1f), %d cycles", qPrintable(src), qPrintable(dst), qPrintable(cell["path"].toString()), rtt,
                  truth, cell["cycles"].toInt());
            if (cell["path"].toString() != path)
                for (const QString &who : {src, dst})
                    for (const QString &line : logs[who])
                        qInfo("  %s| %s", qPrintable(who), qPrintable(line));
            QCOMPARE(cell["path"].toString(), path);
            QVERIFY2(!cell["rtt_ms"].isNull(), qPrintable(src + " → " + dst + " is down"));
            QVERIFY2(std::abs(rtt - truth) <= 1.0, qPrintable(QStringLiteral("%1 → %2: %3 ms, truth %4").arg(src, dst).arg(rtt).arg(truth)));
        }
    }
};

QTEST_GUILESS_MAIN(TstNatLab)
#include "tst_nat_lab.moc"
