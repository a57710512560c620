// SPDX-License-Identifier: GPL-3.0-or-later
// The mesh socket on loopback against a real coturn (started here, stopped by PID): probes that
// check who answers, STAMP sessions straight and through the relay, what a refused or absent
// TURN server makes the endpoint say, and 1,000 ladder climbs that leak no descriptor, no
// transaction and no allocation.
#include "collectors/mesh/mesh_endpoint.h"
#include "collectors/mesh/mesh_path_finder.h"

#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
int freePort()
{
    QTcpServer s; // a TCP port free now is almost always free for UDP too: good enough for a test server
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

int openDescriptors() { return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size()); }

// A peer endpoint answering on its own thread, as another agent would.
class PeerThread {
public:
    PeerThread(const QString &name, NatTraversalConfig nat)
    {
        m_endpoint = new MeshEndpoint(0, core::StampReflectorConfig{}, std::move(nat), name);
        m_endpoint->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_endpoint, &QObject::deleteLater);
        m_thread.start();
        QMetaObject::invokeMethod(m_endpoint, [this] { m_ok = bool(m_endpoint->start()); }, Qt::BlockingQueuedConnection);
    }
    ~PeerThread()
    {
        QMetaObject::invokeMethod(m_endpoint, [this] { m_endpoint->stop(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool ok() const { return m_ok; }
    template <typename F>
    auto call(F f)
    {
        decltype(f(*m_endpoint)) out{};
        QMetaObject::invokeMethod(m_endpoint, [&] { out = f(*m_endpoint); }, Qt::BlockingQueuedConnection);
        return out;
    }

private:
    QThread m_thread;
    MeshEndpoint *m_endpoint = nullptr;
    bool m_ok = false;
};
} // namespace

class TstMeshEndpoint : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_turn;
    quint16 m_turnPort = 0;

    NatTraversalConfig nat(const QString &password = QStringLiteral("secret")) const
    {
        NatTraversalConfig n;
        n.turn = StunEndpoint{QHostAddress::LocalHost, m_turnPort};
        n.turnUser = QStringLiteral("pathlens");
        n.turnPassword = password;
        n.credentialsSource = QStringLiteral("mesh.turn.user and mesh.turn.password in test.json");
        return n;
    }
    static bool waitFor(const std::function<bool()> &done, int ms)
    {
        for (int waited = 0; waited < ms && !done(); waited += 20)
            QTest::qWait(20);
        return done();
    }
    int allocationsOnServer() const
    {
        QFile log(m_dir.filePath("turn.log"));
        return log.open(QIODevice::ReadOnly) ? int(log.readAll().count("ALLOCATE processed, success")) : -1;
    }

private slots:
    void initTestCase()
    {
        m_turnPort = quint16(freePort());
        QVERIFY(m_turnPort > 0);
        m_turn = std::make_unique<QProcess>();
        m_turn->setStandardOutputFile(m_dir.filePath("turn.log"));
        m_turn->start("turnserver", {"-n", "-v", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", QStringLiteral("--listening-port=%1").arg(m_turnPort),
                                     "--min-port=51000", "--max-port=51100", "--lt-cred-mech", "--user=pathlens:secret", "--realm=pathlens.test",
                                     "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli",
                                     QStringLiteral("--userdb=%1").arg(m_dir.filePath("turndb")), "--log-file=stdout", "--simple-log"});
        QVERIFY(m_turn->waitForStarted(5000));
        QTest::qWait(300);
    }
    void cleanupTestCase()
    {
        m_turn->terminate();
        QVERIFY(m_turn->waitForFinished(5000));
    }

    void probeChecksWhoAnswers()
    {
        PeerThread peer(QStringLiteral("berlin"), {});
        QVERIFY(peer.ok());
        const quint16 port = peer.call([](MeshEndpoint &e) { return e.port(); });
        MeshEndpoint self(0, core::StampReflectorConfig{}, {}, QStringLiteral("paris"));
        QVERIFY(self.start());
        const MeshRoute route{{QHostAddress::LocalHost, port}, false};
        auto ok = self.probe(route, QStringLiteral("berlin"), 3, 100, 1000);
        QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
        QVERIFY(*ok >= 0 && *ok < 100);
        auto wrong = self.probe(route, QStringLiteral("madrid"), 1, 100, 500);
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().message.contains("answered as pathlens-agent berlin, not madrid"), qPrintable(wrong.error().message));
        auto nobody = self.probe({{QHostAddress::LocalHost, quint16(freePort())}, false}, QStringLiteral("berlin"), 2, 100, 400);
        QVERIFY(!nobody);
        QVERIFY2(nobody.error().message.contains("no answer"), qPrintable(nobody.error().message));
        self.stop();
    }

    void sessionsStraightAndThroughTheRelay()
    {
        PeerThread peer(QStringLiteral("berlin"), nat());
        QVERIFY(peer.ok());
        MeshEndpoint self(0, core::StampReflectorConfig{}, nat(), QStringLiteral("paris"));
        QVERIFY(self.start());
        QVERIFY(waitFor([&] { return self.relay() && peer.call([](MeshEndpoint &e) { return e.relay(); }); }, 3000));
        const StunEndpoint peerRelay = *peer.call([](MeshEndpoint &e) { return e.relay(); });
        const StunEndpoint ourRelay = *self.relay();
        QCOMPARE(peerRelay.address, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(peerRelay.port >= 51000 && peerRelay.port <= 51100);
        peer.call([&](MeshEndpoint &e) { e.permit(ourRelay.address); return true; });
        self.permit(peerRelay.address);
        self.serviceFor(200);

        const quint16 port = peer.call([](MeshEndpoint &e) { return e.port(); });
        for (const MeshRoute &route : {MeshRoute{{QHostAddress::LocalHost, port}, false}, MeshRoute{peerRelay, true}}) {
            auto rtt = self.probe(route, QStringLiteral("berlin"), 3, 200, 1500);
            QVERIFY2(rtt, rtt ? "" : qPrintable(route.text() + ": " + rtt.error().message));
            StampSessionOptions o;
            o.host = route.to.address;
            o.port = route.to.port;
            o.count = 10;
            o.intervalMs = 5;
            o.waitMs = 500;
            o.size = route.relayed ? 1472 - StunWire::indicationOverhead(route.to.address) : 1472;
            auto s = self.session(o, route);
            QVERIFY2(s, s ? "" : qPrintable(s.error().message));
            qInfo("%s: probe %.2f ms, STAMP %d of %d answered, first RTT %.3f ms", qPrintable(route.text()), *rtt, s->answered, s->sent,
                  s->samples.front().rttMs());
            QCOMPARE(s->answered, 10);
            QCOMPARE(s->rejected, 0);
        }
        // Through the relay, the peer's reflector answered the relay's address, not ours.
        const auto *counters = peer.call([](MeshEndpoint &e) { return e.reflectorCounters(); });
        QVERIFY(counters && counters->reflected >= 20);
        self.stop();
    }

    void wrongPasswordNamesTheKeys()
    {
        MeshEndpoint self(0, core::StampReflectorConfig{}, nat(QStringLiteral("wrong")), QStringLiteral("paris"));
        QVERIFY(self.start());
        QVERIFY(waitFor([&] { self.serviceFor(10); return !self.relayProblem().isEmpty(); }, 3000));
        qInfo("%s", qPrintable(self.relayProblem()));
        QVERIFY(self.relayProblem().contains("refused user 'pathlens' (401 Unauthorized)"));
        QVERIFY(self.relayProblem().contains("mesh.turn.password in test.json"));
        QVERIFY(!self.relay());
        self.stop();
    }

    void absentServerIsSaid()
    {
        NatTraversalConfig n = nat();
        n.turn->port = quint16(freePort()); // nobody there
        MeshEndpoint self(0, core::StampReflectorConfig{}, n, QStringLiteral("paris"));
        QVERIFY(self.start());
        QVERIFY(waitFor([&] { self.serviceFor(10); return !self.relayProblem().isEmpty(); }, 4000));
        qInfo("%s", qPrintable(self.relayProblem()));
        QVERIFY(self.relayProblem().contains(QStringLiteral("TURN server 127.0.0.1:%1 did not answer 3 requests").arg(n.turn->port)));
        self.stop();
    }

    // Issue 12: no socket or allocation leaks over 1,000 ladder runs.
    void thousandClimbsLeakNothing()
    {
        const int allocationsBefore = allocationsOnServer();
        PeerThread peer(QStringLiteral("berlin"), nat());
        QVERIFY(peer.ok());
        auto self = std::make_unique<MeshEndpoint>(0, core::StampReflectorConfig{}, nat(), QStringLiteral("paris"));
        QVERIFY(self->start());
        QVERIFY(waitFor([&] { return self->relay() && peer.call([](MeshEndpoint &e) { return e.relay(); }); }, 3000));
        const StunEndpoint peerRelay = *peer.call([](MeshEndpoint &e) { return e.relay(); });
        peer.call([&](MeshEndpoint &e) { e.permit(self->relay()->address); return true; });
        const quint16 port = peer.call([](MeshEndpoint &e) { return e.port(); });

        auto directory = std::make_shared<MeshPeerDirectory>();
        MeshPathFinder finder(*self, directory, QStringLiteral("paris"), true);
        MeshPeer onLan{.name = QStringLiteral("berlin"), .address = QHostAddress(QHostAddress::LocalHost), .port = port};
        onLan.discovered = true;
        // On our 127/8, not our own address: a LAN peer; two addresses, so the ladder probes.
        onLan.reach.addresses = {QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.3")};
        onLan.reach.port = port;
        MeshPeer relayedOnly = onLan;
        relayedOnly.reach.addresses.clear(); // only its relay: the relay rung
        relayedOnly.reach.relay = endpointText(peerRelay.address, peerRelay.port);

        const int fdsBefore = openDescriptors();
        int lan = 0, relayed = 0;
        for (int i = 0; i < 1000; ++i) {
            const MeshPeer &p = i % 2 ? relayedOnly : onLan;
            const MeshPathChoice c = finder.choose(p);
            lan += c.path == MeshPath::Lan;
            relayed += c.path == MeshPath::Relayed;
            finder.failed(p.name); // the next choose() climbs again
        }
        self->serviceFor(600); // late answers and expiries settle
        qInfo("1,000 climbs: %d lan, %d relayed; descriptors %d → %d; transactions outstanding %d", lan, relayed, fdsBefore, openDescriptors(),
              self->outstandingTransactions());
        QCOMPARE(lan, 500);
        QCOMPARE(relayed, 500);
        // A relayed way is kept cycle after cycle, then the cheaper rungs are tried again.
        std::vector<MeshRungOutcome> climbed;
        QCOMPARE(finder.choose(relayedOnly, &climbed).path, MeshPath::Relayed);
        QCOMPARE(climbed.size(), size_t(1));
        for (int cycle = 0; cycle < MeshPathFinder::kRelayedRecheckCycles; ++cycle) {
            climbed.clear();
            QCOMPARE(finder.choose(relayedOnly, &climbed).path, MeshPath::Relayed);
            QVERIFY(climbed.empty());
        }
        QCOMPARE(finder.choose(relayedOnly, &climbed).path, MeshPath::Relayed);
        QCOMPARE(climbed.size(), size_t(1)); // climbed again
        QCOMPARE(openDescriptors(), fdsBefore);
        QCOMPARE(self->outstandingTransactions(), 0);
        self->stop();
        self.reset();
        QCOMPARE(openDescriptors(), fdsBefore - 1); // the endpoint's socket itself
        // Two allocations in all (ours and the peer's): the climbs reuse ours, never make one.
        QCOMPARE(allocationsOnServer() - allocationsBefore, 2);
    }
};

QTEST_GUILESS_MAIN(TstMeshEndpoint)
#include "tst_mesh_endpoint.moc"
