// SPDX-License-Identifier: GPL-3.0-or-later
// The real `pathlens-agent reflect` and `pathlens-agent stamp` over loopback (IPv4 and IPv6):
// answers and their timestamps, stateful numbering, authenticated mode with the right and a wrong
// key, and a reflector that drops malformed and oversized input without answering.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");

// A reflector on a free port, for `seconds`; its port once it says it listens.
struct Reflector {
    QProcess process;
    quint16 port = 0;
    bool start(const QStringList &extra, int seconds)
    {
        process.start(kAgent, QStringList{"reflect", "--port", "0", "--duration", QString::number(seconds), "--json"} + extra);
        if (!process.waitForStarted(5000) || !process.waitForReadyRead(5000))
            return false;
        const QString line = QString::fromUtf8(process.readLine()).trimmed(); // "reflecting on UDP port N"
        port = quint16(line.section(QLatin1Char(' '), -1).toUInt());
        return port != 0;
    }
    QJsonObject counters() // after it exits
    {
        process.waitForFinished(15000);
        return QJsonDocument::fromJson(process.readAllStandardOutput().trimmed().split('\n').last()).object();
    }
};

QJsonObject stamp(const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(kAgent, QStringList{"stamp"} + args + QStringList{"--json"});
    p.waitForFinished(20000);
    if (exitCode)
        *exitCode = p.exitCode();
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}
} // namespace

class TstStampAgentCli : public QObject {
    Q_OBJECT
private slots:
    void answersWithOrderedTimestampsOverBothFamilies()
    {
        Reflector r;
        QVERIFY(r.start({}, 4));
        for (const QString &host : {QStringLiteral("127.0.0.1:%1"), QStringLiteral("[::1]:%1")}) {
            const QJsonObject out = stamp({host.arg(r.port), "--count", "20", "--interval-ms", "10"});
            QCOMPARE(out["answered"].toInt(), 20);
            QCOMPARE(out["loss_pct"].toDouble(), 0.0);
            QVERIFY(out["rtt_median_ms"].toDouble() > 0 && out["rtt_max_ms"].toDouble() < 50);
            const QJsonArray packets = out["packets"].toArray();
            for (int i = 0; i < packets.size(); ++i) {
                const QJsonObject p = packets[i].toObject();
                const qint64 t1 = p["t1_ns"].toString().toLongLong(), t2 = p["t2_ns"].toString().toLongLong(),
                             t3 = p["t3_ns"].toString().toLongLong(), t4 = p["t4_ns"].toString().toLongLong();
                QVERIFY2(t1 < t2 && t2 <= t3 && t3 < t4, "one clock on loopback: T1 < T2 ≤ T3 < T4");
                QVERIFY(std::abs(p["rtt_ms"].toDouble() - double((t4 - t1) - (t3 - t2)) / 1e6) < 1e-6);
                QCOMPARE(p["ttl_at_reflector"].toInt(), 64); // Linux default TTL / hop limit, unrouted
            }
            // Stateful reflector: its own numbering per sender, from 0 for each new sender socket.
            QCOMPARE(packets.last().toObject()["reflector_seq"].toDouble(), 19.0);
        }
        const QJsonObject c = r.counters();
        QCOMPARE(c["reflected"].toDouble(), 40.0);
        QCOMPARE(c["received"].toDouble(), 40.0);
    }

    void authenticatedModeNeedsTheSameKey()
    {
        QTemporaryDir dir;
        auto writeKey = [&](const QString &name, const QByteArray &key) {
            QFile f(dir.filePath(name));
            return f.open(QIODevice::WriteOnly) && f.write(key + "\n") > 0 ? f.fileName() : QString();
        };
        const QString key = writeKey("key", "0123456789abcdef0123456789abcdef");
        const QString wrong = writeKey("wrong", "fedcba9876543210fedcba9876543210");
        const QString weak = writeKey("weak", "short");
        Reflector r;
        QVERIFY(r.start({"--auth", key}, 4));
        QCOMPARE(stamp({QStringLiteral("127.0.0.1:%1").arg(r.port), "--count", "5", "--interval-ms", "10", "--auth", key})["answered"].toInt(), 5);
        int code = 0;
        const QJsonObject refused = stamp({QStringLiteral("127.0.0.1:%1").arg(r.port), "--count", "5", "--interval-ms", "10", "--auth", wrong}, &code);
        QCOMPARE(refused["answered"].toInt(), 0);
        QCOMPARE(code, 3);
        const QJsonObject unauth = stamp({QStringLiteral("127.0.0.1:%1").arg(r.port), "--count", "3", "--interval-ms", "10"});
        QCOMPARE(unauth["answered"].toInt(), 0); // 44 bytes: too short for authenticated mode
        QProcess weakRun;
        weakRun.start(kAgent, {"stamp", "127.0.0.1:9", "--auth", weak});
        QVERIFY(weakRun.waitForFinished(5000));
        QCOMPARE(weakRun.exitCode(), 3);
        QVERIFY(QString::fromUtf8(weakRun.readAllStandardError()).contains("at least 16"));
        const QJsonObject c = r.counters();
        QCOMPARE(c["reflected"].toDouble(), 5.0);
        QCOMPARE(c["bad_hmac"].toDouble(), 5.0);
        QCOMPARE(c["too_short"].toDouble(), 3.0);
    }

    // Two agents: `alpha` only reflects, `bravo` meshes with it every 2 s; both record what happened.
    void runMeshesWithAPeerAndRecordsIt()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PATHLENS_TARGETS", "loopback");
        QProcess alpha, bravo;
        alpha.setProcessEnvironment(env);
        bravo.setProcessEnvironment(env);
        const QString capA = dir.filePath("alpha.plcap"), capB = dir.filePath("bravo.plcap");
        alpha.start(kAgent, {"run", "--capture", capA, "--collectors", "reflector", "--reflector-port", "18731", "--duration", "7"});
        QVERIFY(alpha.waitForStarted(5000));
        QTest::qWait(500);
        bravo.start(kAgent, {"run", "--capture", capB, "--collectors", "mesh", "--agent-name", "bravo", "--peer", "alpha=127.0.0.1:18731",
                             "--mesh-interval", "2", "--duration", "5"});
        QVERIFY(bravo.waitForFinished(20000) && alpha.waitForFinished(20000));
        QCOMPARE(bravo.exitCode(), 0);
        auto report = [](const QString &cap) {
            QProcess p;
            p.start(kAgent, {"report", cap, "--json"});
            p.waitForFinished(10000);
            return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        };
        const QJsonArray mesh = report(capB)["mesh"].toArray();
        QCOMPARE(mesh.size(), 1);
        const QJsonObject cell = mesh[0].toObject();
        QCOMPARE(cell["src"].toString(), QString("bravo"));
        QCOMPARE(cell["dst"].toString(), QString("alpha"));
        QVERIFY(cell["cycles"].toInt() >= 2); // at start, then every 2 s
        QVERIFY(cell["rtt_ms"].toDouble() > 0 && cell["rtt_ms"].toDouble() < 5);
        QCOMPARE(cell["loss_fwd_pct"].toDouble(), 0.0);
        QCOMPARE(cell["loss_rev_pct"].toDouble(), 0.0);
        QCOMPARE(cell["state"].toString(), QString("within"));
        bool budgetSaid = false, countersSaid = false;
        for (const auto &e : report(capB)["events"].toArray())
            budgetSaid = budgetSaid || e.toObject()["message"].toString().contains("13688 bytes sent per peer per cycle");
        for (const auto &e : report(capA)["events"].toArray())
            countersSaid = countersSaid || e.toObject()["message"].toString().contains(QRegularExpression("reflected [1-9][0-9]+ of"));
        QVERIFY2(budgetSaid, "the mesh says what it costs (≤ 16 KB per peer per cycle)");
        QVERIFY2(countersSaid, "the reflector's counters are recorded when it stops");
    }

    // Peers from the config file's mesh section; --peer of the same name wins; a bad section is an
    // input error (exit 3) that names the key.
    void peersFromTheConfigFile()
    {
        Reflector r;
        QVERIFY(r.start({}, 6));
        QTemporaryDir dir;
        auto write = [&](const QString &name, const QByteArray &json) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(json);
            return f.fileName();
        };
        const QString good = write("good.json", QStringLiteral(R"({"internet": ["127.0.0.1"], "mesh": {"peers": [
            {"name": "cfg", "address": "127.0.0.1", "port": %1}, {"name": "shadowed", "address": "127.0.0.9", "port": 9}]}})")
                                                     .arg(r.port).toUtf8());
        QProcess run;
        const QString cap = dir.filePath("c.plcap");
        run.start(kAgent, {"run", "--capture", cap, "--collectors", "mesh", "--config", good, "--agent-name", "me", "--peer",
                           QStringLiteral("shadowed=127.0.0.1:%1").arg(r.port), "--mesh-interval", "1", "--duration", "2.5"});
        QVERIFY(run.waitForFinished(20000));
        QCOMPARE(run.exitCode(), 0);
        QProcess rep;
        rep.start(kAgent, {"report", cap, "--json"});
        rep.waitForFinished(10000);
        QStringList measured;
        for (const auto &c : QJsonDocument::fromJson(rep.readAllStandardOutput()).object()["mesh"].toArray()) {
            measured << c.toObject()["dst"].toString();
            QVERIFY2(c.toObject()["rtt_ms"].toDouble() > 0, qPrintable(c.toObject()["dst"].toString())); // 127.0.0.9:9 would be down
        }
        measured.sort();
        QCOMPARE(measured, (QStringList{"cfg", "shadowed"}));

        const std::pair<const char *, const char *> bad[] = {
            {R"({"mesh": {"peers": [{"name": "x"}]}})", "peers[0] needs a \"name\" and an \"address\""},
            {R"({"mesh": {"peers": [{"name": "x", "address": "1.2.3.4", "port": 70000}]}})", "port 70000"},
            {R"({"mesh": {"peers": [{"name": "x", "address": "1.2.3.4"}, {"name": "x", "address": "1.2.3.5"}]}})", "named twice"},
            {R"({"mesh": {"peers": [{"name": "x", "address": "not-an-ip"}]}})", "has no IP address"},
            {R"({"mesh": {"bus": 5}})", "mesh.bus must be a string"},
            {R"({"mesh": {"stun": 3478}})", "mesh.stun must be a string"},
            {R"({"mesh": {"stun": "stun.example.net"}})", "STUN server 'stun.example.net' is not IP[:PORT]"},
            {R"({"mesh": {"turn": 5}})", "mesh.turn must be {"},
            {R"({"mesh": {"turn": {"server": "192.0.2.10"}}})", "mesh.turn.user must be a non-empty string"},
            {R"({"mesh": {"turn": {"server": "192.0.2.10", "user": "u", "password": ""}}})", "mesh.turn.password must be a non-empty string"},
            {R"({"mesh": {"turn": {"server": "192.0.2.10", "user": "u"}}})", "the TURN server needs a user and a password"},
            {R"({"mesh": []})", "must be an object"}};
        for (const auto &[json, message] : bad) {
            QProcess p;
            p.start(kAgent, {"run", "--capture", dir.filePath("x.plcap"), "--collectors", "mesh", "--config", write("bad.json", json),
                             "--duration", "1"});
            QVERIFY(p.waitForFinished(10000));
            const QString err = QString::fromUtf8(p.readAllStandardError());
            QVERIFY2(p.exitCode() == 3 && err.contains(QLatin1String(message)), qPrintable(QStringLiteral("%1 → %2: %3").arg(json).arg(p.exitCode()).arg(err)));
        }
    }

    void malformedAndOversizedInputGetsNoAnswer()
    {
        Reflector r;
        QVERIFY(r.start({}, 3));
        QUdpSocket s;
        QVERIFY(s.bind(QHostAddress::LocalHost, 0));
        const QByteArray inputs[] = {QByteArray(10, 'x'), QByteArray(43, '\0'), QByteArray(9001, '\0'), QByteArray()};
        for (const QByteArray &d : inputs)
            s.writeDatagram(d, QHostAddress::LocalHost, r.port);
        QVERIFY(!s.waitForReadyRead(500)); // nothing comes back, not even an error
        const QJsonObject c = r.counters();
        QCOMPARE(c["reflected"].toDouble(), 0.0);
        QCOMPARE(c["too_short"].toDouble(), 3.0); // the empty datagram included
        QCOMPARE(c["too_long"].toDouble(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TstStampAgentCli)
#include "tst_stamp_agent_cli.moc"
