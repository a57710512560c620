// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: navigation between pages, File/View/Help menus, status bar with collectors.
#pragma once

#include "views/shell/about_dialog.h"
#include "core/base/collector_status.h"
#include "core/passive/tcp_rollups.h"
#include "core/active/probe_sample.h"
#include "core/trace/trace_result.h"
#include "views/shell/page_catalog.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMainWindow>

#include <map>

class QListWidget;
class QStackedWidget;
class QLabel;
class QMenu;
class QTimer;
class QProgressDialog;

namespace pathlens::views {

class AppsPage;
class LatencyPage;
class PathPage;
class CaptureLoader;
class CollectorStatusBar;
class OverviewPage;

// Lives on the GUI thread. Shows exactly one capture at a time: the live one being written by the
// app (collectors are wired in by the composition root, never here) or a file opened for offline
// review. All file work runs in CaptureLoader, off the GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        bool kiosk = false;       // full screen, dark, rotating pages, no dialogs
        bool interactive = true;  // false in tests: errors go to the status bar, never a dialog
        VersionList versions;     // for the About box
    };

    explicit MainWindow(Options options, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showLiveCapture(const QString &path);
    void openCapture(const QString &path); // .plcap read-only, or .csv imported to a temp capture
    void saveCaptureAs(const QString &destination);
    void exportCsv(const QString &csvPath);
    void showPage(Page page);

    Page currentPage() const;
    QString currentCapture() const { return m_capturePath; }
    bool isLive() const { return m_live; }
    QWidget *pageWidget(Page page) const;
    CollectorStatusBar *collectorBar() const { return m_collectorBar; }
    OverviewPage *overview() const { return m_overview; }
    AppsPage *apps() const { return m_apps; }
    PathPage *path() const { return m_path; }
    LatencyPage *latency() const { return m_latency; }

public slots:
    void setCollectorStatus(const pathlens::core::CollectorStatus &status);
    // Live picture from the TCP collector (the composition root connects it). Once one arrives,
    // the live view follows it rather than the slower capture re-reads.
    void showLivePicture(const pathlens::core::TcpPicture &picture);
    // A trace just completed by the live trace collector.
    void showLiveTrace(const pathlens::core::TraceResult &trace);
    // Probe samples just measured by the live probe collector.
    void showLiveSamples(const std::vector<pathlens::core::ProbeSample> &samples);

signals:
    void captureShown(const QString &path);
    void captureFailed(const QString &path, const QString &message);
    void jobFinished(bool ok, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildPages();
    void applyKioskMode();
    void onSummary(const QString &path, const QJsonObject &summary);
    void showPicture(const QString &path, const core::TcpPicture &picture);
    void showError(const QString &title, const QString &message);
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void chooseAndOpen();
    void chooseAndSave();
    void chooseAndExport();
    void showMethodology();
    void startJobProgress(const QString &label);

    Options m_options;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    OverviewPage *m_overview = nullptr;
    AppsPage *m_apps = nullptr;
    PathPage *m_path = nullptr;
    LatencyPage *m_latency = nullptr;
    QElapsedTimer m_summaryClock; // how long a live summary takes: the refresh interval adapts to it
    QString m_tracesPath; // the capture whose traces the Path page shows
    QString m_picturePath;     // the capture the pages' picture belongs to
    bool m_livePicture = false; // the live collector feeds the pages
    std::map<Page, QWidget *> m_pages;
    CollectorStatusBar *m_collectorBar = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QTimer *m_refresh = nullptr;
    QTimer *m_rotate = nullptr;
    QProgressDialog *m_progress = nullptr;
    CaptureLoader *m_loader = nullptr;
    QString m_capturePath;
    QString m_livePath;
    bool m_live = false;
};

} // namespace pathlens::views
