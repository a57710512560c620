// SPDX-License-Identifier: GPL-3.0-or-later
// report --pdf through the pathlens-report-pdf process.
#include "agent_report_pdf.h"

#include "agent_commands.h"
#include "app/report_pdf/webengine_sandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace pathlens::agent {

namespace {
const QString kTool = QStringLiteral("pathlens-report-pdf");
constexpr int kRenderTimeoutS = 90;  // the renderer's own bound …
constexpr int kKillAfterS = 110;     // … and ours, should it hang before it can say so
constexpr int kToolSandboxExit = 5;  // pathlens-report-pdf: root without the sandbox switch

// The renderer's own "error:" and "fix:" lines; WebEngine's start-up chatter is left out.
QString toolMessages(const QByteArray &stderrBytes)
{
    QStringList kept;
    const QStringList lines = QString::fromLocal8Bit(stderrBytes).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        if (line.startsWith(kTool + QLatin1Char(':')) || line.startsWith(QLatin1String("  fix:")))
            kept << line;
    if (kept.isEmpty()) // it died without a word of its own: its last lines are the best clue
        kept = lines.mid(std::max<qsizetype>(0, lines.size() - 5));
    return kept.join(QLatin1Char('\n'));
}
} // namespace

QString findReportPdfTool()
{
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {QDir(here).filePath(kTool), QDir(here).filePath(QStringLiteral("../report_pdf/") + kTool)})
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable(kTool);
}

int writeReportPdf(const QString &html, const QString &pdfPath)
{
    const QString tool = findReportPdfTool();
    if (tool.isEmpty()) {
        printError(QStringLiteral("%1 was not found next to pathlens-agent (%2), in the build tree or in PATH; it renders the PDF")
                       .arg(kTool, QDir::toNativeSeparators(QCoreApplication::applicationDirPath())),
                   QStringLiteral("install it beside pathlens-agent (built when PATHLENS_WITH_WEBENGINE is ON) or put "
                                  "its folder in PATH; --html needs no renderer"));
        return kExitRender;
    }
    // Said here, before a WebEngine process starts and aborts on it.
    if (report::webEngineBlockedAsRoot()) {
        printError(report::sandboxAsRootMessage(), report::sandboxAsRootRemedy());
        return kExitRender;
    }
    QTemporaryDir work;
    QFile page(work.filePath(QStringLiteral("report.html")));
    if (!work.isValid() || !page.open(QIODevice::WriteOnly) || page.write(html.toUtf8()) < 0 || !page.flush()) {
        printError(QStringLiteral("cannot write the report's HTML to a temporary folder (%1)").arg(work.path()),
                   QStringLiteral("free space in the temporary folder or point TMPDIR elsewhere"));
        return kExitInput;
    }
    page.close();

    QProcess renderer;
    renderer.setProgram(tool);
    renderer.setArguments({page.fileName(), QFileInfo(pdfPath).absoluteFilePath(), QStringLiteral("--timeout"),
                           QString::number(kRenderTimeoutS)});
    renderer.setProcessChannelMode(QProcess::SeparateChannels);
    renderer.start();
    if (!renderer.waitForStarted(10000)) {
        printError(QStringLiteral("cannot start %1: %2").arg(tool, renderer.errorString()),
                   QStringLiteral("check that it is executable"));
        return kExitRender;
    }
    if (!renderer.waitForFinished(kKillAfterS * 1000)) {
        renderer.kill();
        renderer.waitForFinished(5000);
        QFile::remove(pdfPath + QStringLiteral(".part"));
        printError(QStringLiteral("the PDF renderer did not finish within %1 s and was stopped").arg(kKillAfterS),
                   QStringLiteral("try again; write --html instead and print it from a browser if it keeps happening"));
        return kExitRender;
    }
    if (renderer.exitStatus() != QProcess::NormalExit || renderer.exitCode() != 0) {
        const QString said = toolMessages(renderer.readAllStandardError());
        fprintf(stderr, "%s\n", qPrintable(said));
        if (renderer.exitCode() == kToolSandboxExit)
            return kExitRender;
        printError(renderer.exitStatus() == QProcess::NormalExit
                       ? QStringLiteral("the PDF renderer failed (exit code %1)").arg(renderer.exitCode())
                       : QStringLiteral("the PDF renderer crashed"),
                   QStringLiteral("see its message above; --html writes the report without it"));
        return renderer.exitCode() == 3 ? kExitInput : kExitRender;
    }
    return kExitOk;
}

} // namespace pathlens::agent
