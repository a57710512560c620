// SPDX-License-Identifier: GPL-3.0-or-later
// The real pathlens executable: one instance per user (a second launch hands its file to the first
// over a local socket and exits 0), automation runs bypass that, a socket left by a killed instance
// is taken over, and a screenshot or view dump of a file that cannot be opened exits with its error.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kApp = QStringLiteral(PATHLENS_BINARY_DIR "/app/gui/pathlens");

QProcessEnvironment envFor(const QTemporaryDir &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("PATHLENS_TARGETS", "loopback");
    env.insert("HOME", home.path());
    env.insert("XDG_CONFIG_HOME", home.filePath("config"));
    env.insert("XDG_STATE_HOME", home.filePath("state"));
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    env.insert("XDG_RUNTIME_DIR", home.filePath("run"));
    env.remove("PATHLENS_MULTI_INSTANCE");
    return env;
}

QString socketIn(const QTemporaryDir &home)
{
    const QStringList socks = QDir(home.filePath("run")).entryList({"pathlens-*.sock"}, QDir::System);
    return socks.isEmpty() ? QString() : home.filePath("run/" + socks.first());
}

bool listening(const QString &path)
{
    if (path.isEmpty())
        return false;
    QLocalSocket probe;
    probe.connectToServer(path);
    return probe.waitForConnected(500);
}

QByteArray logOf(const QTemporaryDir &home)
{
    QFile f(home.filePath("state/pathlens/pathlens.log"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAppInstance : public QObject {
    Q_OBJECT
private slots:
    void secondLaunchHandsOverAndExits()
    {
        QTemporaryDir home;
        QVERIFY(QDir().mkpath(home.filePath("run")));
        QFile::setPermissions(home.filePath("run"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcess first;
        first.setProcessEnvironment(envFor(home));
        first.start(kApp, {"--capture-dir", home.filePath("captures")});
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(listening(socketIn(home)), 20000);

        // A second plain launch with a file: handed to the first, exits 0 at once.
        const QString file = QStringLiteral(PATHLENS_TEST_DATA_DIR "/timeline_roam.csv");
        QProcess second;
        second.setProcessEnvironment(envFor(home));
        second.start(kApp, {file});
        QVERIFY(second.waitForFinished(15000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(second.readAllStandardError().contains("already running"), "the second launch says where the file went");
        QTRY_VERIFY_WITH_TIMEOUT(logOf(home).contains("another launch handed over: " + QFileInfo(file).absoluteFilePath().toUtf8()), 5000);
        QCOMPARE(first.state(), QProcess::Running);

        // Automation (a view dump) runs alongside, on its own.
        QProcess dump;
        dump.setProcessEnvironment(envFor(home));
        const QString json = home.filePath("views.json");
        dump.start(kApp, {file, "--dump-views", json, "--screenshot-delay", "0"});
        QVERIFY(dump.waitForFinished(30000));
        QVERIFY2(dump.exitCode() == 0, dump.readAllStandardError().constData());
        QVERIFY(QFile::exists(json));

        // The first dies without cleaning up: its socket file stays; the next launch takes over.
        const QString stale = socketIn(home);
        first.kill();
        first.waitForFinished(10000);
        QVERIFY(QFile::exists(stale));
        QVERIFY(!listening(stale));
        QProcess third;
        third.setProcessEnvironment(envFor(home));
        third.start(kApp, {"--capture-dir", home.filePath("captures")});
        QTRY_VERIFY_WITH_TIMEOUT(listening(socketIn(home)), 20000);
        QCOMPARE(third.state(), QProcess::Running);
        third.kill();
        third.waitForFinished(10000);
    }

    void automationOnABadFileExitsWithTheError_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("flag");
        QTest::newRow("pcap, screenshot") << "BAD.pcap" << "--screenshot";
        QTest::newRow("plcap, screenshot") << "BAD.plcap" << "--screenshot";
        QTest::newRow("plcap, dump") << "BAD.plcap" << "--dump-views";
    }

    void automationOnABadFileExitsWithTheError()
    {
        QFETCH(QString, name);
        QFETCH(QString, flag);
        QTemporaryDir home;
        QFile bad(home.filePath(name));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(QByteArray("this is not a capture of any kind\n").repeated(50));
        bad.close();
        QProcess app;
        app.setProcessEnvironment(envFor(home));
        const QString out = home.filePath(flag == "--screenshot" ? "shot.png" : "views.json");
        app.start(kApp, {bad.fileName(), "--capture-dir", home.filePath("captures"), flag, out, "--screenshot-delay", "200"});
        QVERIFY2(app.waitForFinished(30000), "a file that cannot be opened must end the run");
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QVERIFY(app.exitCode() != 0);
        QVERIFY(app.readAllStandardError().contains("pathlens: error:"));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestAppInstance)
#include "tst_app_instance.moc"
