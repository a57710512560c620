// SPDX-License-Identifier: GPL-3.0-or-later
// The real `pathlens-agent run --metrics` (issue 17 item 4): /metrics over loopback while probes run,
// accepted by `promtool check metrics`; bound to loopback unless an address is given; usage and
// port errors with their exit codes.
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");

QProcessEnvironment loopbackOnly()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("loopback")); // never a public host, even run by hand
    return env;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

struct Scrape {
    int status = 0;
    QByteArray contentType, body;
};
Scrape get(QNetworkAccessManager &nam, const QString &url)
{
    QNetworkRequest request{QUrl(url)};
    request.setTransferTimeout(3000);
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Scrape s{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
             reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), reply->readAll()};
    reply->deleteLater();
    return s;
}

// Whether a TCP connection to address:port is accepted (bounded: 2 s).
bool accepts(const QHostAddress &address, quint16 port)
{
    QTcpSocket s;
    s.connectToHost(address, port);
    return s.waitForConnected(2000);
}

int exitCode(const QStringList &args, QString *err = nullptr)
{
    QProcess p;
    p.setProcessEnvironment(loopbackOnly());
    p.start(kAgent, args);
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}
} // namespace

class TstMetricsAgentCli : public QObject {
    Q_OBJECT
private slots:
    void servesWhatPromtoolAccepts()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        QVERIFY(port != 0);
        QProcess run;
        run.setProcessEnvironment(loopbackOnly());
        run.start(kAgent, {"run", "--capture", dir.filePath("m.plcap"), "--collectors", "probes", "--probes", "icmp,udp,tcp",
                           "--metrics", QStringLiteral("127.0.0.1:%1").arg(port), "--duration", "12"});
        QVERIFY(run.waitForStarted(5000));
        QNetworkAccessManager nam;
        const QString url = QStringLiteral("http://127.0.0.1:%1/metrics").arg(port);
        Scrape s;
        // Bounded: 10 s for the first probes to be answered, analysed and published.
        for (int i = 0; i < 50 && !s.body.contains("pathlens_probe_rtt_p50_seconds{"); ++i) {
            QTest::qWait(200);
            s = get(nam, url);
        }
        QCOMPARE(s.status, 200);
        QVERIFY2(s.contentType.startsWith("text/plain; version=0.0.4"), s.contentType.constData());
        QVERIFY2(s.body.contains("pathlens_probe_rtt_p50_seconds{kind=\"icmp\",target=\"127.0.0.1\",leg=\"internet\"} "), s.body.constData());
        QVERIFY2(s.body.contains("pathlens_collector_state{collector=\"probes\",state=\"running\"} 1\n"), s.body.constData());
        QVERIFY(s.body.contains("# TYPE pathlens_device_grade gauge\n"));

        // Bound to 127.0.0.1 alone: not the wildcard (127.0.0.2 is this host too), not a LAN address.
        QVERIFY(accepts(QHostAddress::LocalHost, port));
        QVERIFY(!accepts(QHostAddress(QStringLiteral("127.0.0.2")), port));
        for (const QHostAddress &a : QNetworkInterface::allAddresses())
            if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol)
                QVERIFY2(!accepts(a, port), qPrintable(a.toString()));

        const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        if (promtool.isEmpty()) {
            run.kill();
            run.waitForFinished();
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("promtool is not installed (apt-get install prometheus; ./quickstart.sh test installs it)");
            QSKIP("promtool is not installed (./quickstart.sh test installs it)");
        }
        QProcess check;
        check.start(promtool, {"check", "metrics"});
        QVERIFY(check.waitForStarted(5000));
        check.write(s.body);
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(20000));
        const QByteArray said = check.readAllStandardOutput() + check.readAllStandardError();
        QVERIFY2(check.exitCode() == 0 && said.trimmed().isEmpty(), said.constData());
        qInfo("promtool check metrics: %lld bytes, %lld lines, no problems", qint64(s.body.size()), qint64(s.body.count('\n')));

        QVERIFY(run.waitForFinished(20000));
        QCOMPARE(run.exitStatus(), QProcess::NormalExit);
        QCOMPARE(run.exitCode(), 0);
    }

    void otherHostsOnlyWhenTold_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("wildcard");
        QTest::newRow("bare port: loopback") << QStringLiteral("%1") << false;
        QTest::newRow("0.0.0.0: every address") << QStringLiteral("0.0.0.0:%1") << true;
    }
    void otherHostsOnlyWhenTold()
    {
        QFETCH(QString, spec);
        QFETCH(bool, wildcard);
        QTemporaryDir dir;
        const quint16 port = freePort();
        QProcess run;
        run.setProcessEnvironment(loopbackOnly());
        run.start(kAgent, {"run", "--capture", dir.filePath("w.plcap"), "--collectors", "link", "--metrics", spec.arg(port),
                           "--duration", "4"});
        QVERIFY(run.waitForStarted(5000));
        bool open = false;
        for (int i = 0; i < 20 && !open; ++i) { // bounded: 2 s to listen
            QTest::qWait(100);
            open = accepts(QHostAddress::LocalHost, port);
        }
        QVERIFY(open);
        QCOMPARE(accepts(QHostAddress(QStringLiteral("127.0.0.2")), port), wildcard); // 127.0.0.2 reaches only the wildcard
        QVERIFY(run.waitForFinished(20000));
        QCOMPARE(run.exitCode(), 0);
    }

    void usageAndPortErrors()
    {
        QTemporaryDir dir;
        const QString cap = dir.filePath("e.plcap");
        QString err;
        for (const char *bad : {"nonsense", "70000", "example.org:9464", "127.0.0.1:", "::1"}) {
            QCOMPARE(exitCode({"run", "--capture", cap, "--collectors", "link", "--metrics", QString::fromLatin1(bad), "--duration", "1"}, &err), 2);
            QVERIFY2(err.contains("--metrics") && err.contains("fix: "), qPrintable(err));
        }
        QProcess help;
        help.start(kAgent, {"--help"});
        QVERIFY(help.waitForFinished(10000));
        const QString usage = QString::fromUtf8(help.readAllStandardOutput());
        QVERIFY2(usage.contains("--metrics [ADDR:]PORT") && usage.contains("127.0.0.1 only"), qPrintable(usage));

        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QCOMPARE(exitCode({"run", "--capture", cap, "--collectors", "link", "--metrics", QString::number(taken.serverPort()), "--duration", "1"},
                          &err),
                 3);
        QVERIFY2(err.contains("already in use") && err.contains("--metrics"), qPrintable(err));
        QVERIFY(!QFile::exists(cap)); // refused before the capture was created
    }
};

QTEST_GUILESS_MAIN(TstMetricsAgentCli)
#include "tst_metrics_agent_cli.moc"
