// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: navigation between pages, File/View/Help menus, status bar with collectors.
#pragma once

#include "core/base/collector_status.h"
#include "core/interchange/foreign_capture_importer.h"
#include "core/passive/grading_policy.h"
#include "core/pipeline/capture_snapshot.h"
#include "views/load/load_round_status.h"
#include "views/shell/about_dialog.h"
#include "views/shell/page_catalog.h"
#include "views/shell/theme.h"

#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

#include <map>
#include <memory>

class QListWidget;
class QStackedWidget;
class QLabel;
class QAction;
class QMenu;
class QTimer;
class QProgressDialog;

namespace pathlens::core {
class AnalysisService;
}

namespace pathlens::views {

class AppsPage;
class CapacityPage;
class FleetPage;
class MeshPage;
class LatencyPage;
class LoadPage;
class PathPage;
class WifiPage;
class AlignedTimelinePage;
class CaptureLoader;
class CollectorStatusBar;
class KioskBoard;
class OverviewPage;
class ReportPage;
class RelatedCapturesBanner;
class TrayController;

// Lives on the GUI thread. Shows exactly one capture at a time: the live one being written by the
// app or a file opened for offline review. Either way the pages only apply snapshots of an
// AnalysisService (the live one is handed in by the composition root, which alone knows the
// collectors); a snapshot from any other source than the one shown is dropped. File jobs (CSV
// import, save, export) run in CaptureLoader, off the GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        bool kiosk = false;       // full screen, dark, rotating pages, no dialogs
        bool interactive = true;  // false in tests: errors go to the status bar, never a dialog
        VersionList versions;     // for the About box
        // Packet captures (pcap, pcapng) opened by importing them first: handed in by the
        // composition root, which alone links the reader. None: such files are not offered.
        std::shared_ptr<const core::ForeignCaptureImporter> importer;
        QString importDir; // where imported captures go (empty: the cache folder's "imported")
    };

    explicit MainWindow(Options options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The live capture's analysis (owned by the caller, outliving the window). Shown at once.
    void attachLiveAnalysis(core::AnalysisService *live);
    // The live capture went on in another file (a daily capture rolled over at midnight UTC): the
    // live label, Save capture as and Export CSV follow it. The analysis carries on unchanged.
    void setLiveCapturePath(const QString &path);
    void showLive();
    // .plcap read-only; .csv imported to a temp capture; a pcap/pcapng (by its first bytes or its
    // name) imported into importDir, then opened like any saved capture (what is shown stays until
    // that import succeeds). File → Open, drag and drop and the command line all come here.
    void openCapture(const QString &path);
    // The combined analysis of related captures (the Related captures banner's action): one merged
    // timeline and one overall rating; the first path names what is shown.
    void analyseCombined(const QStringList &paths);
    RelatedCapturesBanner *relatedBanner() const { return m_related; }
    void saveCaptureAs(const QString &destination);
    void exportCsv(const QString &csvPath);
    void showPage(Page page);

    Page currentPage() const;
    QString currentCapture() const { return m_capturePath; }
    core::SnapshotPtr shownSnapshot() const { return m_shown; }
    const core::GradingPolicy &policy() const { return m_policy; }
    void setPolicy(const core::GradingPolicy &policy); // saves it and regrades what is shown
    bool isLive() const { return m_live; }
    QWidget *pageWidget(Page page) const;
    CollectorStatusBar *collectorBar() const { return m_collectorBar; }
    OverviewPage *overview() const { return m_overview; }
    AppsPage *apps() const { return m_apps; }
    PathPage *path() const { return m_path; }
    CapacityPage *capacity() const { return m_capacity; }
    LoadPage *underLoad() const { return m_load; }
    LatencyPage *latency() const { return m_latency; }
    MeshPage *mesh() const { return m_mesh; }
    FleetPage *fleet() const { return m_fleet; }
    WifiPage *wifi() const { return m_wifi; }
    AlignedTimelinePage *timeline() const { return m_timeline; }
    ReportPage *report() const { return m_report; }
    KioskBoard *kioskBoard() const { return m_kiosk; } // kiosk mode only (null otherwise)

    // Throughput tests as the composition root configured them (none by default: Test now stays
    // off and the Under load page says how to get a server).
    void setLoadTesting(const LoadTestingSetup &setup);
    QAction *testNowAction() const { return m_testNow; }

    // The system tray, when the desktop has one: closing the window then hides it instead of
    // quitting, if the user chose that in Preferences.
    void setTray(TrayController *tray);
    // Shown, raised and focused (the tray's Open, another launch of the app).
    void raiseWindow();
    // Quits whatever the close preference (File → Quit, the tray's Quit).
    void requestQuit();

public slots:
    void setCollectorStatus(const pathlens::core::CollectorStatus &status);
    // The live throughput collector's progress (round, phase, fraction); live state, not in the capture.
    void setLoadProgress(const pathlens::core::LoadProgress &progress);
    // Applies a snapshot if it belongs to the capture shown (else drops it: a stale source).
    void applySnapshot(const pathlens::core::SnapshotPtr &snapshot);

signals:
    void captureShown(const QString &path);
    void captureFailed(const QString &path, const QString &message);
    void importCancelled(const QString &source); // a pcap import stopped by Cancel; nothing changed
    void jobFinished(bool ok, const QString &message);
    // Test now (button, Measure menu, Ctrl+T): the composition root queues it to the collector.
    void throughputTestRequested();
    // Preferences → Colours changed (saved already): the application's theme follows.
    void schemeChoiceChanged(pathlens::views::SchemeChoice choice);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildPages();
    void applyKioskMode();
    void showOnWholeScreen(); // kiosk: the whole screen, with or without a window manager
    void showSource(core::AnalysisService *source);
    void retireFileAnalysis();
    void analyseFile(const QString &capturePath, const QStringList &combined = {});
    void openSaved(const QString &path);
    bool isForeignCapture(const QString &path) const;
    void importForeign(const QString &source);
    QString importTarget(const QString &source) const;
    void foreignImported(const QString &source, const QString &capturePath, const core::ForeignImportResult &result);
    void foreignImportEnded();
    void openFailed(const QString &path, const QString &message);
    void showPreferences();
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
    CapacityPage *m_capacity = nullptr;
    LoadPage *m_load = nullptr;
    QAction *m_testNow = nullptr;
    LatencyPage *m_latency = nullptr;
    MeshPage *m_mesh = nullptr;
    FleetPage *m_fleet = nullptr;
    WifiPage *m_wifi = nullptr;
    AlignedTimelinePage *m_timeline = nullptr;
    ReportPage *m_report = nullptr;
    core::GradingPolicy m_policy;
    QPointer<core::AnalysisService> m_liveAnalysis; // owned by the composition root
    core::AnalysisService *m_fileAnalysis = nullptr; // owned here; retired when another capture is shown
    std::vector<QPointer<core::AnalysisService>> m_retiring; // retired, their threads still ending
    quint64 m_shownSource = 0;                       // source id whose snapshots the pages apply
    quint64 m_appliedSource = 0;                     // source id of the last snapshot applied
    core::SnapshotPtr m_shown;
    std::map<Page, QWidget *> m_pages;
    CollectorStatusBar *m_collectorBar = nullptr;
    RelatedCapturesBanner *m_related = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QTimer *m_rotate = nullptr;
    KioskBoard *m_kiosk = nullptr;    // kiosk mode: the wall screen shown instead of the pages
    QWidget *m_pagesArea = nullptr;   // navigation and pages (hidden in kiosk mode)
    QProgressDialog *m_progress = nullptr;
    QProgressDialog *m_importProgress = nullptr; // a pcap import's; its Cancel leaves the view as it was
    QString m_importing;                         // the pcap being imported ("" none)
    QString m_importedFrom;                      // the pcap the capture shown was imported from
    CaptureLoader *m_loader = nullptr;
    QString m_capturePath;
    QString m_livePath;
    bool m_live = false;
    QPointer<TrayController> m_tray;
    bool m_quitting = false;
};

} // namespace pathlens::views
