// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-report-pdf: one HTML file to one A4 PDF through Qt WebEngine, offscreen, then exit.
// A separate executable so that pathlens-agent (run on servers) never links WebEngine: the agent
// starts this when asked for --pdf and only then.
#include "webengine_sandbox.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QTimer>
#include <QUrl>
#include <QWebEnginePage>

#include <cstdio>
#include <cstdlib>

namespace {

// Exit codes (README "Agent CLI" lists them as the agent reports them).
enum : int { kOk = 0, kUsage = 2, kInput = 3, kRender = 4, kSandbox = 5 };
constexpr int kDefaultTimeoutS = 90;

const char *const kUsageText = "Usage: pathlens-report-pdf IN.html OUT.pdf [--timeout S]\n"
                           "Renders IN.html (a Pathlens report) to an A4 PDF, offscreen. OUT.pdf is written as\n"
                           "OUT.pdf.part and renamed when complete. Exit codes: 0 ok, 2 usage, 3 input or output\n"
                           "file, 4 rendering failed or timed out, 5 root without QTWEBENGINE_DISABLE_SANDBOX.\n";

int fail(int code, const QString &message, const QString &remedy = {})
{
    QString text = QStringLiteral("pathlens-report-pdf: error: %1\n").arg(message);
    if (!remedy.isEmpty())
        text += QStringLiteral("  fix: %1\n").arg(remedy);
    fputs(text.toUtf8().constData(), stderr);
    return code;
}

// The PDF goes to OUT.part first, so a reader never sees half a file under the final name.
int writePdf(const QByteArray &pdf, const QString &outPath)
{
    if (pdf.isEmpty())
        return fail(kRender, QStringLiteral("Qt WebEngine produced no PDF"), QStringLiteral("see the messages above"));
    const QString part = outPath + QStringLiteral(".part");
    QFile file(part);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(pdf) != pdf.size() || !file.flush()) {
        const QString why = file.errorString();
        file.remove();
        return fail(kInput, QStringLiteral("cannot write %1: %2").arg(part, why),
                    QStringLiteral("choose a folder you can write to"));
    }
    file.close();
    // rename(2) replaces an existing OUT in one step (QFile::rename refuses to).
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(outPath).constData()) != 0) {
        QFile::remove(part);
        return fail(kInput, QStringLiteral("cannot rename %1 to %2").arg(part, outPath),
                    QStringLiteral("check that %1 is not a folder and its folder is writable").arg(outPath));
    }
    return kOk;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    int timeoutS = kDefaultTimeoutS;
    if (const qsizetype t = args.indexOf(QStringLiteral("--timeout")); t >= 0) {
        bool ok = false;
        timeoutS = args.value(t + 1).toInt(&ok);
        if (!ok || timeoutS <= 0)
            return fail(kUsage, QStringLiteral("--timeout needs a number of seconds above 0"));
        args.remove(t, 2);
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        fputs(kUsageText, stdout);
        return kOk;
    }
    if (args.size() != 2) {
        fputs(kUsageText, stderr);
        return kUsage;
    }
    const QString inPath = QFileInfo(args[0]).absoluteFilePath();
    const QString outPath = QFileInfo(args[1]).absoluteFilePath();
    if (!QFileInfo(inPath).isReadable())
        return fail(kInput, QStringLiteral("cannot read %1").arg(args[0]), QStringLiteral("name an existing HTML file"));
    if (!QFileInfo(outPath).absoluteDir().exists())
        return fail(kInput, QStringLiteral("the folder of %1 does not exist").arg(args[1]),
                    QStringLiteral("create it first or choose another place"));
    // Checked before WebEngine starts: as root without the switch Chromium aborts the process.
    if (pathlens::report::webEngineBlockedAsRoot())
        return fail(kSandbox, pathlens::report::sandboxAsRootMessage(), pathlens::report::sandboxAsRootRemedy());

    // Nothing is shown, so no display is needed: offscreen unless the caller chose a platform.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // WebEngine asks for it before the app exists
    QGuiApplication app(argc, argv);
    // WebEngine's start-up inventory (GL type, Chromium switches) is noise for a one-shot renderer.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.webenginecontext.info=false\nqt.webenginecontext.debug=false"));

    QWebEnginePage page;
    int result = -1;
    auto finish = [&](int code) {
        if (result < 0) {
            result = code;
            QCoreApplication::exit(code);
        }
    };
    QObject::connect(&page, &QWebEnginePage::loadFinished, &app, [&](bool ok) {
        if (!ok)
            return finish(fail(kInput, QStringLiteral("Qt WebEngine could not load %1").arg(inPath)));
        const QPageLayout a4(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        page.printToPdf([&](const QByteArray &pdf) { finish(writePdf(pdf, outPath)); }, a4);
    });
    QTimer::singleShot(timeoutS * 1000, &app, [&] {
        finish(fail(kRender, QStringLiteral("the report was not rendered within %1 s").arg(timeoutS),
                    QStringLiteral("try again with a larger --timeout; a very long capture makes a long report")));
    });
    page.load(QUrl::fromLocalFile(inPath));
    app.exec();
    return result < 0 ? kRender : result;
}
