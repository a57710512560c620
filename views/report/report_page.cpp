// SPDX-License-Identifier: GPL-3.0-or-later
// Report page: layout, the refresh pacing, and the two exports.
#include "views/report/report_page.h"

#include "core/report/html_report.h"
#include "views/report/report_view.h"
#include "views/shell/empty_state_page.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace pathlens::views {

namespace {
constexpr int kMinRefreshMs = 5000;   // live snapshots come every second; a report need not
constexpr int kQuietAfterInputMs = 3000; // a reader who scrolled or clicked keeps the page that long
constexpr int kRetryMs = 1000;
constexpr int kPdfTimeoutMs = 60000;

bool holdsMeasurements(const core::CaptureSnapshot &snapshot)
{
    return std::any_of(snapshot.capture.counts.begin(), snapshot.capture.counts.end(),
                       [](const auto &table) { return table.second > 0; });
}
} // namespace

ReportPage::ReportPage(QWidget *parent)
    : QWidget(parent), m_refresh(new QTimer(this)), m_pdfTimeout(new QTimer(this)), m_stack(new QStackedWidget(this)),
      m_empty(new EmptyStatePage(pageInfo(Page::Report), this)), m_view(new ReportView(this)), m_note(new QLabel(this)),
      m_status(new QLabel(this)), m_busy(new QProgressBar(this)), m_exportHtml(new QPushButton(tr("Export HTML…"), this)),
      m_exportPdf(new QPushButton(tr("Export PDF…"), this)), m_minRefreshMs(kMinRefreshMs),
      m_quietAfterInputMs(kQuietAfterInputMs)
{
    m_refresh->setSingleShot(true);
    connect(m_refresh, &QTimer::timeout, this, &ReportPage::refresh);
    m_pdfTimeout->setSingleShot(true);
    connect(m_pdfTimeout, &QTimer::timeout, this, [this] {
        m_view->cancelPdf();
        finishPdf(m_pdfPath, tr("The PDF was not written within %1 s. Try again, or export HTML and print it from a browser.")
                                 .arg(kPdfTimeoutMs / 1000));
    });

    m_note->setObjectName(QStringLiteral("reportViewNote"));
    m_note->setWordWrap(true);
    m_note->setText(ReportView::plainViewReason());
    m_note->setVisible(!m_note->text().isEmpty());
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setToolTip(tr("While a capture is recording the report follows it, at most every %1 s, and waits while you "
                            "scroll or a PDF is being written").arg(kMinRefreshMs / 1000));
    m_busy->setRange(0, 0); // WebEngine reports no progress while printing: a busy bar
    m_busy->setMaximumWidth(140);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_exportHtml->setObjectName(QStringLiteral("exportReportHtml"));
    m_exportHtml->setToolTip(tr("Save this report as one self-contained web page (charts included), to share or archive "
                                "(Ctrl+Shift+E)"));
    m_exportPdf->setObjectName(QStringLiteral("exportReportPdf"));
    m_exportPdf->setToolTip(tr("Save this report as an A4 PDF (Ctrl+P)"));
    connect(m_exportHtml, &QPushButton::clicked, this, &ReportPage::chooseExportHtml);
    connect(m_exportPdf, &QPushButton::clicked, this, &ReportPage::chooseExportPdf);
    connect(m_view, &ReportView::linkActivated, this, &ReportPage::openLink);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_busy);
    bar->addWidget(m_exportHtml);
    bar->addWidget(m_exportPdf);
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_note);
    contentLayout->addLayout(bar);
    contentLayout->addWidget(m_view, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack, 1);
}

void ReportPage::setRefreshPacing(int minIntervalMs, int quietAfterInputMs)
{
    m_minRefreshMs = minIntervalMs;
    m_quietAfterInputMs = quietAfterInputMs;
}

bool ReportPage::isSettled() const
{
    if (!m_snapshot || !showsContent())
        return true;
    return m_shownSource == m_snapshot->sourceId && !m_refresh->isActive() && !m_view->isLoading();
}

bool ReportPage::showsContent() const
{
    return m_stack->currentIndex() == 1;
}

void ReportPage::showSnapshot(const core::SnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = snapshot;
    m_stack->setCurrentIndex(holdsMeasurements(*snapshot) ? 1 : 0);
    scheduleRefresh();
}

void ReportPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    scheduleRefresh(); // a hidden page is not rendered; it catches up when shown
}

void ReportPage::scheduleRefresh()
{
    if (!m_snapshot || !isVisible())
        return;
    const bool newCapture = m_snapshot->sourceId != m_shownSource;
    const int delay = newCapture || !m_sinceRefresh.isValid() ? 0 : int(std::max<qint64>(0, m_minRefreshMs - m_sinceRefresh.elapsed()));
    if (!m_refresh->isActive() || delay < m_refresh->remainingTime())
        m_refresh->start(delay);
}

void ReportPage::refresh()
{
    if (!m_snapshot || !isVisible())
        return;
    const bool newCapture = m_snapshot->sourceId != m_shownSource;
    // Never under the reader's hands or the printer: later, unless another capture is shown now.
    const bool busy = m_exportingPdf || (m_view->isLoading() && !newCapture) ||
                      (m_view->msSinceUserInput() < m_quietAfterInputMs && !newCapture);
    if (busy) {
        m_refresh->start(kRetryMs);
        return;
    }
    m_sinceRefresh.restart();
    m_shownSource = m_snapshot->sourceId;
    const QString html = latestHtml();
    m_status->setText(m_snapshot->live ? tr("Live capture, as of %1").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")))
                                       : tr("Capture %1").arg(QFileInfo(m_snapshot->capture.path).fileName()));
    if (html == m_shownHtml)
        return; // same report: the page, its scroll and selection stay as they are
    m_shownHtml = html;
    m_view->setHtml(html);
}

QString ReportPage::latestHtml() const
{
    return m_snapshot ? core::renderReportHtml(*m_snapshot) : QString();
}

bool ReportPage::exportHtml(const QString &path)
{
    if (!m_snapshot) {
        emit exportFinished(false, tr("There is no report yet: open a capture or wait for the first measurements."));
        return false;
    }
    QSaveFile file(path); // written beside it and renamed when whole
    const QByteArray utf8 = latestHtml().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(utf8) != utf8.size() || !file.commit()) {
        const QString message = tr("Could not save the report as %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        m_status->setText(message);
        emit exportFinished(false, message);
        return false;
    }
    const QString message = tr("Report saved as %1").arg(QDir::toNativeSeparators(path));
    m_status->setText(message);
    emit exportFinished(true, message);
    return true;
}

void ReportPage::exportPdf(const QString &path)
{
    if (m_exportingPdf) {
        emit exportFinished(false, tr("A PDF is already being written; wait for it to finish."));
        return;
    }
    if (!m_snapshot) {
        emit exportFinished(false, tr("There is no report yet: open a capture or wait for the first measurements."));
        return;
    }
    m_exportingPdf = true;
    m_pdfPath = path;
    setBusy(true, tr("Writing %1…").arg(QFileInfo(path).fileName()));
    m_pdfTimeout->start(kPdfTimeoutMs);
    auto print = [this, path] { m_view->printToPdf(path, [this, path](const QString &error) { finishPdf(path, error); }); };
    // The PDF holds the latest data, even when the page shown is a few seconds older.
    const QString html = latestHtml();
    if (!m_shownHtml.isEmpty() && html == m_shownHtml && !m_view->isLoading()) {
        print();
        return;
    }
    m_shownHtml = html;
    m_shownSource = m_snapshot->sourceId;
    m_sinceRefresh.restart();
    connect(m_view, &ReportView::loaded, this, print, Qt::SingleShotConnection);
    m_view->setHtml(html);
}

void ReportPage::finishPdf(const QString &path, const QString &error)
{
    if (!m_exportingPdf || path != m_pdfPath)
        return; // an export already given up on
    m_pdfTimeout->stop();
    m_exportingPdf = false;
    m_pdfPath.clear();
    const QString message = error.isEmpty() ? tr("Report saved as %1").arg(QDir::toNativeSeparators(path)) : error;
    setBusy(false, message);
    emit exportFinished(error.isEmpty(), message);
    scheduleRefresh(); // snapshots that came while printing
}

void ReportPage::setBusy(bool busy, const QString &text)
{
    m_busy->setVisible(busy);
    m_exportPdf->setEnabled(!busy);
    m_status->setText(text);
}

void ReportPage::chooseExportHtml()
{
    if (!m_interactive)
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Export report as HTML"), suggestedName(QStringLiteral(".html")),
                                                tr("Web page (*.html)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) && !path.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive))
        path += QStringLiteral(".html");
    exportHtml(path);
}

void ReportPage::chooseExportPdf()
{
    if (!m_interactive)
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Export report as PDF"), suggestedName(QStringLiteral(".pdf")),
                                                tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    exportPdf(path);
}

QString ReportPage::suggestedName(const QString &suffix) const
{
    const QString base = m_snapshot ? QFileInfo(m_snapshot->capture.path).completeBaseName() : QString();
    return QDir::home().filePath(QStringLiteral("pathlens-report%1%2").arg(base.isEmpty() ? QString() : QStringLiteral("-") + base, suffix));
}

void ReportPage::openLink(const QUrl &url)
{
    if (url.path().endsWith(QLatin1String("methodology.md")))
        emit methodRequested(); // the method is built in: Help → How it measures
    else if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("mailto"))
        QDesktopServices::openUrl(url);
}

} // namespace pathlens::views
