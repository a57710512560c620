// SPDX-License-Identifier: GPL-3.0-or-later
// Main window wiring: menus, shortcuts, pages, status bar, recent files, kiosk rotation.
#include "views/shell/main_window.h"

#include "views/passive/apps_page.h"
#include "views/shell/capture_loader.h"
#include "views/shell/collector_status_bar.h"
#include "views/shell/empty_state_page.h"
#include "views/kiosk/kiosk_board.h"
#include "views/active/latency_page.h"
#include "views/fleet/fleet_page.h"
#include "views/load/load_page.h"
#include "views/mesh/mesh_page.h"
#include "views/shell/methodology_dialog.h"
#include "views/shell/preferences_dialog.h"
#include "views/shell/views_dump.h"

#include "core/pipeline/analysis_service.h"
#include "views/passive/overview_page.h"
#include "views/shell/related_captures_banner.h"
#include "views/report/report_page.h"
#include "views/trace/path_page.h"
#include "views/trains/capacity_page.h"
#include "views/timeline/aligned_timeline_page.h"
#include "views/wifi/wifi_page.h"
#include "views/shell/theme.h"
#include "views/shell/tray_controller.h"

#include "core/base/logging.h"

#include <spdlog/spdlog.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUuid>

namespace pathlens::views {

namespace {
constexpr int kKioskRotateMs = 20000;  // kiosk: each dashboard stays 20 s, long enough to read
constexpr int kMaxRecent = 8;
const char *const kRecentKey = "recentCaptures";
} // namespace

MainWindow::MainWindow(Options options, QWidget *parent)
    : QMainWindow(parent), m_options(std::move(options)), m_loader(new CaptureLoader(this))
{
    QSettings policySettings;
    m_policy = core::GradingPolicy::fromSettings(policySettings);
    setWindowTitle(QStringLiteral("Pathlens"));
    setWindowIcon(QIcon(QStringLiteral(":/pathlens/resources/icons/pathlens.svg")));
    setMinimumSize(900, 560); // fits a 1366×768 screen with taskbar and title bar
    buildPages();
    buildMenus();

    m_sourceLabel = new QLabel(this);
    m_sourceLabel->setObjectName(QStringLiteral("captureSource"));
    // On a narrow window (1366 px at 200 %: 683 px) the capture's path gives way, never the collectors' chips.
    m_sourceLabel->setMinimumWidth(80);
    m_collectorBar = new CollectorStatusBar(this);
    statusBar()->addWidget(m_sourceLabel, 1);
    statusBar()->addPermanentWidget(m_collectorBar);

    connect(m_loader, &CaptureLoader::imported, this, [this](const QString &capturePath) {
        if (capturePath == m_capturePath)
            analyseFile(capturePath);
    });
    connect(m_loader, &CaptureLoader::loadFailed, this, &MainWindow::openFailed);
    connect(m_loader, &CaptureLoader::foreignImported, this, &MainWindow::foreignImported);
    connect(m_loader, &CaptureLoader::foreignImportFailed, this, [this](const QString &source, const QString &message) {
        foreignImportEnded();
        // Nothing was replaced: the capture shown before stays, with its label.
        showError(tr("Cannot import packet capture"), message);
        emit captureFailed(source, message);
    });
    connect(m_loader, &CaptureLoader::foreignImportCancelled, this, [this](const QString &source) {
        foreignImportEnded();
        statusBar()->showMessage(tr("Import of %1 cancelled; nothing was kept").arg(QFileInfo(source).fileName()), 8000);
        emit importCancelled(source);
    });
    connect(m_loader, &CaptureLoader::progressAmount, this, [this](qint64 done, qint64 total) {
        if (!m_importProgress || total <= 0)
            return;
        // Bytes of the file read, as the bar shows them in words (a pcap's packet count is not known ahead).
        const QLocale locale;
        const QString amount = tr("%1 of %2 read").arg(locale.formattedDataSize(done), locale.formattedDataSize(total));
        m_importProgress->setLabelText(m_importProgress->property("baseLabel").toString() + QLatin1Char('\n') + amount);
        m_importProgress->setValue(int(std::min<qint64>(100, done * 100 / total)));
    });
    connect(m_loader, &CaptureLoader::progress, this, [this](int pct) {
        if (m_progress)
            m_progress->setValue(pct);
    });
    connect(m_loader, &CaptureLoader::jobFinished, this, [this](bool ok, const QString &message) {
        if (m_progress) {
            m_progress->deleteLater();
            m_progress = nullptr;
        }
        if (ok)
            statusBar()->showMessage(message, 8000);
        else
            showError(tr("Pathlens"), message);
        emit jobFinished(ok, message);
    });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First start: 85 % of the screen, so 1366×768 laptops and 1440p desktops both fit.
        if (const QScreen *screen = QGuiApplication::primaryScreen()) {
            const QRect avail = screen->availableGeometry();
            resize(std::max(minimumWidth(), int(avail.width() * 0.85)), std::max(minimumHeight(), int(avail.height() * 0.85)));
        }
    }
    if (m_options.kiosk)
        applyKioskMode();
    setAcceptDrops(!m_options.kiosk); // a capture dropped on the window opens like File → Open
}

MainWindow::~MainWindow()
{
    // Shutdown may wait: the analysis thread must end before the application object does (a replay
    // in progress is cancelled at its next progress report).
    delete std::exchange(m_fileAnalysis, nullptr);
    for (const QPointer<core::AnalysisService> &retired : m_retiring)
        if (retired)
            retired->waitForRetirement();
}

void MainWindow::buildPages()
{
    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setMinimumWidth(110);
    m_stack = new QStackedWidget(this);
    for (Page page : kAllPages) {
        const PageInfo &info = pageInfo(page);
        QWidget *widget = nullptr;
        if (page == Page::Overview)
            widget = m_overview = new OverviewPage(this);
        else if (page == Page::Apps)
            widget = m_apps = new AppsPage(this);
        else if (page == Page::Path)
            widget = m_path = new PathPage(this);
        else if (page == Page::Capacity)
            widget = m_capacity = new CapacityPage(this);
        else if (page == Page::Load)
            widget = m_load = new LoadPage(this);
        else if (page == Page::Latency)
            widget = m_latency = new LatencyPage(this);
        else if (page == Page::Mesh)
            widget = m_mesh = new MeshPage(this);
        else if (page == Page::Fleet)
            widget = m_fleet = new FleetPage(this);
        else if (page == Page::WiFi)
            widget = m_wifi = new WifiPage(this);
        else if (page == Page::Timeline)
            widget = m_timeline = new AlignedTimelinePage(this);
        else if (page == Page::Report)
            widget = m_report = new ReportPage(this);
        else
            widget = new EmptyStatePage(info, this);
        m_pages[page] = widget;
        m_stack->addWidget(widget);
        auto *item = new QListWidgetItem(info.title, m_nav);
        item->setToolTip(info.headline);
    }
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_nav->setCurrentRow(0);
    connect(m_load, &LoadPage::testNowRequested, this, &MainWindow::throughputTestRequested);
    m_report->setInteractive(m_options.interactive && !m_options.kiosk);
    connect(m_report, &ReportPage::methodRequested, this, &MainWindow::showMethodology);
    connect(m_report, &ReportPage::exportFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(message, 8000);
        else
            showError(tr("Cannot export the report"), message);
    });

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_nav);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setSizes({150, 1200}); // the navigation keeps its width; the page takes the rest
    // Related captures (pathlens-agent link) above the pages; hidden unless the capture has some.
    m_related = new RelatedCapturesBanner(this);
    connect(m_related, &RelatedCapturesBanner::openRequested, this, &MainWindow::openCapture);
    connect(m_related, &RelatedCapturesBanner::combinedRequested, this, &MainWindow::analyseCombined);
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_related);
    column->addWidget(splitter, 1);
    m_pagesArea = splitter;
    setCentralWidget(central);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open capture…"), this, &MainWindow::chooseAndOpen);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(m_options.importer ? tr("Review a saved capture (.plcap), a packet capture (pcap, pcapng) or a CSV")
                                        : tr("Review a saved capture (.plcap) or import a CSV"));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    QAction *live = file->addAction(tr("Back to &live"), this, &MainWindow::showLive);
    live->setToolTip(tr("Show the capture this window is recording"));
    live->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    file->addSeparator();
    QAction *save = file->addAction(tr("&Save capture as…"), this, &MainWindow::chooseAndSave);
    save->setShortcut(QKeySequence::SaveAs);
    QAction *exportAction = file->addAction(tr("&Export CSV…"), this, &MainWindow::chooseAndExport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    // The report's exports go through its page, which shows their progress.
    QAction *reportHtml = file->addAction(tr("Export report as &HTML…"), this, [this] {
        showPage(Page::Report);
        m_report->chooseExportHtml();
    });
    reportHtml->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    reportHtml->setToolTip(tr("The capture's report as one self-contained web page"));
    QAction *reportPdf = file->addAction(tr("Export report as P&DF…"), this, [this] {
        showPage(Page::Report);
        m_report->chooseExportPdf();
    });
    reportPdf->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P)); // nothing is printed otherwise: the PDF is the print
    reportPdf->setToolTip(tr("The capture's report as an A4 PDF"));
    file->addSeparator();
    QAction *prefs = file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    prefs->setShortcut(QKeySequence::Preferences);
    prefs->setMenuRole(QAction::PreferencesRole);
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::requestQuit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (Page page : kAllPages) {
        QAction *a = view->addAction(pageInfo(page).title, this, [this, page] { showPage(page); });
        a->setShortcut(pageShortcut(page));
    }
    view->addSeparator();
    QAction *full = view->addAction(tr("&Full screen"), this, [this] { isFullScreen() ? showNormal() : showFullScreen(); });
    full->setShortcut(QKeySequence::FullScreen);

    QMenu *measure = menuBar()->addMenu(tr("&Measure"));
    m_testNow = measure->addAction(tr("Run a &throughput test now"), this, [this] {
        showPage(Page::Load); // where its progress and results show
        m_load->requestTest();
    });
    m_testNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T)); // no other action uses it; its usual meaning (new tab) has none here
    m_testNow->setEnabled(m_load->canTestNow());
    m_testNow->setToolTip(tr("A download and an upload test against the configured throughput server; the schedule goes on"));
    connect(m_load, &LoadPage::canTestNowChanged, m_testNow, &QAction::setEnabled);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *method = help->addAction(tr("&How it measures"), this, &MainWindow::showMethodology);
    method->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Pathlens"), this, [this] {
        if (!m_options.kiosk)
            AboutDialog(m_options.versions, this).exec();
    });
}

void MainWindow::applyKioskMode()
{
    applyDarkTheme(*qApp, 1.5); // large type for a screen read from across a room
    menuBar()->hide();
    statusBar()->hide(); // its chips and messages are desktop-sized: the board's fault line says it all
    // The wall screen replaces the navigation and pages (they stay, hidden, for dumps and tests).
    m_pagesArea->hide();
    m_related->hide();
    m_kiosk = new KioskBoard(this);
    centralWidget()->layout()->addWidget(m_kiosk);
    static_cast<QVBoxLayout *>(centralWidget()->layout())->setStretchFactor(m_kiosk, 1);
    m_rotate = new QTimer(this);
    connect(m_rotate, &QTimer::timeout, m_kiosk, &KioskBoard::showNext);
    m_rotate->start(kKioskRotateMs);
    showOnWholeScreen();
}

void MainWindow::showOnWholeScreen()
{
    // Full screen is a request to the window manager; a wall screen often runs a bare X session
    // without one, where the window kept its default size (85 % of the screen): take the screen's
    // whole area as well.
    if (const QScreen *s = screen()) // the primary screen until the window is placed
        setGeometry(s->geometry());
    showFullScreen();
}

void MainWindow::attachLiveAnalysis(core::AnalysisService *live)
{
    m_liveAnalysis = live;
    m_livePath = live->capturePath();
    connect(live, &core::AnalysisService::snapshotReady, this, &MainWindow::applySnapshot);
    live->setPolicy(m_policy);
    showLive();
}

void MainWindow::setLiveCapturePath(const QString &path)
{
    m_livePath = path;
    if (m_live) {
        m_capturePath = path;
        m_sourceLabel->setText(tr("Live · %1").arg(QDir::toNativeSeparators(path)));
    }
}

void MainWindow::showLive()
{
    if (!m_liveAnalysis)
        return;
    retireFileAnalysis();
    m_live = true;
    m_capturePath = m_livePath;
    m_sourceLabel->setText(tr("Live · %1").arg(QDir::toNativeSeparators(m_livePath)));
    m_load->setLive(true, true);
    showSource(m_liveAnalysis);
}

void MainWindow::showSource(core::AnalysisService *source)
{
    m_shownSource = source->sourceId();
    // The live analysis never stopped: what it has now shows at once (Back to live forgets nothing).
    if (core::SnapshotPtr latest = source->latest())
        applySnapshot(latest);
}

void MainWindow::retireFileAnalysis()
{
    if (m_fileAnalysis) {
        std::erase_if(m_retiring, [](const QPointer<core::AnalysisService> &s) { return s.isNull(); });
        m_retiring.emplace_back(m_fileAnalysis);
        m_fileAnalysis->retire(); // cancels a replay; deletes itself when its thread has stopped
        m_fileAnalysis = nullptr;
    }
}

void MainWindow::openFailed(const QString &path, const QString &message)
{
    retireFileAnalysis();
    showError(tr("Cannot open capture"), message);
    emit captureFailed(path, message);
    // Back to what was shown before: the live capture when there is one, else the empty pages.
    if (m_liveAnalysis)
        showLive();
    else
        m_sourceLabel->setText(tr("Could not open %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::applySnapshot(const core::SnapshotPtr &snapshot)
{
    if (!snapshot || snapshot->sourceId != m_shownSource)
        return; // from a capture no longer shown, or from an older run of it
    if (m_shown && m_shown->sourceId == snapshot->sourceId && m_shown->sequence >= snapshot->sequence)
        return; // already shown, or an older snapshot overtaken by a newer one
    const bool newCapture = snapshot->sourceId != m_appliedSource;
    m_appliedSource = snapshot->sourceId;
    m_shown = snapshot;
    m_overview->showSnapshot(*snapshot);
    m_apps->setPolicy(snapshot->policy);
    m_apps->showPicture(snapshot->passive, newCapture);
    m_latency->showSnapshot(*snapshot, newCapture);
    m_path->showTraces(snapshot->traces, snapshot->routeChanges);
    m_capacity->showCapacity(snapshot->capacity, newCapture);
    m_load->showLoad(snapshot->load, newCapture);
    m_mesh->showSnapshot(*snapshot);
    m_fleet->showFleet(snapshot->fleet, newCapture);
    m_wifi->showWifi(snapshot->wifi, newCapture);
    m_timeline->showSnapshot(*snapshot);
    m_report->showSnapshot(snapshot);
    m_related->showCapture(snapshot->capture.path, snapshot->capture.meta, snapshot->live);
    if (m_kiosk) {
        m_kiosk->showSnapshot(snapshot);
        m_related->hide(); // it shows itself for related captures; the wall screen has no room for it
    }
    if (!snapshot->live && m_importedFrom.isEmpty())
        m_sourceLabel->setText(tr("Offline · %1").arg(QDir::toNativeSeparators(snapshot->capture.path)));
    else if (!snapshot->live)
        m_sourceLabel->setText(tr("Offline · %1, imported from %2")
                                   .arg(QDir::toNativeSeparators(snapshot->capture.path), QDir::toNativeSeparators(m_importedFrom)));
    if (!snapshot->live && m_related->combinedCount() > 1)
        m_sourceLabel->setText(tr("Offline · combined analysis of %1 captures, from %2")
                                   .arg(m_related->combinedCount())
                                   .arg(QDir::toNativeSeparators(snapshot->capture.path)));
    emit captureShown(snapshot->capture.path);
}

void MainWindow::setPolicy(const core::GradingPolicy &policy)
{
    m_policy = policy;
    QSettings settings;
    policy.save(settings);
    if (m_liveAnalysis)
        m_liveAnalysis->setPolicy(policy);
    if (m_fileAnalysis)
        m_fileAnalysis->setPolicy(policy);
}

void MainWindow::openCapture(const QString &given)
{
    const QString path = QFileInfo(given).absoluteFilePath();
    if (!m_importing.isEmpty()) {
        // One import at a time (the loader has one cancel flag); its dialog says how to stop it.
        statusBar()->showMessage(tr("Still importing %1: cancel it first").arg(QFileInfo(m_importing).fileName()), 8000);
        return;
    }
    addRecent(path);
    if (isForeignCapture(path)) {
        importForeign(path);
        return;
    }
    retireFileAnalysis();
    m_live = false;
    m_load->setLive(false, !m_liveAnalysis.isNull());
    m_importedFrom.clear();
    m_capturePath = path;
    m_shownSource = 0; // nothing applies until the new capture's first snapshot
    m_sourceLabel->setText(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        // CSV: import into a private capture, then review that (the CSV itself is never modified).
        const QString temp = QStandardPaths::writableLocation(QStandardPaths::TempLocation) +
                             QStringLiteral("/pathlens-import-%1.plcap").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
        m_capturePath = temp;
        startJobProgress(tr("Importing %1…").arg(QFileInfo(path).fileName()));
        m_loader->importCsv(path, temp);
    } else {
        analyseFile(path);
    }
}

void MainWindow::openSaved(const QString &path)
{
    retireFileAnalysis();
    m_live = false;
    m_load->setLive(false, !m_liveAnalysis.isNull());
    m_capturePath = path;
    m_shownSource = 0;
    m_sourceLabel->setText(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    analyseFile(path);
}

bool MainWindow::isForeignCapture(const QString &path) const
{
    if (!m_options.importer)
        return false;
    if (m_options.importer->recognises(path)) // the first bytes decide, whatever the name
        return true;
    // Named like one but not one: the import says why, which beats the capture reader's complaint.
    const QString name = QFileInfo(path).fileName();
    for (const QString &pattern : m_options.importer->filePatterns())
        if (name.endsWith(pattern.mid(1), Qt::CaseInsensitive))
            return true;
    return false;
}

QString MainWindow::importTarget(const QString &source) const
{
    QString dir = m_options.importDir;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/imported");
    QDir().mkpath(dir);
    // Named after the pcap; an earlier import of it (or of a namesake) is kept, not replaced.
    const QString base = QFileInfo(source).completeBaseName();
    QString target = QDir(dir).filePath(base + QStringLiteral(".plcap"));
    for (int n = 2; QFileInfo::exists(target) || QFileInfo::exists(target + QStringLiteral(".part")); ++n)
        target = QDir(dir).filePath(QStringLiteral("%1-%2.plcap").arg(base).arg(n));
    return target;
}

void MainWindow::importForeign(const QString &source)
{
    m_importing = source;
    const QString companion = m_options.importer->companionFile(source);
    QString label = tr("Importing %1…").arg(QFileInfo(source).fileName());
    if (!companion.isEmpty())
        label += QLatin1Char('\n') + tr("App names from %1").arg(QFileInfo(companion).fileName());
    if (!m_options.kiosk) {
        // Shown even in tests (non-interactive): a progress dialog waits for nobody.
        m_importProgress = new QProgressDialog(label, tr("Cancel"), 0, 100, this);
        m_importProgress->setObjectName(QStringLiteral("importProgress"));
        m_importProgress->setProperty("baseLabel", label);
        m_importProgress->setWindowTitle(tr("Import packet capture"));
        // Not modal: the capture shown stays usable while a long file imports (and setValue() of
        // a modal dialog would run the event loop inside a progress report).
        m_importProgress->setWindowModality(Qt::NonModal);
        m_importProgress->setAutoReset(false); // at 100 % the capture is still being written; Cancel still hides it
        m_importProgress->setMinimumDuration(500); // only long imports show it
        m_importProgress->setValue(0);
        connect(m_importProgress, &QProgressDialog::canceled, m_loader, &CaptureLoader::cancel);
    }
    m_loader->importForeign(m_options.importer, source, importTarget(source), m_policy);
}

void MainWindow::foreignImportEnded()
{
    m_importing.clear();
    if (m_importProgress) {
        m_importProgress->deleteLater();
        m_importProgress = nullptr;
    }
}

void MainWindow::foreignImported(const QString &source, const QString &capturePath, const core::ForeignImportResult &result)
{
    foreignImportEnded();
    // From here on it is a saved capture like any other: the same analysis and pages.
    openSaved(capturePath);
    m_importedFrom = source;
    statusBar()->showMessage(result.message, 15000);
    if (!result.warning.isEmpty())
        showError(tr("Packet capture cut short"), result.warning);
}

void MainWindow::analyseCombined(const QStringList &paths)
{
    if (paths.size() < 2)
        return;
    retireFileAnalysis();
    m_live = false;
    m_load->setLive(false, !m_liveAnalysis.isNull());
    m_capturePath = paths.first();
    m_shownSource = 0;
    m_sourceLabel->setText(tr("Combining %1 captures…").arg(paths.size()));
    analyseFile(paths.first(), paths);
}

void MainWindow::analyseFile(const QString &capturePath, const QStringList &combined)
{
    retireFileAnalysis();
    m_fileAnalysis = new core::AnalysisService(core::AnalysisService::Source::File, capturePath, m_policy, this);
    connect(m_fileAnalysis, &core::AnalysisService::snapshotReady, this, &MainWindow::applySnapshot);
    connect(m_fileAnalysis, &core::AnalysisService::failed, this,
            [this, capturePath](const QString &message) { openFailed(capturePath, message); });
    connect(m_fileAnalysis, &core::AnalysisService::progress, this, [this, capturePath](int pct) {
        m_sourceLabel->setText(tr("Opening %1… %2%").arg(QDir::toNativeSeparators(capturePath)).arg(pct));
    });
    m_shownSource = m_fileAnalysis->sourceId();
    if (combined.size() > 1)
        m_fileAnalysis->openFiles(combined); // one analysis of them all, replayed in time order
    else
        m_fileAnalysis->openFile();
}

void MainWindow::saveCaptureAs(const QString &destination)
{
    startJobProgress(tr("Saving a copy…"));
    m_loader->saveCopy(m_capturePath, destination);
}

void MainWindow::exportCsv(const QString &csvPath)
{
    startJobProgress(tr("Exporting CSV…"));
    m_loader->exportCsv(m_capturePath, csvPath);
}

void MainWindow::startJobProgress(const QString &label)
{
    if (!m_options.interactive || m_options.kiosk)
        return;
    m_progress = new QProgressDialog(label, tr("Cancel"), 0, 100, this);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(500); // only long jobs show a dialog
    connect(m_progress, &QProgressDialog::canceled, m_loader, &CaptureLoader::cancel);
}

void MainWindow::showPage(Page page)
{
    if (m_kiosk) { // --page in kiosk mode: the dashboard of that page, where there is one
        for (int d = 0; d < KioskBoard::kDashboards; ++d)
            if (kioskDashboardPage(KioskBoard::Dashboard(d)) == page)
                m_kiosk->showDashboard(KioskBoard::Dashboard(d));
    }
    m_nav->setCurrentRow(int(page));
}

Page MainWindow::currentPage() const
{
    return Page(m_stack->currentIndex());
}

QWidget *MainWindow::pageWidget(Page page) const
{
    return m_pages.at(page);
}

void MainWindow::setCollectorStatus(const core::CollectorStatus &status)
{
    m_collectorBar->setStatus(status);
    if (m_kiosk)
        m_kiosk->setCollectorStatus(status);
}

void MainWindow::setLoadTesting(const LoadTestingSetup &setup)
{
    m_load->setSetup(setup);
}

void MainWindow::setLoadProgress(const core::LoadProgress &progress)
{
    m_load->setProgress(progress);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    if (m_kiosk) { // never a dialog on a wall screen: the fault line says it, in large type
        m_kiosk->showNotice(tr("%1: %2").arg(title, message));
        return;
    }
    statusBar()->showMessage(message, 15000);
    if (m_options.interactive && !m_options.kiosk)
        QMessageBox::warning(this, title, message);
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentKey)).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QLatin1String(kRecentKey), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openCapture(path); })->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::chooseAndOpen()
{
    if (m_options.kiosk) // file dialogs too wait for a person
        return;
    QString filter = tr("Captures (*.plcap *.csv);;Pathlens captures (*.plcap);;CSV (*.csv);;All files (*)");
    if (m_options.importer) {
        const QString patterns = m_options.importer->filePatterns().join(QLatin1Char(' '));
        filter = tr("Captures (*.plcap *.csv %1);;Pathlens captures (*.plcap);;Packet captures (%1);;CSV (*.csv);;All files (*)")
                     .arg(patterns);
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Open capture"), QString(),
                                                      filter);
    if (!path.isEmpty())
        openCapture(path);
}

void MainWindow::chooseAndSave()
{
    if (m_options.kiosk) // file dialogs too wait for a person
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save capture as"), QString(), tr("Pathlens captures (*.plcap)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".plcap")))
        path += QStringLiteral(".plcap");
    saveCaptureAs(path);
}

void MainWindow::chooseAndExport()
{
    if (m_options.kiosk) // file dialogs too wait for a person
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QString(), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".csv")))
        path += QStringLiteral(".csv");
    exportCsv(path);
}

void MainWindow::showPreferences()
{
    if (m_options.kiosk) // dialogs wait for a person; a wall screen has none at hand
        return;
    PreferencesDialog dialog(m_policy, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    setPolicy(dialog.policy());
    TrayController::setKeepRunningSetting(dialog.keepRunningInTray());
    dialog.liveCaptures().save(); // read at the next start
    if (dialog.schemeChoice() != schemeChoice()) {
        saveSchemeChoice(dialog.schemeChoice());
        emit schemeChoiceChanged(dialog.schemeChoice());
    }
}

void MainWindow::showMethodology()
{
    if (m_options.kiosk)
        return;
    MethodologyDialog(this).exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    const QString path = urls.front().toLocalFile();
    // Opened after the drop has returned: the drag source is not kept waiting by an import's set-up.
    QTimer::singleShot(0, this, [this, path] { openCapture(path); });
}

void MainWindow::setTray(TrayController *tray)
{
    m_tray = tray;
}

void MainWindow::raiseWindow()
{
    QApplication::setQuitOnLastWindowClosed(true);
    if (m_options.kiosk)
        showOnWholeScreen();
    else if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::requestQuit()
{
    m_quitting = true;
    close();
    QApplication::quit(); // also when the window was hidden in the tray
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (!m_quitting && m_tray && m_tray->inTray() && TrayController::keepRunningSetting()) {
        // Keep measuring in the tray; a dialog closed later must not count as the last window.
        QApplication::setQuitOnLastWindowClosed(false);
        hide();
        event->ignore();
        return;
    }
    event->accept();
}

} // namespace pathlens::views
