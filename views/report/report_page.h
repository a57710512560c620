// SPDX-License-Identifier: GPL-3.0-or-later
// Report page (issue 16): the capture's HTML report as it would be shared, with Export HTML and
// Export PDF. Built from the snapshot shown, refreshed at most every few seconds and never while
// the reader is scrolling or a PDF is being written.
#pragma once

#include "core/pipeline/capture_snapshot.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace pathlens::views {

class EmptyStatePage;
class ReportView;

// GUI thread; owned by the main window, which hands it every snapshot it shows.
class ReportPage : public QWidget {
    Q_OBJECT
public:
    explicit ReportPage(QWidget *parent = nullptr);

    // false (tests, kiosk): no file dialogs; errors only through exportFinished.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    void showSnapshot(const core::SnapshotPtr &snapshot);

    // The report of the latest snapshot to PATH (written whole, then put in place). Synchronous.
    bool exportHtml(const QString &path);
    // The same as an A4 PDF; exportFinished follows (the busy bar shows meanwhile).
    void exportPdf(const QString &path);
    bool isExportingPdf() const { return m_exportingPdf; }
    // The view shows the latest snapshot's report and has finished loading it (screenshots wait
    // for this).
    bool isSettled() const;

    // For tests: the least time between two refreshes, and how long the reader's last scroll,
    // click or key holds them off.
    void setRefreshPacing(int minIntervalMs, int quietAfterInputMs);
    EmptyStatePage *emptyState() const { return m_empty; }
    ReportView *view() const { return m_view; }
    QString shownHtml() const { return m_shownHtml; }
    bool showsContent() const;

public slots:
    void chooseExportHtml(); // asks where, then exports
    void chooseExportPdf();

signals:
    void exportFinished(bool ok, const QString &message);
    void methodRequested(); // the report's "how Pathlens measures" link

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleRefresh();
    void refresh();
    QString latestHtml() const;
    void finishPdf(const QString &path, const QString &error);
    void setBusy(bool busy, const QString &text);
    void openLink(const QUrl &url);
    QString suggestedName(const QString &suffix) const;

    core::SnapshotPtr m_snapshot;
    QString m_shownHtml;
    quint64 m_shownSource = 0;
    QElapsedTimer m_sinceRefresh;
    QTimer *m_refresh;
    QTimer *m_pdfTimeout;
    QStackedWidget *m_stack;
    EmptyStatePage *m_empty;
    ReportView *m_view;
    QLabel *m_note;
    QLabel *m_status;
    QProgressBar *m_busy;
    QPushButton *m_exportHtml;
    QPushButton *m_exportPdf;
    QString m_pdfPath; // the export in progress ("" when none)
    int m_minRefreshMs;
    int m_quietAfterInputMs;
    bool m_exportingPdf = false;
    bool m_interactive = true;
};

} // namespace pathlens::views
