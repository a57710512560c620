// SPDX-License-Identifier: GPL-3.0-or-later
// The real pathlens-agent writing a capture folder with a "day" of one second
// (PATHLENS_TEST_ROLLOVER_SECONDS, for tests only): files switch, every row lands in exactly one of
// them, each closed cleanly, retention at start, and the options' usage errors.
#include "core/store/capture_rollover.h"
#include "core/store/capture_store.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;

class TestRolloverAgentCli : public QObject {
    Q_OBJECT
private:
    struct Run {
        int code;
        QString err;
    };
    static Run agent(const QStringList &args, const QString &periodSeconds = QStringLiteral("1"))
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("loopback")); // never a public host
        env.insert(QString::fromLatin1(kTestRolloverSecondsEnv), periodSeconds);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent"), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return {-1, QStringLiteral("timed out")};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardError())};
    }
    static QStringList rolled(const QString &dir)
    {
        QStringList out;
        for (const QString &name : QDir(dir).entryList({QStringLiteral("pathlens-*.plcap")}, QDir::Files, QDir::Name))
            if (rolledCaptureStart(name))
                out << QDir(dir).filePath(name);
        return out;
    }
    static QStringList runArgs(const QString &dir, const QString &duration)
    {
        return {"run", "--capture-dir", dir, "--duration", duration, "--collectors", "probes", "--probes", "udp,tcp", "--rate-scale", "4"};
    }

private slots:
    void usageErrors()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("c");
        QCOMPARE(agent({"run", "--capture", tmp.filePath("a.plcap"), "--keep-days", "3"}).code, 2);
        QCOMPARE(agent({"run", "--capture", tmp.filePath("a.plcap"), "--capture-dir", dir}).code, 2);
        QCOMPARE(agent({"run", "--capture-dir", dir, "--rollover", "hourly"}).code, 2);
        QCOMPARE(agent({"run", "--capture-dir", dir, "--keep-days", "-1"}).code, 2);
        QCOMPARE(agent({"run", "--capture-dir", dir, "--keep-gb", "lots"}).code, 2);
        const Run env = agent({"run", "--capture-dir", dir, "--duration", "1"}, QStringLiteral("soon"));
        QCOMPARE(env.code, 2);
        QVERIFY2(env.err.contains(QLatin1String(kTestRolloverSecondsEnv)), qPrintable(env.err));
        QVERIFY(!QDir(dir).exists()); // nothing written on a usage error
    }

    void secondsLongDays()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("captures");
        QVERIFY(QDir().mkpath(dir));
        const QString junk = QDir(dir).filePath("pathlens-2000-01-01.plcap"); // our name, not a capture
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
        }

        // No limits: every file stays, so every row can be counted.
        const Run run = agent(runArgs(dir, "4.5"));
        QCOMPARE(run.code, 0);
        const auto m = QRegularExpression(QStringLiteral("(\\d+) rows written to (.*)\\n")).match(run.err);
        QVERIFY2(m.hasMatch(), qPrintable(run.err));
        QCOMPARE(QDir(m.captured(2)).absolutePath(), QDir(dir).absolutePath());
        const QStringList files = rolled(dir);
        QVERIFY2(files.size() - 1 >= 4, qPrintable(files.join(QLatin1Char(' ')))); // 4.5 s of one-second days, and the junk
        qint64 total = 0;
        for (const QString &file : files) {
            if (file == junk)
                continue;
            auto store = CaptureStore::open(file, CaptureStore::Mode::ReadOnly);
            QVERIFY2(store, qPrintable(file));
            QVERIFY2((*store)->meta(QStringLiteral("ended_utc")), qPrintable(file + " was not closed"));
            for (Table table : kAllTables)
                total += *(*store)->count(table);
        }
        QCOMPARE(total, m.captured(1).toLongLong()); // every row written is in exactly one file

        // Retention at start: a second run keeps two periods (its own included), never the junk.
        const Run again = agent(runArgs(dir, "0.5") << "--keep-days" << "2");
        QCOMPARE(again.code, 0);
        QVERIFY(QFile::exists(junk));
        QVERIFY2(rolled(dir).size() <= 3, qPrintable(rolled(dir).join(' '))); // ≤ 2 of ours + the junk
    }
};

QTEST_GUILESS_MAIN(TestRolloverAgentCli)
#include "tst_rollover_agent_cli.moc"
