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
    // A symmetric NAT gives the peer a random port, as a rule not one of the 64 above the reflected
    // one: only the relay gets through (but see punchedByChance).
    if (a.symmetric || b.symmetric)
        return {"relayed", 2 * (a.toInet + kPubToInet + b.toInet + kPubToInet)};
    return {"punched", 2 * (a.toInet + b.toInet)};
}

// The random port a symmetric NAT (MASQUERADE --random-fully) gives the flow towards the peer can
// fall among the 64 a punch sprays above the reflected one (seen once: reflected 60081, mapped
// 60143). Then the punch really works and is the cheaper way; it must then have the direct path's
// round trip, and every pair without a symmetric NAT must still be punched.
bool punchedByChance(const QString &x, const QString &y, const QString &path)
{
    return path == QLatin1String("punched") && (kSites.at(x).symmetric || kSites.at(y).symmetric);
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

// Agents of one fleet in nat-ladder, with the bus (and coturn) on pub, started and stopped here.
class NatFleet {
public:
    explicit NatFleet(LabFixture &lab) : m_lab(lab), m_pub(lab.address("pub"))
    {
        QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    ~NatFleet()
    {
        for (auto *p : {m_turn.get(), m_broker.get()})
            if (p) {
                p->terminate();
                p->waitForFinished(5000);
            }
    }
    // The bus, and coturn unless told otherwise, listening before any agent starts.
    bool startServers(bool withTurn = true)
    {
        const bool ok = startBus() && (!withTurn || startTurn());
        QTest::qWait(500);
        return ok;
    }
    bool startBus()
    {
        pathlens::test::BrokerConfig broker;
        broker.listenIp = m_pub;
        broker.port = kBrokerPort;
        m_broker = m_lab.spawn("pub", {"mosquitto", "-c", pathlens::test::writeBrokerConfig(m_dir.path(), broker)});
        return m_broker && m_broker->waitForStarted(5000);
    }
    bool startTurn()
    {
        m_turn = m_lab.spawn("pub", turnServer(m_pub, m_dir.path()));
        return m_turn && m_turn->waitForStarted(5000);
    }
    QString config(const QString &password) { return writeConfig(m_dir.path(), m_pub, password); }
    // Each agent advertises its private IPv4 address unless told otherwise, as a host behind a
    // home router would: the routed IPv6 would be a direct way round every NAT. e advertises its
    // address on the LAN it shares with f.
    bool startAgent(const QString &name, const QString &config, int durationS, int intervalS, QStringList advertise = {},
                    int traceEvery = 0)
    {
        if (advertise.isEmpty())
            advertise << m_lab.address(name, Family::IPv4, name == "e" ? "lf" : QString());
        QStringList args{kAgent, "run", "--capture", file(name), "--collectors", "reflector,mesh,fleet", "--agent-name", name,
                         "--reflector-port", QString::number(kMeshPort + (name == "f" ? 1 : 0)), "--config", config,
                         "--bus", QStringLiteral("mqtt://%1:%2").arg(m_pub).arg(kBrokerPort), "--fleet", "natlab",
                         "--mesh-interval", QString::number(intervalS), "--mesh-trace-every", QString::number(traceEvery),
                         "--duration", QString::number(durationS),
                         "--log-level", "debug"};
        for (const QString &a : advertise)
            args << "--advertise" << a;
        m_agents.emplace_back(name, m_lab.spawn(name, args));
        return m_agents.back().second && m_agents.back().second->waitForStarted(5000);
    }
    // Waits for every agent; keeps their ladder, punch and TURN log lines.
    bool finish()
    {
        bool ok = true;
        for (auto &[name, p] : m_agents) {
            ok = p->waitForFinished(150000) && p->exitCode() == 0 && ok;
            for (const QString &line : QString::fromUtf8(p->readAllStandardError()).split(QLatin1Char('\n')))
                if (line.contains(QLatin1String("punch")) || line.contains(QLatin1String("ladder")) || line.contains(QLatin1String("TURN")))
                    m_logs[name] << line.left(240);
        }
        return ok;
    }
    QJsonObject report(const QString &name) const
    {
        QProcess report;
        report.start(kAgent, {"report", file(name), "--json"});
        report.waitForFinished(30000);
        return QJsonDocument::fromJson(report.readAllStandardOutput()).object();
    }
    void showLogs(const QString &name) const
    {
        for (const QString &line : m_logs.count(name) ? m_logs.at(name) : QStringList())
            qInfo("  %s| %s", qPrintable(name), qPrintable(line));
    }
    QString pub() const { return m_pub; }
    QString file(const QString &name) const { return m_dir.filePath(name + ".plcap"); }

private:
    LabFixture &m_lab;
    QString m_pub;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_broker, m_turn;
    std::vector<std::pair<QString, std::unique_ptr<QProcess>>> m_agents;
    std::map<QString, QStringList> m_logs;
};

// Both directions of a pair with no way: down, path none (each printed with what was tried).
void expectNoWay(const QJsonArray &mesh)
{
    QCOMPARE(mesh.size(), 2);
    for (const auto &c : mesh) {
        const QJsonObject cell = c.toObject();
        qInfo("%s → %s: %s — %s", qPrintable(cell["src"].toString()), qPrintable(cell["dst"].toString()), qPrintable(cell["path"].toString()),
              qPrintable(cell["path_note"].toString()));
        QCOMPARE(cell["path"].toString(), QString("none"));
        QVERIFY(cell["rtt_ms"].isNull());
    }
}

// The events of one kind in a report, oldest first.
QStringList events(const QJsonObject &report, const QString &kind)
{
    QStringList out;
    for (const auto &e : report["events"].toArray())
        if (e.toObject()["kind"].toString() == kind)
            out.prepend(e.toObject()["message"].toString());
    return out;
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
        NatFleet fleet(lab);
        QVERIFY(fleet.startServers());
        const QString config = fleet.config(QStringLiteral("lab-secret"));
        for (const auto &[name, site] : kSites)
            QVERIFY(fleet.startAgent(name, config, 70, 25)); // cycles at 0 (no peers yet), 25 and 50 s
        QVERIFY(fleet.finish());

        // The ladder's rungs, from every agent's events: how often each worked and how long it took.
        std::map<QString, std::pair<int, int>> tries; // rung → (worked, tried)
        std::map<QString, std::vector<double>> seconds;
        for (const auto &[name, site] : kSites) {
            for (const QString &m : events(fleet.report(name), "mesh_ladder")) {
                qInfo("%s: %s", qPrintable(name), qPrintable(m));
                // "b: punched in 4.53 s — direct 192.168.2.1:8620 failed 1.50 s (…); punched 10.80.2.1:8620 ok 3.03 s"
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
        const QJsonArray mesh = fleet.report("a")["mesh"].toArray(); // every agent's rows reach a over the bus
        QCOMPARE(mesh.size(), 30);
        for (const auto &c : mesh) {
            const QJsonObject cell = c.toObject();
            const QString src = cell["src"].toString(), dst = cell["dst"].toString();
            auto [path, truth] = expectedPath(src, dst);
            if (punchedByChance(src, dst, cell["path"].toString())) {
                path = QStringLiteral("punched");
                truth = 2 * (kSites.at(src).toInet + kSites.at(dst).toInet);
                qInfo("%s → %s: punched through a symmetric NAT (its random port fell in the 64-port window)",
                      qPrintable(src), qPrintable(dst));
            }
            const double rtt = cell["rtt_ms"].toDouble();
            qInfo("%s → %s: %s, RTT %.3f ms (truth %.1f), %d cycles", qPrintable(src), qPrintable(dst), qPrintable(cell["path"].toString()), rtt,
                  truth, cell["cycles"].toInt());
            if (cell["path"].toString() != path) {
                fleet.showLogs(src);
                fleet.showLogs(dst);
            }
            QCOMPARE(cell["path"].toString(), path);
            QVERIFY2(!cell["rtt_ms"].isNull(), qPrintable(src + " → " + dst + " is down"));
            QVERIFY2(std::abs(rtt - truth) <= 1.0, qPrintable(QStringLiteral("%1 → %2: %3 ms, truth %4").arg(src, dst).arg(rtt).arg(truth)));
        }

        // The GUI shows a's capture offline: every path kind on one map (PATHLENS_SHOT_DIR keeps
        // screenshots of every page to look at).
        QProcess gui;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        gui.setProcessEnvironment(env);
        const QString dump = fleet.file("views") + ".json";
        QStringList guiArgs{fleet.file("a"), "--dump-views", dump, "--screenshot-delay", "100"};
        if (const QString shots = qEnvironmentVariable("PATHLENS_SHOT_DIR"); !shots.isEmpty())
            guiArgs << "--screenshot" << shots + QStringLiteral("/natladder-%p.png");
        gui.start(QStringLiteral(PATHLENS_BINARY_DIR "/app/gui/pathlens"), guiArgs);
        QVERIFY(gui.waitForFinished(60000));
        QFile f(dump);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject views = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(views["mesh"].toObject()["agents"].toArray().size(), 6);
    }

    // IPv6 is routed end to end in the lab (no NAT66): two agents that advertise it go direct,
    // even though one of them sits behind a symmetric IPv4 NAT.
    void routedIpv6IsDirect()
    {
        LabFixture lab(QStringLiteral("nat-ladder"));
        QVERIFY2(lab.isUp(), qPrintable(lab.error()));
        NatFleet fleet(lab);
        QVERIFY(fleet.startServers(false));
        const QString config = fleet.config(QStringLiteral("lab-secret")); // coturn is not even running
        for (const QString name : {"a", "c"})
            QVERIFY(fleet.startAgent(name, config, 14, 6, {lab.address(name, Family::IPv6), lab.address(name)}));
        QVERIFY(fleet.finish());
        const double truth = 2 * (kSites.at("a").toInet + kSites.at("c").toInet);
        const QJsonArray mesh = fleet.report("a")["mesh"].toArray();
        QCOMPARE(mesh.size(), 2);
        for (const auto &c : mesh) {
            const QJsonObject cell = c.toObject();
            qInfo("%s → %s: %s %s, RTT %.3f ms (truth %.1f)", qPrintable(cell["src"].toString()), qPrintable(cell["dst"].toString()),
                  qPrintable(cell["path"].toString()), qPrintable(cell["address"].toString()), cell["rtt_ms"].toDouble(), truth);
            QCOMPARE(cell["path"].toString(), QString("direct"));
            QVERIFY2(cell["address"].toString().contains(QLatin1Char(':')), "measured over IPv6");
            QVERIFY(std::abs(cell["rtt_ms"].toDouble() - truth) <= 1.0);
        }
    }

    // What the ladder says when the relay cannot help: a wrong password names the config keys to
    // fix; a TURN server that is down leaves the cells down, each with the reason.
    void relayRefusedOrDownIsSaid()
    {
        LabFixture lab(QStringLiteral("nat-ladder"));
        QVERIFY2(lab.isUp(), qPrintable(lab.error()));
        {
            NatFleet fleet(lab);
            QVERIFY(fleet.startServers());
            const QString wrong = fleet.config(QStringLiteral("not-the-password"));
            QVERIFY(fleet.startAgent("a", wrong, 18, 8));
            QVERIFY(fleet.startAgent("c", fleet.config(QStringLiteral("lab-secret")), 18, 8));
            QVERIFY(fleet.finish());
            const QStringList said = events(fleet.report("a"), "mesh");
            const QString refused = said.filter("401").value(0);
            qInfo("a said: %s", qPrintable(refused));
            QVERIFY2(refused.contains("refused user 'pathlens'") && refused.contains("mesh.turn.password") && refused.contains(wrong),
                     qPrintable(said.join('\n')));
            const QJsonArray mesh = fleet.report("a")["mesh"].toArray();
            expectNoWay(mesh); // c is symmetric: without a's relay, no way works
            if (QTest::currentTestFailed())
                return;
            const QJsonObject fromA = mesh[0].toObject()["src"].toString() == "a" ? mesh[0].toObject() : mesh[1].toObject();
            QVERIFY2(fromA["path_note"].toString().contains("401"), qPrintable(fromA["path_note"].toString()));
        }
        {
            NatFleet fleet(lab); // no coturn at all
            QVERIFY(fleet.startServers(false));
            const QString config = fleet.config(QStringLiteral("lab-secret"));
            QVERIFY(fleet.startAgent("a", config, 18, 8));
            QVERIFY(fleet.startAgent("c", config, 18, 8));
            QVERIFY(fleet.finish());
            const QJsonArray mesh = fleet.report("a")["mesh"].toArray();
            expectNoWay(mesh);
            if (QTest::currentTestFailed())
                return;
            for (const auto &c : mesh) {
                const QJsonObject cell = c.toObject();
                QVERIFY2(cell["path_note"].toString().contains(QStringLiteral("TURN server %1:%2 did not answer").arg(fleet.pub()).arg(kPort1)),
                         qPrintable(cell["path_note"].toString()));
            }
        }
    }

    // A NAT that drops its mappings and maps the mesh socket anew mid-run: the agent notices on
    // its next STUN refresh, tells the fleet, and both sides climb again to the new mapping.
    void newNatMappingIsNoticed()
    {
        LabFixture lab(QStringLiteral("nat-ladder"));
        QVERIFY2(lab.isUp(), qPrintable(lab.error()));
        NatFleet fleet(lab);
        QVERIFY(fleet.startServers());
        const QString config = fleet.config(QStringLiteral("lab-secret"));
        for (const QString name : {"a", "b"})
            QVERIFY(fleet.startAgent(name, config, 45, 8, {}, 2)); // traced every other cycle
        QTest::qWait(18000); // a and b have punched
        // nata now maps the mesh socket to port 40000 (still one port for every destination) and
        // forgets every mapping it had, as a home router may after a reboot.
        const QString wan = lab.address("nata", Family::IPv4, "wa");
        const ExecResult rule = lab.exec("nata", {"iptables", "-t", "nat", "-I", "POSTROUTING", "-p", "udp", "-s", "192.168.1.0/24", "-j",
                                                  "SNAT", "--to-source", wan + ":40000"});
        QVERIFY2(rule.ok(), rule.err.constData());
        const ExecResult flush = lab.exec("nata", {"conntrack", "-F"});
        QVERIFY2(flush.ok(), flush.err.constData());
        QVERIFY(fleet.finish());
        const QJsonObject r = fleet.report("a");
        const QStringList said = events(r, "mesh").filter("outside addresses");
        qInfo("%s", qPrintable(said.join('\n')));
        QVERIFY2(said.size() >= 2 && said.last().contains(wan + ":40000"), qPrintable(said.join('\n')));
        const QStringList climbs = events(r, "mesh_ladder");
        qInfo("%s", qPrintable(climbs.join('\n')));
        if (climbs.size() < 2 || !climbs.last().startsWith("b: punched")) {
            fleet.showLogs("a");
            fleet.showLogs("b");
        }
        QVERIFY2(climbs.size() >= 2 && climbs.last().startsWith("b: punched"), qPrintable(climbs.join('\n')));
        // b climbed again too, to a's new port.
        const QStringList bClimbs = events(fleet.report("b"), "mesh_ladder");
        QVERIFY2(bClimbs.size() >= 2 && bClimbs.last().contains(wan + ":40000"), qPrintable(bClimbs.join('\n')));
        // a's trace to b starts at a's NAT's public address (its end box shows it), and goes to b's NAT.
        bool traced = false;
        for (const auto &t : r["mesh_traces"].toArray())
            if (t.toObject()["by"].toString() == "a" && t.toObject()["target"].toString() == "b") {
                traced = true;
                QCOMPARE(t.toObject()["public"].toString(), wan);
            }
        QVERIFY(traced);
    }
};

QTEST_GUILESS_MAIN(TstNatLab)
#include "tst_nat_lab.moc"
