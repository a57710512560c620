// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-agent report --pdf (issue 16 item 3), the real binaries: a capture made from the CSV
// fixtures becomes a PDF through pathlens-report-pdf with no display, and its text (pdftotext) holds
// the verdict, every app and every tier that report --json gives for the same capture. As root
// without QTWEBENGINE_DISABLE_SANDBOX the agent refuses with the exact fix; a missing renderer and
// an unwritable place are named; no half-written file is ever left.
#include "core/interchange/csv_interchange.h"
#include "tests/common/scratch_captures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace {

const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
const QString kSandbox = QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX");

bool isRoot()
{
#if defined(Q_OS_UNIX)
    return ::geteuid() == 0;
#else
    return false;
#endif
}

struct Run {
    int code;
    QString out;
    QString err;
};

// The agent as a fleet server runs it: no display, no platform chosen for it; the sandbox switch as
// `sandboxOff` says (as root it is needed).
Run agent(const QStringList &args, bool sandboxOff, const QString &program = kAgent, const QString &path = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    env.remove(kSandbox);
    if (sandboxOff)
        env.insert(kSandbox, QStringLiteral("1"));
    if (!path.isEmpty())
        env.insert(QStringLiteral("PATH"), path);
    env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("loopback"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("timed out")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestReportPdf : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    pathlens::test::ScratchCaptures m_scratch;
    QString m_capture;

    QString pdfText(const QString &pdf)
    {
        QProcess p;
        p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return {};
        return QString::fromUtf8(p.readAllStandardOutput());
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("pdftotext is missing: install poppler-utils (./quickstart.sh test does)");
            QSKIP("pdftotext is missing: install poppler-utils (./quickstart.sh test does)");
        }
        auto store = m_scratch.fresh();
        m_capture = store->path();
        for (const char *csv : {"tcp_sessions.csv", "probes.csv", "traces.csv"})
            QVERIFY(pathlens::core::importCsvFile(QStringLiteral(PATHLENS_TEST_DATA_DIR "/") + QString::fromLatin1(csv), *store));
    }

    void pdfHoldsTheVerdictEveryAppAndEveryTier()
    {
        const Run json = agent({"report", m_capture, "--json"}, false);
        QCOMPARE(json.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QString pdf = m_dir.filePath("report.pdf");
        const QString html = m_dir.filePath("report.html");
        const Run made = agent({"report", m_capture, "--pdf", pdf, "--html", html}, isRoot());
        QVERIFY2(made.code == 0, qPrintable(made.err));
        QVERIFY2(made.err.isEmpty(), qPrintable(made.err)); // the renderer's start-up chatter stays out
        QVERIFY(QFile::exists(html));
        QVERIFY(!QFile::exists(pdf + ".part"));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));

        const QString text = pdfText(pdf);
        QVERIFY(!text.isEmpty());
        const QJsonObject device = report.value("device").toObject();
        QVERIFY(!device.value("headline").toString().isEmpty());
        QVERIFY2(text.contains(device.value("grade").toString()), qPrintable(text.left(600)));
        QVERIFY2(text.contains(device.value("headline").toString()), qPrintable(text.left(600)));
        const QJsonArray apps = report.value("apps").toArray();
        QVERIFY(apps.size() >= 5);
        for (const QJsonValue &app : apps) {
            const QString name = app.toObject().value("name").toString();
            QVERIFY2(QRegularExpression("\\b" + QRegularExpression::escape(name) + "\\b").match(text).hasMatch(), qPrintable(name));
        }
        // Each tier by its name with its rating beside it ("Latency fair"), as the report lays them out.
        const QJsonObject tiers = report.value("tiers").toObject();
        QCOMPARE(tiers.size(), 3);
        int rated = 0;
        for (auto it = tiers.begin(); it != tiers.end(); ++it) {
            if (it.value().isNull())
                continue;
            ++rated;
            QString label = it.key();
            label[0] = label[0].toUpper();
            const QRegularExpression tier(QRegularExpression::escape(label) + "\\s+" + QRegularExpression::escape(it.value().toString()),
                                          QRegularExpression::CaseInsensitiveOption);
            QVERIFY2(tier.match(text).hasMatch(), qPrintable(label + " " + it.value().toString()));
        }
        QCOMPARE(rated, 3); // the fixture's probes rate all three
    }

    void rootWithoutTheSandboxSwitchIsToldToSetIt()
    {
        if (!isRoot())
            QSKIP("only root is refused WebEngine's sandbox");
        const QString pdf = m_dir.filePath("refused.pdf");
        const Run refused = agent({"report", m_capture, "--pdf", pdf}, false);
        QCOMPARE(refused.code, 4);
        QVERIFY2(refused.err.contains("set QTWEBENGINE_DISABLE_SANDBOX=1"), qPrintable(refused.err));
        QVERIFY2(refused.err.contains("root"), qPrintable(refused.err));
        QVERIFY(!QFile::exists(pdf));
        QVERIFY(!QFile::exists(pdf + ".part"));
    }

    void aMissingRendererIsNamed()
    {
        // The agent alone in a folder, with a PATH that has no renderer either.
        QTemporaryDir alone;
        const QString copy = alone.filePath("pathlens-agent");
        QVERIFY(QFile::copy(kAgent, copy));
        const QString pdf = m_dir.filePath("missing.pdf");
        const Run missing = agent({"report", m_capture, "--pdf", pdf}, true, copy, QStringLiteral("/usr/bin:/bin"));
        QCOMPARE(missing.code, 4);
        QVERIFY2(missing.err.contains("pathlens-report-pdf was not found"), qPrintable(missing.err));
        QVERIFY(!QFile::exists(pdf));
        // The HTML needs no renderer.
        const Run html = agent({"report", m_capture, "--html", m_dir.filePath("alone.html")}, false, copy, QStringLiteral("/usr/bin:/bin"));
        QCOMPARE(html.code, 0);
    }

    void anUnwritablePlaceIsNamed()
    {
        const QString pdf = m_dir.filePath("no-such-folder/report.pdf");
        const Run failed = agent({"report", m_capture, "--pdf", pdf}, true);
        QCOMPARE(failed.code, 3);
        QVERIFY2(failed.err.contains("no-such-folder"), qPrintable(failed.err));
    }
};

QTEST_MAIN(TestReportPdf)
#include "tst_report_pdf.moc"
