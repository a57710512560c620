// SPDX-License-Identifier: GPL-3.0-or-later
// The live inet_diag dump on this machine's kernel: IPv4, IPv6 and v4-mapped loopback connections
// each listed once, by the one-walk request and by the per-family requests alike.
#include "collectors/tcp/inet_diag_parser.h"
#include "collectors/tcp/tcp_dump_source.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <map>
#include <memory>
#include <set>

using namespace pathlens;

namespace {
struct Connection {
    std::unique_ptr<QTcpServer> server;
    std::unique_ptr<QTcpSocket> client;
    QTcpSocket *accepted = nullptr;
};

// An endpoint as the parser writes it: "127.0.0.1:P", "[::1]:P", "[::ffff:127.0.0.1]:P".
QString endpoint(const QHostAddress &a, quint16 port)
{
    return a.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]:%2").arg(a.toString()).arg(port)
                                                         : QStringLiteral("%1:%2").arg(a.toString()).arg(port);
}

// Every socket of the dump by "local|remote"; `duplicates` counts sockets listed twice.
std::map<QString, core::TcpSocketReading> dumpOnce(collect::TcpDumpWalk walk, int *duplicates)
{
    std::map<QString, core::TcpSocketReading> out;
    auto source = collect::createLiveTcpDumpSource(walk);
    if (auto r = source->open(); !r) {
        qWarning("%s", qPrintable(r.error().toString()));
        return out;
    }
    auto batch = source->dump();
    if (!batch) {
        qWarning("%s", qPrintable(batch.error().toString()));
        return out;
    }
    // The walk asked for is the walk made (a kernel refusing the one-walk request would fall back
    // silently otherwise, and this test would pass on the per-family answer).
    if (source->describe().contains(QLatin1String("per family")) != (walk == collect::TcpDumpWalk::OneRequestPerFamily)) {
        qWarning("asked for one walk, the source says: %s", qPrintable(source->describe()));
        return out;
    }
    auto parsed = collect::parseInetDiag(batch->bytes);
    if (!parsed) {
        qWarning("%s", qPrintable(parsed.error().toString()));
        return out;
    }
    std::set<quint64> cookies;
    for (const auto &r : parsed->readings) {
        if (!cookies.insert(r.cookie).second)
            ++*duplicates;
        out[r.localAddr + QLatin1Char('|') + r.remoteAddr] = r;
    }
    return out;
}
} // namespace

class TstTcpDumpSource : public QObject {
    Q_OBJECT
private slots:
    void bothWalksListEveryFamilyOnce()
    {
        // IPv4, IPv6, and IPv6 sockets talking IPv4 (a dual-stack listener; v4-mapped, family AF_INET6).
        const std::vector<std::pair<QHostAddress, QHostAddress>> kinds{
            {QHostAddress::LocalHost, QHostAddress::LocalHost},
            {QHostAddress::LocalHostIPv6, QHostAddress::LocalHostIPv6},
            {QHostAddress::Any, QHostAddress(QStringLiteral("::ffff:127.0.0.1"))}};
        std::vector<Connection> connections;
        for (const auto &[listen, connectTo] : kinds) {
            Connection c;
            c.server = std::make_unique<QTcpServer>();
            if (!c.server->listen(listen, 0)) {
                QVERIFY2(listen.protocol() == QAbstractSocket::IPv6Protocol, "loopback IPv4 must work");
                // A developer's machine without IPv6 may skip; CI has it and must test it.
                QVERIFY2(!qEnvironmentVariableIsSet("CI"), "no IPv6 loopback on the CI machine");
                QSKIP("no IPv6 loopback on this machine");
            }
            c.client = std::make_unique<QTcpSocket>();
            c.client->connectToHost(connectTo, c.server->serverPort());
            QVERIFY(c.client->waitForConnected(3000));
            QVERIFY(c.server->waitForNewConnection(3000));
            c.accepted = c.server->nextPendingConnection();
            QVERIFY(c.accepted);
            connections.push_back(std::move(c));
        }
        std::map<collect::TcpDumpWalk, std::map<QString, core::TcpSocketReading>> dumps;
        for (const auto walk : {collect::TcpDumpWalk::BothFamiliesAtOnce, collect::TcpDumpWalk::OneRequestPerFamily}) {
            int duplicates = 0;
            dumps[walk] = dumpOnce(walk, &duplicates);
            QVERIFY(!dumps[walk].empty());
            QCOMPARE(duplicates, 0);
            for (const Connection &c : connections) {
                const QString local = endpoint(c.client->localAddress(), c.client->localPort());
                const QString remote = endpoint(c.client->peerAddress(), c.client->peerPort());
                const auto client = dumps[walk].find(local + QLatin1Char('|') + remote);
                const auto server = dumps[walk].find(remote + QLatin1Char('|') + local);
                QVERIFY2(client != dumps[walk].end(), qPrintable(local + " → " + remote + " not in the dump"));
                QVERIFY2(server != dumps[walk].end(), qPrintable(remote + " → " + local + " not in the dump"));
                QCOMPARE(client->second.state, 1); // ESTABLISHED
                QCOMPARE(client->second.ipv6, c.client->localAddress().protocol() == QAbstractSocket::IPv6Protocol);
                QVERIFY(client->second.cookie != server->second.cookie);
            }
        }
        // Both walks list the same connections of ours (others may come and go in between).
        for (const auto &[key, reading] : dumps[collect::TcpDumpWalk::BothFamiliesAtOnce])
            if (key.contains(QLatin1String("127.0.0.1")) || key.contains(QLatin1String("::1")))
                if (const auto other = dumps[collect::TcpDumpWalk::OneRequestPerFamily].find(key);
                    other != dumps[collect::TcpDumpWalk::OneRequestPerFamily].end())
                    QCOMPARE(other->second.cookie, reading.cookie);
    }
};

QTEST_GUILESS_MAIN(TstTcpDumpSource)
#include "tst_tcp_dump_source.moc"
