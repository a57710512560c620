// SPDX-License-Identifier: GPL-3.0-or-later
// report --pdf: the agent hands the report's HTML to pathlens-report-pdf (a WebEngine process) so
// the agent itself never links WebEngine.
#pragma once

#include <QString>

namespace pathlens::agent {

// Where pathlens-report-pdf is: next to this executable (installed), in the build tree
// (app/report_pdf beside app/agent), else in PATH. Empty when it is nowhere.
QString findReportPdfTool();

// Writes `html` as an A4 PDF to `pdfPath` (by way of pdfPath.part, renamed when complete), within
// a bounded time. Prints what went wrong and returns the agent's exit code (kExitOk on success).
int writeReportPdf(const QString &html, const QString &pdfPath);

} // namespace pathlens::agent
