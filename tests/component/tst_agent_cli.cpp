// SPDX-License-Identifier: GPL-3.0-or-later
// The real pathlens-agent binary: exit codes, messages, run → report → export → import.
#include "../common/program_run.h"
#include "core/store/capture_schema.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestAgentCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    using Run = pathlens::test::ProgramRun;
    static Run agent(const QStringList &args, int timeoutMs = 30000)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("PATHLENS_TARGETS")))
            env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("loopback")); // never a public host, even run by hand
        return pathlens::test::runProgram(QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent"), args, env, timeoutMs);
    }

    // The files in the scratch folder that belong to capture `name`: itself, its -wal and -shm.
    QStringList capturesNamed(const QString &name) const
    {
        return QDir(m_dir.path()).entryList({name, name + "-*"}, QDir::Files | QDir::Hidden);
    }

    static QJsonObject countsOf(const QString &capture)
    {
        const Run report = agent({"report", capture, "--json"});
        if (report.code != 0)
            qFatal("report %s: %s", qPrintable(capture), qPrintable(report.err));
        return QJsonDocument::fromJson(report.out.toUtf8()).object().value("counts").toObject();
    }

private slots:
    void versionAndUsage()
    {
        const Run v = agent({"--version"});
        QCOMPARE(v.code, 0);
        QVERIFY(v.out.startsWith("pathlens-agent 0."));
        QCOMPARE(agent({}).code, 2);
        const Run unknown = agent({"frobnicate"});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains("unknown command 'frobnicate'"));
        QCOMPARE(agent({"report"}).code, 2);
        QCOMPARE(agent({"run", "--duration", "1"}).code, 2);       // no --capture
        QCOMPARE(agent({"export", "x.plcap"}).code, 2);             // no --csv
        QCOMPARE(agent({"report", "a", "--bogus"}).code, 2);
        // A command's --help lists its own options and succeeds (run's used to be "Unknown option").
        const Run runHelp = agent({"run", "--help"});
        QCOMPARE(runHelp.code, 0);
        for (const char *option : {"--capture-dir", "--keep-days", "--metrics", "--collectors", "--target"})
            QVERIFY2(runHelp.out.contains(QLatin1String(option)), option);
        const Run reportHelp = agent({"report", "--help"});
        QCOMPARE(reportHelp.code, 0);
        QVERIFY(reportHelp.out.contains("--pdf") && reportHelp.out.contains("pathlens-agent report"));
    }

    // run collects what the GUI collects by default; an option for a collector left out of an explicit
    // --collectors list is a contradiction (exit 2 naming both), never silently ignored.
    void collectorOptionsAndTheirConflicts()
    {
        const Run conflict = agent({"run", "--capture", m_dir.filePath("c.plcap"), "--collectors", "link,tcp", "--probes", "icmp",
                                    "--target", "127.0.0.1", "--duration", "1"});
        QCOMPARE(conflict.code, 2);
        QVERIFY2(conflict.err.contains("--probes configures the probes collector") && conflict.err.contains("add probes to --collectors"),
                 qPrintable(conflict.err));
        QVERIFY(!QFile::exists(m_dir.filePath("c.plcap"))); // refused before anything was recorded
        const Run trace = agent({"run", "--capture", m_dir.filePath("t.plcap"), "--collectors", "link", "--trace-target", "127.0.0.1"});
        QCOMPARE(trace.code, 2);
        QVERIFY(trace.err.contains("--trace-target configures the trace collector"));
        // Default: every collector (CTest sets PATHLENS_TARGETS=loopback, so probes stay on this machine).
        const QString cap = m_dir.filePath("d.plcap");
        const Run all = agent({"run", "--capture", cap, "--duration", "2"});
        QCOMPARE(all.code, 0);
        const Run report = agent({"report", cap, "--json"});
        QCOMPARE(report.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(report.out.toUtf8()).object();
        QVERIFY2(json["counts"].toObject()["probe_samples"].toDouble() > 0, "probes ran without --collectors");
        QVERIFY(json["grading_policy"].toObject().contains("grades")); // the capture records its policy
    }

    void inputErrorsNameTheProblem()
    {
        const Run missing = agent({"report", m_dir.filePath("nope.plcap")});
        QCOMPARE(missing.code, 3);
        QVERIFY(missing.err.contains("does not exist"));
        QFile junk(m_dir.filePath("junk.plcap"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("this is not sqlite at all, not even close........................................");
        junk.close();
        const Run notCapture = agent({"report", junk.fileName(), "--json"});
        QCOMPARE(notCapture.code, 3);
        QVERIFY(notCapture.err.contains("not a Pathlens capture"));
        QFile noHeader(m_dir.filePath("noheader.csv"));
        QVERIFY(noHeader.open(QIODevice::WriteOnly));
        noHeader.write("1,2,3\n");
        noHeader.close();
        const Run badCsv = agent({"import", noHeader.fileName(), "--out", m_dir.filePath("nh.plcap")});
        QCOMPARE(badCsv.code, 3);
        QVERIFY(badCsv.err.contains("header"));
    }

    void runReportExportImport()
    {
        const QString cap = m_dir.filePath("run.plcap");
        const Run run = agent({"run", "--capture", cap, "--duration", "1.5"});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const Run report = agent({"report", cap, "--json"});
        QCOMPARE(report.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(report.out.toUtf8()).object();
        const QJsonObject capture = json.value("capture").toObject();
        QVERIFY(!capture.value("host").toString().isEmpty());
        QVERIFY(!capture.value("ended_utc").toString().isEmpty());
        QCOMPARE(capture.value("schema_version").toInt(), pathlens::core::kCaptureSchemaVersion);
        QVERIFY(json.value("counts").toObject().value("events").toDouble() >= 1); // the link monitor's first snapshot
        QVERIFY(!json.value("interfaces").isUndefined() || capture.value("interfaces").toArray().size() >= 1);

        const QString csv = m_dir.filePath("run.csv");
        QCOMPARE(agent({"export", cap, "--csv", csv}).code, 0);
        const QString back = m_dir.filePath("back.plcap");
        const Run imported = agent({"import", csv, "--out", back});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        QVERIFY(imported.err.contains("0 skipped"));
        const Run again = agent({"import", csv, "--out", back});
        QCOMPARE(again.code, 3); // refuses to overwrite without --append
        QVERIFY(again.err.contains("--append"));
        const QString csv2 = m_dir.filePath("back.csv");
        QCOMPARE(agent({"export", back, "--csv", csv2}).code, 0);
        QFile a(csv), b(csv2);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(b.readAll(), a.readAll()); // capture → CSV → capture → CSV is stable
    }

    void traceOnceOverLoopback()
    {
        // Loopback only (an IP literal: no name lookup leaves the machine).
        const Run r = agent({"trace", "127.0.0.1", "--json", "--max-ttl", "4", "--probes", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject t = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(t.value("reached").toBool());
        const QJsonArray hops = t.value("hops").toArray();
        QCOMPARE(hops.size(), 1);
        QCOMPARE(hops.at(0).toObject().value("addr").toString(), QString("127.0.0.1"));
        QVERIFY(hops.at(0).toObject().value("rtt_ms").toDouble() < 5.0);
        QCOMPARE(agent({"trace", "127.0.0.1", "--proto", "carrier-pigeon"}).code, 2);
        QCOMPARE(agent({"trace"}).code, 2);
        QCOMPARE(agent({"trace", "127.0.0.1", "--max-ttl", "0"}).code, 2);
    }

    // report --html: one self-contained page written by way of OUT.part (an older file replaced only
    // when the new one is whole); an unwritable place is an input error that names the fix.
    void reportWritesHtml()
    {
        const QString cap = m_dir.filePath("html.plcap");
        QCOMPARE(agent({"import", PATHLENS_TEST_DATA_DIR "/traces.csv", "--out", cap}).code, 0);
        const QString page = m_dir.filePath("report.html");
        {
            QFile old(page);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("an older report");
        }
        const Run r = agent({"report", cap, "--html", page});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.isEmpty()); // the page is the output; --json adds the summary
        QFile in(page);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(in.readAll());
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.contains("Path to 10.20.7.2"));
        QVERIFY(html.contains("lab-h1"));
        QVERIFY(html.trimmed().endsWith("</html>"));
        QVERIFY(!QFile::exists(page + ".part"));

        const Run both = agent({"report", cap, "--html", page, "--json"});
        QCOMPARE(both.code, 0);
        QVERIFY(QJsonDocument::fromJson(both.out.toUtf8()).object().contains("traces"));

        const QString nowhere = m_dir.filePath("no-such-folder/report.html");
        const Run bad = agent({"report", cap, "--html", nowhere});
        QCOMPARE(bad.code, 3);
        QVERIFY2(bad.err.contains("cannot write " + nowhere) && bad.err.contains("fix:"), qPrintable(bad.err));
        QVERIFY(!QFile::exists(nowhere) && !QFile::exists(nowhere + ".part"));
    }

    void malformedRowsAreListedButTheRestImported()
    {
        const Run r = agent({"import", PATHLENS_TEST_DATA_DIR "/malformed.csv", "--out", m_dir.filePath("mal.plcap")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains("2 rows imported"));
        QVERIFY(r.err.contains("10 skipped"));
        QVERIFY(r.err.contains("line 4: timestamp 'yesterday'"));
    }

    // A CSV from the seed's own tool: imported with a count per type, written back in its words;
    // a file with no usable row is an input error (3) and leaves no empty capture behind.
    void seedVocabularyImportsAndExportsBack()
    {
        const QString cap = m_dir.filePath("seed.plcap");
        const Run imported = agent({"import", PATHLENS_TEST_DATA_DIR "/seed_vocabulary.csv", "--out", cap});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        QVERIFY2(imported.err.contains("18 rows imported") && imported.err.contains("0 skipped"), qPrintable(imported.err));
        QVERIFY(imported.err.contains("  ping: 3 imported\n"));
        QVERIFY(imported.err.contains("  youtube_abr: 1 imported\n"));
        const QString out = m_dir.filePath("seed_out.csv");
        const Run exported = agent({"export", cap, "--csv", out, "--dialect", "seed"});
        QVERIFY2(exported.code == 0, qPrintable(exported.err));
        QVERIFY(exported.err.contains("18 rows written"));
        QFile original(PATHLENS_TEST_DATA_DIR "/seed_vocabulary.csv");
        QFile written(out);
        QVERIFY(original.open(QIODevice::ReadOnly) && written.open(QIODevice::ReadOnly));
        QStringList wantTypes, gotTypes;
        for (const QByteArray &line : original.readAll().split('\n'))
            if (!line.isEmpty())
                wantTypes << QString::fromUtf8(line.split(',').value(1));
        for (const QByteArray &line : written.readAll().split('\n'))
            if (!line.isEmpty())
                gotTypes << QString::fromUtf8(line.split(',').value(1));
        QCOMPARE(gotTypes, wantTypes); // the field-by-field comparison is tst_seed_dialect's
        QCOMPARE(agent({"export", cap, "--csv", out, "--dialect", "klingon"}).code, 2);

        QFile bad(m_dir.filePath("nothing_usable.csv"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("timestamp_utc,measurement_type,target,rtt_ms,loss_bool,seq,hop_count,throughput_mbps,dns_ms,burst_size,notes\n"
                  "2026-11-22T15:00:00.000Z,loss_burst,192.0.2.8,,false,,,,,5,\n"
                  "2026-11-22T15:00:01.000Z,pong,192.0.2.8,20,false,5,,,,,\n");
        bad.close();
        const QString none = m_dir.filePath("none.plcap");
        const Run rejected = agent({"import", bad.fileName(), "--out", none});
        QCOMPARE(rejected.code, 3);
        QVERIFY2(rejected.err.contains("no row of") && rejected.err.contains("was imported"), qPrintable(rejected.err));
        QVERIFY(rejected.err.contains("  loss_burst: 0 imported, 1 skipped (first: line 2: a loss_burst row needs loss_bool true"));
        QVERIFY(rejected.err.contains("  pong: 0 imported, 1 skipped (first: line 3: unknown measurement_type 'pong'"));
        QCOMPARE(capturesNamed("none.plcap"), QStringList()); // -wal and -shm included
    }

    // An import that fails leaves no capture it created, whether the input was refused as a whole or
    // nothing in it was usable, with or without --append; a capture that was there before stays.
    void failedImportLeavesNoCaptureBehind()
    {
        QFile headerless(m_dir.filePath("headerless.csv"));
        QVERIFY(headerless.open(QIODevice::WriteOnly));
        headerless.write("2026-11-22T10:00:00.100Z,icmp,192.0.2.1,12.5,false,1,,,,,\n");
        headerless.close();
        QFile useless(m_dir.filePath("useless.csv"));
        QVERIFY(useless.open(QIODevice::WriteOnly));
        useless.write("timestamp_utc,measurement_type,target,rtt_ms,loss_bool,seq,hop_count,throughput_mbps,dns_ms,burst_size,notes\n"
                      "2026-11-22T15:00:01.000Z,pong,192.0.2.8,20,false,5,,,,,\n");
        useless.close();

        const Run refused = agent({"import", headerless.fileName(), "--out", m_dir.filePath("refused.plcap")});
        QCOMPARE(refused.code, 3);
        QVERIFY2(refused.err.contains("not the Pathlens CSV header"), qPrintable(refused.err));
        QCOMPARE(capturesNamed("refused.plcap"), QStringList());
        const Run appended = agent({"import", useless.fileName(), "--out", m_dir.filePath("appended.plcap"), "--append"});
        QCOMPARE(appended.code, 3);
        QVERIFY2(appended.err.contains("no row of"), qPrintable(appended.err));
        QCOMPARE(capturesNamed("appended.plcap"), QStringList());

        const QString kept = m_dir.filePath("kept.plcap");
        QCOMPARE(agent({"import", PATHLENS_TEST_DATA_DIR "/seed_vocabulary.csv", "--out", kept}).code, 0);
        const QJsonObject before = countsOf(kept);
        double rows = 0;
        for (auto it = before.begin(); it != before.end(); ++it)
            rows += it.value().toDouble();
        QCOMPARE(rows, 18.0);
        QCOMPARE(agent({"import", useless.fileName(), "--out", kept, "--append"}).code, 3);
        QCOMPARE(agent({"import", headerless.fileName(), "--out", kept, "--append"}).code, 3);
        QVERIFY(QFile::exists(kept));
        QCOMPARE(countsOf(kept), before); // what the first import stored, no more and no less
    }
};

QTEST_GUILESS_MAIN(TestAgentCli)
#include "tst_agent_cli.moc"
