// SPDX-License-Identifier: GPL-3.0-or-later
// The real `pathlens-agent serve` and `run --serve-speed` on loopback: where it listens, a download
// through it, the summary line after SIGTERM, and usage and port errors with their exit codes.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <httplib.h>

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");

QProcessEnvironment loopbackOnly()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("loopback")); // never a public host, even run by hand
    return env;
}

// The port the line "serving throughput endpoints on http://127.0.0.1:PORT (…)" names; 0 if none.
quint16 servingPort(QProcess &p)
{
    if (!p.waitForStarted(5000))
        return 0;
    for (int i = 0; i < 50 && !p.canReadLine(); ++i) // bounded: 5 s
        p.waitForReadyRead(100);
    const QString line = QString::fromUtf8(p.readLine());
    const auto m = QRegularExpression(QStringLiteral("^serving throughput endpoints on http://127\\.0\\.0\\.1:(\\d+) ")).match(line);
    return m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
}

// A port nobody listens on right now (the kernel's choice, released at once).
quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

struct Run {
    int code = -1;
    QString out, err;
};
Run agent(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(loopbackOnly());
    p.start(kAgent, args);
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
} // namespace

class TstServeAgentCli : public QObject {
    Q_OBJECT
private slots:
    void servesUntilSigtermAndSaysWhatItServed()
    {
        QProcess serve;
        serve.setProcessEnvironment(loopbackOnly());
        serve.start(kAgent, {"serve", "--bind", "127.0.0.1", "--port", "0"});
        const quint16 port = servingPort(serve);
        QVERIFY(port != 0);
        httplib::Client cli("127.0.0.1", port);
        qint64 received = 0;
        auto r = cli.Get("/download?bytes=3000000", [&](const char *, size_t n) {
            received += qint64(n);
            return true;
        });
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(received, qint64(3'000'000));
        auto stats = cli.Get("/stats");
        QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(stats->body)).object()["totals"].toObject()["bytes_sent"].toInteger(),
                 3'000'000);
        QElapsedTimer t;
        t.start();
        serve.terminate(); // SIGTERM to its PID
        QVERIFY(serve.waitForFinished(5000));
        qInfo("exited %lld ms after SIGTERM, an idle keep-alive still open", t.elapsed());
        QVERIFY(t.elapsed() < 2000); // no waiting out httplib's 5 s keep-alive
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
        const QString out = QString::fromUtf8(serve.readAllStandardOutput()).trimmed();
        QCOMPARE(out, QStringLiteral("served 3000000 bytes down and 0 bytes up in 1 transfer to 1 client (0 refused)"));
    }

    void optionsAndPortErrors()
    {
        const Run oneFile = agent({"serve", "--tls", "cert.pem"});
        QCOMPARE(oneFile.code, 2);
        QVERIFY2(oneFile.err.contains("--tls takes two files"), qPrintable(oneFile.err));
        QCOMPARE(agent({"serve", "--reject-status", "500"}).code, 2);
        QCOMPARE(agent({"serve", "--budget-mb", "0"}).code, 2);
        QCOMPARE(agent({"serve", "extra"}).code, 2);
        QTemporaryDir dir;
        const Run absent = agent({"serve", "--bind", "127.0.0.1", "--port", "0", "--tls", dir.filePath("c.pem"), dir.filePath("k.pem")});
        QCOMPARE(absent.code, 3);
        QVERIFY(absent.err.contains("cannot read"));

        QTcpServer taken; // a port in use: by anything, not only by another agent
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        const QString port = QString::number(taken.serverPort());
        const Run inUse = agent({"serve", "--bind", "127.0.0.1", "--port", port});
        QCOMPARE(inUse.code, 3);
        QVERIFY2(inUse.err.contains("already in use") && inUse.err.contains("fix: "), qPrintable(inUse.err));
        // run refuses before it creates the capture.
        const QString cap = dir.filePath("r.plcap");
        const Run runInUse = agent({"run", "--capture", cap, "--collectors", "link", "--serve-speed", port, "--duration", "1"});
        QCOMPARE(runInUse.code, 3);
        QVERIFY(runInUse.err.contains("already in use"));
        QVERIFY(!QFile::exists(cap));
        QCOMPARE(agent({"run", "--capture", cap, "--collectors", "link", "--serve-speed", "0"}).code, 2);
    }

    void runServesBesideTheCollectors()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        QVERIFY(port != 0);
        QProcess run;
        run.setProcessEnvironment(loopbackOnly());
        run.start(kAgent, {"run", "--capture", dir.filePath("s.plcap"), "--collectors", "link", "--serve-speed", QString::number(port),
                           "--duration", "3"});
        QVERIFY(run.waitForStarted(5000));
        httplib::Client cli("127.0.0.1", port);
        int status = 0;
        for (int i = 0; i < 50 && status != 200; ++i) { // bounded: 2.5 s for the agent to listen (it runs 3 s)
            auto r = cli.Post("/upload", std::string(500'000, 'x'), "application/octet-stream");
            status = r ? r->status : 0;
            if (status == 200)
                QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object()["received"].toInteger(), 500'000);
            else
                QTest::qWait(50);
        }
        QCOMPARE(status, 200);
        QVERIFY(run.waitForFinished(15000));
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(cli.Get("/stats").error() != httplib::Error::Success); // stopped with the agent
    }
};

QTEST_GUILESS_MAIN(TstServeAgentCli)
#include "tst_serve_agent_cli.moc"
