// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report of a capture (first cut: verdict and metadata; the sections follow).
#include "core/report/html_report.h"

#include "core/base/time_utc.h"

namespace pathlens::core {

namespace {
QString esc(const QString &text) { return text.toHtmlEscaped(); }
} // namespace

QString renderReportHtml(const CaptureSnapshot &snapshot, const HtmlReportOptions &options)
{
    const DeviceVerdict &v = snapshot.passive.verdict;
    const QString method = options.methodUrl.isEmpty() ? QStringLiteral("docs/methodology.md") : options.methodUrl;
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                  "<title>Pathlens report</title></head><body>\n");
    html += QStringLiteral("<h1>Pathlens report</h1>\n<section class=\"verdict\"><h2>%1</h2><p>%2</p></section>\n")
                .arg(esc(gradeName(v.grade)), esc(v.headline));
    html += QStringLiteral("<section class=\"meta\"><p>Capture: %1</p></section>\n").arg(esc(snapshot.capture.path));
    html += QStringLiteral("<p><a href=\"%1\">How Pathlens measures</a></p>\n</body></html>\n").arg(esc(method));
    return html;
}

} // namespace pathlens::core
