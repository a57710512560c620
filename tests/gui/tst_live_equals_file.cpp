// SPDX-License-Identifier: GPL-3.0-or-later
// The one data path, end to end: the real app records live (loopback probes and TCP traffic this
// test makes), dumps what its pages show when the capture closes, then the same capture is
// reopened offline and dumped again. The two must be equal, also across forced collector restarts.
#include "views_dump_compare.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pathlens;

namespace {

const QString kApp = QStringLiteral(PATHLENS_BINARY_DIR "/app/gui/pathlens");

QProcessEnvironment isolatedEnv(const QTemporaryDir &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("loopback")); // never a public host
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_STATE_HOME"), dir.filePath(QStringLiteral("state")));
    return env;
}

// Loopback TCP sessions that last over 0.5 s each (gradeable), echoing a line every 50 ms.
class EchoTraffic : public QObject {
public:
    EchoTraffic()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
        });
    }
    // One client session of `ms`, then it closes.
    void session(int ms)
    {
        auto *c = new QTcpSocket(this);
        c->connectToHost(QHostAddress::LocalHost, m_server.serverPort());
        auto *tick = new QTimer(c);
        connect(tick, &QTimer::timeout, c, [c] { c->write(QByteArray(512, 'x')); });
        connect(c, &QTcpSocket::readyRead, c, [c] { c->readAll(); });
        tick->start(50);
        QTimer::singleShot(ms, c, [c] { c->disconnectFromHost(); c->deleteLater(); });
    }

private:
    QTcpServer m_server;
};

} // namespace

class TstLiveEqualsFile : public QObject {
    Q_OBJECT
private slots:
    void liveEqualsReopened_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("steady") << QStringList{};
        // A collector that fails is replaced by a fresh instance: the pages must not forget.
        QTest::newRow("collector restarts") << QStringList{"--test-restart", "probes@2500", "--test-restart", "tcp@3500"};
    }

    void liveEqualsReopened()
    {
        QFETCH(QStringList, extra);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString caps = dir.filePath(QStringLiteral("captures"));
        const QString liveDump = dir.filePath(QStringLiteral("live.json")), fileDump = dir.filePath(QStringLiteral("file.json"));

        QProcess live;
        live.setProcessEnvironment(isolatedEnv(dir));
        live.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        live.start(kApp, QStringList{"--capture-dir", caps, "--include-loopback", "--screenshot-delay", "7000", "--dump-views", liveDump} + extra);
        QVERIFY(live.waitForStarted(5000));
        EchoTraffic traffic;
        QElapsedTimer clock;
        clock.start();
        int sessions = 0;
        while (clock.elapsed() < 5500 && live.state() == QProcess::Running) { // bounded: 5.5 s of traffic
            if (sessions < 8 && clock.elapsed() > 700 * sessions + 300) {
                traffic.session(900);
                ++sessions;
            }
            QTest::qWait(20);
        }
        QVERIFY(live.waitForFinished(30000));
        QCOMPARE(live.exitCode(), 0);
        const QStringList files = QDir(caps).entryList({QStringLiteral("*.plcap")});
        QCOMPARE(files.size(), 1);
        const QString capture = QDir(caps).filePath(files.first());

        QProcess offline;
        offline.setProcessEnvironment(isolatedEnv(dir));
        offline.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        offline.start(kApp, QStringList{capture, "--screenshot-delay", "100", "--dump-views", fileDump});
        QVERIFY(offline.waitForFinished(60000));
        QCOMPARE(offline.exitCode(), 0);

        const QJsonObject a = testing::readViewsDump(liveDump), b = testing::readViewsDump(fileDump);
        QVERIFY2(!a.isEmpty() && !b.isEmpty(), "both dumps written");
        // The dump describes what was measured, not an empty window: sessions, probes, a closed capture.
        QVERIFY(a.value("capture").toObject().value("closed").toBool());
        QVERIFY2(a.value("apps").toArray().size() >= 1, "the test's own loopback sessions are shown");
        const QJsonObject device = a.value("device").toObject();
        QVERIFY2(device.value("grade").toString() != "Ungraded" && device.value("median_rtt_ms").toDouble() > 0,
                 "the verdict card shows the graded sessions' numbers");
        QVERIFY(a.value("latency").toArray().size() >= 3);
        QCOMPARE(a.value("timeline").toArray().size(), 288);
        const QString difference = testing::viewsDumpDifference(a, b);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
};

QTEST_GUILESS_MAIN(TstLiveEqualsFile)
#include "tst_live_equals_file.moc"
