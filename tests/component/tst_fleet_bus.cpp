// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet bus with a real mosquitto broker on loopback, started and stopped by this test:
// two agents find each other through it, one of them started while the broker was down (it keeps
// measuring its configured peer and delivers those rows once the broker is up); malformed and
// spoofed messages are ignored with an event; user/password and TLS (mqtts) brokers.
#include "collectors/fleet/mqtt_client.h"
#include "core/base/time_utc.h"
#include "core/fleet/fleet_bus_codec.h"
#include "core/store/capture_store.h"
#include "tests/common/mqtt_broker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace pathlens;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");

quint16 freePort()
{
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

// Starts mosquitto; true once it accepts connections (≤ 5 s).
bool startBroker(QProcess &broker, const QString &config, quint16 port)
{
    broker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    broker.start(QStringLiteral("mosquitto"), {QStringLiteral("-c"), config});
    if (!broker.waitForStarted(5000))
        return false;
    for (int i = 0; i < 50; ++i) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(100))
            return true;
        QTest::qWait(100);
    }
    return false;
}

void stopBroker(QProcess &broker)
{
    broker.terminate(); // SIGTERM to its PID
    if (!broker.waitForFinished(5000))
        broker.kill();
}

QStringList agentArgs(const QString &capture, const QString &name, quint16 reflectorPort, const QString &bus, int seconds)
{
    return {"run", "--capture", capture, "--collectors", "reflector,mesh,fleet", "--agent-name", name, "--reflector-port",
            QString::number(reflectorPort), "--bus", bus, "--fleet", "lab", "--advertise", "127.0.0.1", "--mesh-interval", "2",
            "--duration", QString::number(seconds)};
}

QJsonObject report(const QString &capture)
{
    QProcess p;
    p.start(kAgent, {"report", capture, "--json"});
    p.waitForFinished(20000);
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

QStringList eventMessages(const QJsonObject &r, const QString &source)
{
    QStringList out;
    for (const auto &e : r["events"].toArray())
        if (e.toObject()["source"].toString() == source)
            out << e.toObject()["message"].toString();
    return out;
}
} // namespace

class TstFleetBus : public QObject {
    Q_OBJECT
private slots:
    void agentsFindEachOtherAndCatchUpAfterTheBrokerWasDown()
    {
        QTemporaryDir dir;
        const quint16 port = freePort(), ra = freePort(), rb = freePort();
        const QString bus = QStringLiteral("mqtt://127.0.0.1:%1").arg(port);
        const QString config = test::writeBrokerConfig(dir.path(), {QStringLiteral("127.0.0.1"), port});
        QVERIFY(!config.isEmpty());

        // alpha starts first, with no broker: it measures its configured peer all the same.
        QProcess alpha, beta, broker;
        const QString capA = dir.filePath("alpha.plcap"), capB = dir.filePath("beta.plcap");
        alpha.start(kAgent, agentArgs(capA, "alpha", ra, bus, 14) << "--peer" << QStringLiteral("beta=127.0.0.1:%1").arg(rb));
        QVERIFY(alpha.waitForStarted(5000));
        QTest::qWait(2500);
        const qint64 brokerUpMs = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(startBroker(broker, config, port));
        // beta knows nobody: alpha comes from the bus.
        beta.start(kAgent, agentArgs(capB, "beta", rb, bus, 10));
        QVERIFY(beta.waitForStarted(5000));

        // A rogue client: a malformed hello, and an agent speaking for another (a Poor verdict for
        // alpha). Retained, so beta gets them whenever it subscribes.
        auto settings = collect::parseBusUrl(bus);
        QVERIFY(settings);
        std::atomic<bool> up{false};
        collect::MqttClient rogue(*settings, {[&](bool c, const QString &) { up = c; }, {}});
        QVERIFY(rogue.start());
        QTRY_VERIFY_WITH_TIMEOUT(up.load(), 5000);
        QVERIFY(rogue.publish(core::fleetTopic("lab", "mallory", core::FleetTopicKind::Hello), "{not json", true));
        core::FleetDevice spoof;
        spoof.id = "alpha";
        spoof.name = "alpha";
        spoof.utcUs = core::nowUtcUs();
        spoof.hasVerdict = true;
        spoof.grade = core::Grade::Poor;
        spoof.sessions = 99;
        QVERIFY(rogue.publish(core::fleetTopic("lab", "mallory", core::FleetTopicKind::Verdict), core::encodeVerdict(spoof), true));
        rogue.stop(); // a clean disconnect: what it published is on the broker

        QVERIFY(beta.waitForFinished(30000));
        QVERIFY(alpha.waitForFinished(30000));
        QCOMPARE(alpha.exitCode(), 0);
        QCOMPARE(beta.exitCode(), 0);
        stopBroker(broker);

        const QJsonObject rb_ = report(capB);
        QStringList devices;
        for (const auto &d : rb_["fleet"].toArray())
            devices << d.toObject()["name"].toString();
        devices.sort();
        QCOMPARE(devices, (QStringList{"alpha", "beta"}));
        QJsonObject ab, ba;
        for (const auto &c : rb_["mesh"].toArray()) {
            const QJsonObject o = c.toObject();
            (o["src"].toString() == "alpha" ? ab : ba) = o;
        }
        QCOMPARE(ba["dst"].toString(), QString("alpha")); // beta measured alpha, found on the bus
        QVERIFY(ba["cycles"].toInt() >= 2);
        QVERIFY(ba["rtt_ms"].toDouble() > 0 && ba["rtt_ms"].toDouble() < 5);
        QCOMPARE(ab["dst"].toString(), QString("beta"));  // alpha's rows, relayed by the bus into beta's capture
        const QStringList fleetEvents = eventMessages(rb_, "fleet");
        QVERIFY2(fleetEvents.filter("peer alpha found at 127.0.0.1").size() == 1, qPrintable(fleetEvents.join('\n')));
        // Both refused, each for its own reason; alpha's verdict is not the spoof's.
        QVERIFY2(fleetEvents.filter("from agent 'mallory': fleet bus message: not a JSON object").size() == 1,
                 qPrintable(fleetEvents.join('\n')));
        QVERIFY2(fleetEvents.filter("from agent 'mallory': fleet bus message: agent 'mallory' published as 'alpha'").size() == 1,
                 qPrintable(fleetEvents.join('\n')));
        for (const auto &d : rb_["fleet"].toArray())
            if (d.toObject()["name"].toString() == "alpha")
                QVERIFY(d.toObject()["grade"].isNull() && d.toObject()["sessions"].toInt() == 0);

        // alpha's rows from before the broker came up reached the bus (and so beta) afterwards.
        const QJsonObject ra_ = report(capA);
        const QStringList alphaEvents = eventMessages(ra_, "fleet");
        QVERIFY2(alphaEvents.filter("unreachable").size() == 1, qPrintable(alphaEvents.join('\n')));
        QVERIFY2(alphaEvents.filter("connected to").size() == 1, qPrintable(alphaEvents.join('\n')));
        QJsonObject alphaCell;
        for (const auto &c : ra_["mesh"].toArray())
            if (c.toObject()["src"].toString() == "alpha")
                alphaCell = c.toObject();
        QVERIFY(alphaCell["cycles"].toInt() >= 5);
        // The rows alpha measured before the broker came up reached beta's capture once it did, and
        // so did every later one measured while beta still listened (its outbox drains every second).
        auto alphaRows = [&](const QString &capture) {
            std::vector<qint64> ts;
            auto store = core::CaptureStore::open(capture, core::CaptureStore::Mode::ReadOnly);
            if (store)
                (void)(*store)->forEach(core::Table::MeshResults, [&](const core::Row &row) {
                    if (row.get("src_agent").toString() == "alpha")
                        ts.push_back(row.get("ts_us").toLongLong() / 1000);
                    return true;
                });
            return ts;
        };
        const std::vector<qint64> measured = alphaRows(capA), received = alphaRows(capB);
        const qint64 betaEndMs =
            QDateTime::fromString(rb_["capture"].toObject()["ended_utc"].toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
        QVERIFY(betaEndMs > brokerUpMs);
        int early = 0, due = 0;
        for (qint64 t : measured) {
            const bool arrived = std::find(received.begin(), received.end(), t) != received.end();
            if (t < brokerUpMs)
                early += arrived ? 1 : -1000; // every row from before the broker must have arrived
            // A cycle's row is stamped at its start and committed ~1.4 s later; allow that and a flush.
            else if (t < betaEndMs - 3000)
                due += arrived ? 1 : -1000;
        }
        qInfo("alpha measured %zu cycles; beta's capture holds %zu of them, %d from before the broker was up, %d later ones due",
              measured.size(), received.size(), early, due);
        QVERIFY(early >= 1);
        QVERIFY(due >= 2);
    }

    void passwordAndTls()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath("cert.pem"), key = dir.filePath("key.pem");
        QProcess openssl;
        openssl.start("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                                  "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert});
        QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
        const quint16 port = freePort();
        const QString config = test::writeBrokerConfig(dir.path(), {QStringLiteral("127.0.0.1"), port, "fleetuser", "s3cret", cert, key});
        QVERIFY(!config.isEmpty());
        QProcess broker;
        QVERIFY(startBroker(broker, config, port));

        // Three agents at once: the right password, a wrong one, and a CA that does not know the broker.
        struct Case {
            QString name, password;
            QStringList extra;
            std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
        };
        std::vector<Case> cases;
        cases.push_back({"good", "s3cret", {"--bus-ca", cert}});
        cases.push_back({"wrong", "guess", {"--bus-ca", cert}});
        cases.push_back({"untrusted", "s3cret", {}}); // the system CAs do not know this certificate
        const QString url = QStringLiteral("mqtts://fleetuser@127.0.0.1:%1").arg(port);
        for (Case &c : cases) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("PATHLENS_BUS_PASSWORD", c.password);
            c.process->setProcessEnvironment(env);
            c.process->start(kAgent, QStringList{"run", "--capture", dir.filePath(c.name + ".plcap"), "--collectors", "fleet",
                                                 "--agent-name", c.name, "--bus", url, "--fleet", "lab", "--duration", "9"} +
                                         c.extra); // 5 s of silence is reported
        }
        std::map<QString, QStringList> events;
        for (Case &c : cases) {
            QVERIFY(c.process->waitForFinished(30000));
            QCOMPARE(c.process->exitCode(), 0);
            events[c.name] = eventMessages(report(dir.filePath(c.name + ".plcap")), "fleet");
        }
        const QStringList &ok = events["good"], &wrong = events["wrong"], &untrusted = events["untrusted"];
        QVERIFY2(ok.filter("connected to mqtts://127.0.0.1").size() == 1, qPrintable(ok.join('\n')));
        QVERIFY2(ok.filter("unreachable").isEmpty(), qPrintable(ok.join('\n')));
        QVERIFY2(wrong.filter("unreachable").size() == 1 && wrong.filter("connected to").isEmpty(), qPrintable(wrong.join('\n')));
        QVERIFY2(untrusted.filter("unreachable").size() == 1 && untrusted.filter("connected to").isEmpty(),
                 qPrintable(untrusted.join('\n')));
        stopBroker(broker);
    }
};

QTEST_GUILESS_MAIN(TstFleetBus)
#include "tst_fleet_bus.moc"
