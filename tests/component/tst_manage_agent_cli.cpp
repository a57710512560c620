// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-agent link / unlink / trim through the real binary, on a capture of two clearly different
// hours (tests/common/two_environment_capture.h).
#include "tests/common/two_environment_capture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace two_env;

class TestManageAgentCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    struct Run {
        int code;
        QString out;
        QString err;
    };
    static Run agent(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent"), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return {-1, {}, QStringLiteral("timed out")};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    QString file(const QString &name) const { return m_dir.filePath(name); }
    static QJsonObject report(const QString &capture)
    {
        const Run r = agent({"report", capture, "--json"});
        if (r.code != 0)
            qFatal("report %s: %s", qPrintable(capture), qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
    static QByteArray digest(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    static QSet<QString> appNames(const QJsonObject &report)
    {
        QSet<QString> names;
        for (const QJsonValue &a : report.value("apps").toArray())
            names.insert(a.toObject().value("name").toString());
        return names;
    }
    static QJsonObject probe(const QJsonObject &report, const QString &target)
    {
        for (const QJsonValue &p : report.value("probes").toArray())
            if (p.toObject().value("target").toString() == target)
                return p.toObject();
        return {};
    }
    static QJsonArray relatedOf(const QString &capture)
    {
        const Run r = agent({"link", "--list", capture, "--json"});
        if (r.code != 0)
            qFatal("link --list %s: %s", qPrintable(capture), qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(writeCapture(file("mixed.plcap"), {Hour::Quiet, Hour::Lossy}), QString());
        QCOMPARE(writeCapture(file("quiet-only.plcap"), {Hour::Quiet}), QString());
        QCOMPARE(writeCapture(file("lossy-only.plcap"), {Hour::Lossy}), QString());
    }

    // Each trimmed hour reports exactly what a capture of that hour alone reports, and its own figures.
    void trimCutsOneEnvironmentWithItsOwnFigures()
    {
        const QByteArray before = digest(file("mixed.plcap"));
        const QJsonObject mixedReport = report(file("mixed.plcap"));
        const Run quiet = agent({"trim", file("mixed.plcap"), "--from", "2026-12-01T10:00:00Z", "--to", "2026-12-01T11:00:00Z",
                                 "--out", file("quiet.plcap")});
        QVERIFY2(quiet.code == 0, qPrintable(quiet.err));
        QVERIFY(quiet.out.contains("720 probe_samples"));
        const Run lossy = agent({"trim", file("mixed.plcap"), "--from", "2026-12-01T11:00:00Z", "--to", "2026-12-01T12:00:00Z",
                                 "--out", file("lossy.plcap")});
        QVERIFY2(lossy.code == 0, qPrintable(lossy.err));
        QVERIFY(!QFile::exists(file("quiet.plcap.part")) && !QFile::exists(file("lossy.plcap.part")));

        struct Case {
            QString trimmed, alone, start, end;
        };
        for (const Case &c : {Case{"quiet.plcap", "quiet-only.plcap", "2026-12-01T10:00:00.000Z", "2026-12-01T11:00:00.000Z"},
                              Case{"lossy.plcap", "lossy-only.plcap", "2026-12-01T11:00:00.000Z", "2026-12-01T12:00:00.000Z"}}) {
            QJsonObject got = report(file(c.trimmed));
            QJsonObject want = report(file(c.alone));
            const QJsonObject cap = got.take("capture").toObject();
            const QJsonObject wantCap = want.take("capture").toObject();
            QCOMPARE(cap.value("started_utc").toString(), c.start);
            QCOMPARE(cap.value("ended_utc").toString(), c.end);
            QCOMPARE(cap.value("host").toString(), QString("fixture-laptop"));
            QVERIFY(cap.value("capture_id").toString() != QString("fixture-mixed.plcap")); // a capture of its own
            QCOMPARE(cap.value("first_sample_utc"), wantCap.value("first_sample_utc"));
            QCOMPARE(cap.value("last_sample_utc"), wantCap.value("last_sample_utc"));
            if (got != want) { // say where, not just that
                for (auto it = want.begin(); it != want.end(); ++it)
                    if (got.value(it.key()) != it.value())
                        qWarning("%s: %s differs", qPrintable(c.trimmed), qPrintable(it.key()));
            }
            QVERIFY(got == want);
        }

        const QJsonObject q = report(file("quiet.plcap"));
        const QJsonObject l = report(file("lossy.plcap"));
        QCOMPARE(q.value("counts").toObject().value("probe_samples").toInt(), 2 * kPingsPerHourPerTarget);
        QCOMPARE(l.value("counts").toObject().value("probe_samples").toInt(), 2 * kPingsPerHourPerTarget);
        // Sessions: the hour's own plus the one across 11:00, kept whole in both.
        QCOMPARE(q.value("counts").toObject().value("tcp_sessions").toInt(), kSessionsPerHour + 1);
        QCOMPARE(l.value("counts").toObject().value("tcp_sessions").toInt(), kSessionsPerHour + 1);
        QCOMPARE(appNames(q), (QSet<QString>{"browser", "sync"}));
        QCOMPARE(appNames(l), (QSet<QString>{"videocall", "sync"}));
        QCOMPARE(q.value("counts").toObject().value("loss_bursts").toInt(), 0);
        QCOMPARE(l.value("counts").toObject().value("loss_bursts").toInt(), 3);
        QCOMPARE(q.value("counts").toObject().value("trace_hops").toInt(), 2); // hops follow their trace
        QCOMPARE(probe(q, "198.51.100.1").value("loss_pct").toDouble(), 0.0);
        QCOMPARE(probe(l, "198.51.100.1").value("loss_pct").toDouble(), 20.0);
        QCOMPARE(probe(q, "198.51.100.1").value("rtt_p50_ms").toDouble(), 21.0); // 20 + (0..2) ms
        QCOMPARE(probe(l, "198.51.100.1").value("rtt_p50_ms").toDouble(), 181.25); // 180 + (0.5..2): every fifth, the +0, lost
        QCOMPARE(q.value("device").toObject().value("grade").toString(), QString("Excellent"));
        QVERIFY(l.value("device").toObject().value("grade").toString() != QString("Excellent"));
        QVERIFY(q.value("tiers").toObject().value("overall") != l.value("tiers").toObject().value("overall"));
        QVERIFY(mixedReport.value("tiers").toObject().value("loss") == l.value("tiers").toObject().value("loss"));

        // The original is only read.
        QCOMPARE(digest(file("mixed.plcap")), before);
        QJsonObject again = report(file("mixed.plcap"));
        QCOMPARE(again, mixedReport);
    }

    void trimErrorsNameTheFix()
    {
        const QString mixed = file("mixed.plcap");
        const Run backwards = agent({"trim", mixed, "--from", "2026-12-01T11:00:00Z", "--to", "2026-12-01T10:00:00Z", "--out", file("x.plcap")});
        QCOMPARE(backwards.code, 3);
        QVERIFY2(backwards.err.contains("is not before --to"), qPrintable(backwards.err));
        const Run badTime = agent({"trim", mixed, "--from", "yesterday", "--to", "2026-12-01T10:00:00Z", "--out", file("x.plcap")});
        QCOMPARE(badTime.code, 2);
        QVERIFY(badTime.err.contains("--from 'yesterday' is not a UTC time"));
        QCOMPARE(agent({"trim", mixed, "--from", "2026-12-01T10:00:00Z", "--to", "2026-12-01T11:00:00Z"}).code, 2); // no --out
        const Run empty = agent({"trim", mixed, "--from", "2026-12-02T10:00:00Z", "--to", "2026-12-02T11:00:00Z", "--out", file("x.plcap")});
        QCOMPARE(empty.code, 3);
        QVERIFY2(empty.err.contains("has no rows between") && empty.err.contains("its samples run from 2026-12-01T10:00:00.000Z"),
                 qPrintable(empty.err));
        QVERIFY(!QFile::exists(file("x.plcap")) && !QFile::exists(file("x.plcap.part")));
        const Run exists = agent({"trim", mixed, "--from", "2026-12-01T10:00:00Z", "--to", "2026-12-01T11:00:00Z", "--out", mixed});
        QCOMPARE(exists.code, 3);
        QVERIFY(exists.err.contains("already exists"));
        const Run missing = agent({"trim", file("nope.plcap"), "--from", "2026-12-01T10:00:00Z", "--to", "2026-12-01T11:00:00Z", "--out", file("x.plcap")});
        QCOMPARE(missing.code, 3);
        QVERIFY(missing.err.contains("does not exist"));
    }

    void linkRecordsBothWaysListsAndUnlinks()
    {
        QVERIFY(QDir(m_dir.path()).mkpath("trip/leg1") && QDir(m_dir.path()).mkpath("trip/leg2"));
        const QString a = file("trip/leg1/a.plcap"), b = file("trip/leg2/b.plcap"), c = file("trip/c.plcap");
        QVERIFY(QFile::copy(file("quiet-only.plcap"), a) && QFile::copy(file("lossy-only.plcap"), b));
        QCOMPARE(writeCapture(c, {Hour::Quiet}), QString());
        { // a capture without an id (as a CSV import makes) is given one
            auto s = pathlens::core::CaptureStore::open(c, pathlens::core::CaptureStore::Mode::ReadWrite);
            QVERIFY(s && (*s)->removeMeta("capture_id"));
        }
        const Run linked = agent({"link", a, b, c});
        QVERIFY2(linked.code == 0, qPrintable(linked.err));
        QVERIFY(linked.out.contains("Linked 3 captures (3 new links"));
        const QJsonArray ofA = relatedOf(a);
        QCOMPARE(ofA.size(), 2);
        QCOMPARE(ofA.at(0).toObject().value("path").toString(), QString("../leg2/b.plcap")); // relative to a's folder
        QCOMPARE(ofA.at(0).toObject().value("capture_id").toString(), QString("fixture-lossy-only.plcap"));
        QCOMPARE(ofA.at(0).toObject().value("found_at").toString(), QFileInfo(b).canonicalFilePath());
        QVERIFY(ofA.at(0).toObject().value("same_capture").toBool());
        QCOMPARE(ofA.at(0).toObject().value("started_utc").toString(), QString("2026-12-01T11:00:00.000Z"));
        QCOMPARE(relatedOf(b).size(), 2);
        const QJsonArray ofC = relatedOf(c);
        QCOMPARE(ofC.size(), 2);
        QCOMPARE(ofC.at(0).toObject().value("path").toString(), QString("leg1/a.plcap"));
        QCOMPARE(relatedOf(a).at(1).toObject().value("capture_id").toString().size(), 36); // the id c was given
        QVERIFY(agent({"link", a, b}).out.contains("0 new links")); // again: nothing doubles
        QCOMPARE(relatedOf(a).size(), 2);

        // The whole trip moved: found by its relative paths.
        QVERIFY(QDir(m_dir.path()).rename("trip", "trip-moved"));
        const QString a2 = file("trip-moved/leg1/a.plcap"), b2 = file("trip-moved/leg2/b.plcap"), c2 = file("trip-moved/c.plcap");
        QCOMPARE(relatedOf(a2).at(0).toObject().value("found_at").toString(), QFileInfo(b2).canonicalFilePath());
        // One file gone: the text listing says so.
        QVERIFY(QFile::rename(c2, file("c-elsewhere.plcap")));
        const Run listed = agent({"link", "--list", a2});
        QCOMPARE(listed.code, 0);
        QVERIFY2(listed.out.contains("b.plcap  2026-12-01T11:00:00.000Z to 2026-12-01T12:00:00.000Z  " + QFileInfo(b2).canonicalFilePath()),
                 qPrintable(listed.out));
        QVERIFY2(listed.out.contains("c.plcap") && listed.out.contains("missing: not found at ../c.plcap"), qPrintable(listed.out));
        QVERIFY(QFile::rename(file("c-elsewhere.plcap"), c2));

        const Run pair = agent({"unlink", a2, b2});
        QCOMPARE(pair.code, 0);
        QVERIFY(pair.out.contains("Removed 1 links"));
        QCOMPARE(relatedOf(a2).size(), 1); // c stays
        QCOMPARE(relatedOf(b2).size(), 1);
        const Run all = agent({"unlink", c2}); // every link of c, on both sides
        QCOMPARE(all.code, 0);
        QCOMPARE(relatedOf(c2).size(), 0);
        QCOMPARE(relatedOf(a2).size(), 0);
        QCOMPARE(relatedOf(b2).size(), 0);
        QVERIFY(agent({"link", "--list", a2}).out.contains("has no related captures"));
    }

    void linkErrorsChangeNothing()
    {
        const QString a = file("e-a.plcap"), ro = file("e-ro.plcap"), junk = file("junk.plcap");
        QVERIFY(QFile::copy(file("quiet-only.plcap"), a));
        QCOMPARE(writeCapture(ro, {Hour::Lossy}), QString());
        QVERIFY(QFile::setPermissions(ro, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly) && j.write("not sqlite at all, just text\n") > 0);
        j.close();
        const QByteArray junkBefore = digest(junk);

        const Run missing = agent({"link", a, file("gone.plcap")});
        QCOMPARE(missing.code, 3);
        QVERIFY2(missing.err.contains("gone.plcap does not exist"), qPrintable(missing.err));
        const Run notCapture = agent({"link", a, junk});
        QCOMPARE(notCapture.code, 3);
        QVERIFY2(notCapture.err.contains("is not a Pathlens capture"), qPrintable(notCapture.err));
        QFile empty(file("empty.plcap"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        const Run emptyFile = agent({"link", a, file("empty.plcap")});
        QCOMPARE(emptyFile.code, 3);
        QVERIFY2(emptyFile.err.contains("is not a Pathlens capture (the file is empty)"), qPrintable(emptyFile.err));
        QCOMPARE(QFileInfo(file("empty.plcap")).size(), 0); // left as it was
        const Run readOnly = agent({"link", a, ro});
        QCOMPARE(readOnly.code, 3);
        QVERIFY2(readOnly.err.contains("e-ro.plcap is read-only") && readOnly.err.contains("chmod u+w"), qPrintable(readOnly.err));
        QCOMPARE(relatedOf(a).size(), 0); // checked before anything was written
        QCOMPARE(digest(junk), junkBefore);
        QCOMPARE(agent({"link", a}).code, 2);
        QCOMPARE(agent({"link", a, a}).code, 3); // the same file twice
        const Run copy = agent({"link", a, file("quiet-only.plcap")});
        QCOMPARE(copy.code, 3);
        QVERIFY(copy.err.contains("copies of one capture"));
        QCOMPARE(agent({"link", "--list", file("gone.plcap")}).code, 3);
        QVERIFY(QFile::setPermissions(ro, QFile::ReadOwner | QFile::WriteOwner));
    }
};

QTEST_GUILESS_MAIN(TestManageAgentCli)
#include "tst_manage_agent_cli.moc"
