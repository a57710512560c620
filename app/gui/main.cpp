// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens GUI: the composition root, the only place where collectors meet views.
#include "collectors/fleet/fleet_collector.h"
#include "collectors/host/collector_host.h"
#include "collectors/load/speed_collector.h"
#include "collectors/os/link_monitor.h"
#include "collectors/os/system_info.h"
#include "collectors/pcap/pcap_capture_importer.h"
#include "collectors/probes/probe_collector.h"
#include "collectors/tcp/tcp_collector.h"
#include "collectors/trace/trace_collector.h"
#include "collectors/trains/trains_collector.h"
#include "collectors/wifi/wifi_collector.h"
#include "core/store/capture_writer.h"
#include "core/base/logging.h"
#include "core/active/probe_targets.h"
#include "core/fleet/fleet_bus_codec.h"
#include "core/pipeline/analysis_service.h"
#include "gui_options.h"
#include "single_instance.h"
#include "pathlens/version.h"
#include "views/report/report_page.h"
#include "core/store/capture_rollover.h"
#include "views/shell/main_window.h"
#include "views/shell/theme.h"
#include "views/shell/tray_controller.h"
#include "views/shell/ui_translations.h"
#include "views/shell/views_dump.h"

#include <QApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QScreen>
#include <QSysInfo>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <cstdio>

using namespace pathlens;

namespace {

std::optional<views::Page> pageByName(const QString &name)
{
    // By id ("load"), or by title without spaces and hyphens ("underload", "wifi").
    const QString wanted = QString(name).remove(QLatin1Char('-')).remove(QLatin1Char(' '));
    for (views::Page page : views::kAllPages)
        if (views::pageInfo(page).id == wanted ||
            views::pageInfo(page).title.toLower().remove(QLatin1Char('-')).remove(QLatin1Char(' ')) == wanted)
            return page;
    return std::nullopt;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pathlens"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pathlens"));
    QApplication::setOrganizationName(QStringLiteral("pathlens"));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.pathlens.Pathlens")); // icon and grouping on Wayland

    auto parsed = gui::parseGuiOptions(app);
    if (std::holds_alternative<int>(parsed))
        return std::get<int>(parsed);
    const gui::GuiOptions options = std::get<gui::GuiOptions>(parsed);
    core::initLogging({options.logLevel, core::defaultLogPath(QStringLiteral("pathlens")), true});
    auto log = core::logger("ui");
    // Before the first widget: every tr() from here on speaks the chosen language.
    const QLocale uiLocale = views::uiLocale(options.language);
    const bool translated = views::installUiTranslations(app, uiLocale);
    log->info("GUI language {} ({})", uiLocale.name().toStdString(), translated ? "translated" : "English");

    // Screenshots and view dumps are automation: several may run at once, none asks anything.
    const bool automation = !options.screenshot.isEmpty() || !options.dumpViews.isEmpty();
    // One instance per user: a second launch hands its file to the first, which comes to the front.
    gui::SingleInstance instance;
    if (!automation && qEnvironmentVariable("PATHLENS_MULTI_INSTANCE") != QLatin1String("1")) {
        const QString file = options.file.isEmpty() ? QString() : QFileInfo(options.file).absoluteFilePath();
        if (gui::SingleInstance::handOff(file)) {
            log->info("Pathlens is already running: handed over to it");
            fprintf(stderr, "pathlens: already running; %s\n",
                    file.isEmpty() ? "brought its window to the front" : "the file opens there");
            core::shutdownLogging();
            return 0;
        }
        instance.listen();
    }

    // Light or dark as the desktop is (kiosk mode has its own dark theme).
    if (!options.kiosk)
        new views::DesktopTheme(app);

    views::MainWindow::Options windowOptions;
    windowOptions.kiosk = options.kiosk;
    windowOptions.interactive = !automation; // an error dialog would wait for nobody
    windowOptions.versions = collect::libraryVersions();
    windowOptions.importer = std::make_shared<collect::PcapCaptureImporter>(); // pcap/pcapng open by import
    windowOptions.importDir = QDir(options.captureDir).filePath(QStringLiteral("imported"));
    views::MainWindow window(windowOptions);
    QObject::connect(&window, &views::MainWindow::schemeChoiceChanged, &app, [&app](views::SchemeChoice choice) {
        if (auto *theme = app.findChild<views::DesktopTheme *>())
            theme->setChoice(choice);
    });
    QObject::connect(&instance, &gui::SingleInstance::activated, &window, [&window](const QString &file) {
        window.raiseWindow();
        if (!file.isEmpty())
            window.openCapture(file);
    });
    if (automation && !options.file.isEmpty()) {
        // A file that cannot be opened ends the run with its reason (nothing would ever be shown).
        QObject::connect(&window, &views::MainWindow::captureFailed, &app, [log](const QString &path, const QString &message) {
            log->error("cannot open {}: {}", path.toStdString(), message.toStdString());
            fprintf(stderr, "pathlens: error: %s\n", qPrintable(message));
            QMetaObject::invokeMethod(qApp, [] { QApplication::exit(1); }, Qt::QueuedConnection);
        });
    }

    // Destroyed in reverse: collectors stop, then the writer (its last commit reaches the analysis),
    // then the analysis.
    std::unique_ptr<core::AnalysisService> live;
    std::unique_ptr<core::CaptureWriter> writer;
    std::unique_ptr<collect::CollectorHost> host;
    if (!options.file.isEmpty()) {
        log->info("offline review of {}", options.file.toStdString());
        if (!options.speedServers.isEmpty() || !options.capacityTargets.isEmpty() || !options.wifiReplay.isEmpty())
            log->warn("--speed-server, --capacity-target and --wifi-replay measure live only: ignored while reviewing a file");
        window.openCapture(options.file);
    } else {
        QDir().mkpath(options.captureDir);
        // A file per launch, or (Preferences → Live captures) a file per UTC day with retention.
        const core::LiveCaptureSettings captures = core::LiveCaptureSettings::load();
        const QString launchPath = QDir(options.captureDir)
                                 .filePath(QStringLiteral("pathlens-%1.plcap")
                                               .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
        auto meta = collect::captureMetadata();
        meta.insert(QString::fromLatin1(core::kGradingPolicyMetaKey),
                    QString::fromUtf8(QJsonDocument(window.policy().toJson()).toJson(QJsonDocument::Compact)));
        auto opened = captures.daily ? core::CaptureWriter::openRolling(core::liveCaptureRollover(captures, options.captureDir), meta)
                                     : core::CaptureWriter::open(launchPath, meta);
        if (!opened) {
            log->error("cannot record: {}", opened.error().toString().toStdString());
            fprintf(stderr, "pathlens: error: %s\n", qPrintable(opened.error().toString()));
            return 3;
        }
        writer = std::move(*opened);
        const QString path = writer->path();
        // The one data path: collectors → writer → committed batches → analysis → snapshots → views.
        live = std::make_unique<core::AnalysisService>(core::AnalysisService::Source::Live, path, window.policy());
        writer->setCommitListener(live->listener());
        core::CaptureWriter *w = writer.get();
        QObject::connect(w, &core::CaptureWriter::failed, &window, [log](const core::Error &e) {
            log->error("capture write failed: {}", e.toString().toStdString());
        }, Qt::QueuedConnection);
        QObject::connect(w, &core::CaptureWriter::rolledOver, &window, [&window](const QString &, const QString &opened) {
            window.setLiveCapturePath(opened);
        }, Qt::QueuedConnection);
        host = std::make_unique<collect::CollectorHost>([w](std::vector<core::Row> rows) { w->enqueue(std::move(rows)); });
        host->add([] { return std::make_unique<collect::LinkMonitor>(); });
        const core::GradingPolicy policy = window.policy();
        host->add([w, policy, loopback = options.includeLoopback] {
            collect::TcpCollectorOptions tcp;
            tcp.policy = policy;
            tcp.includeLoopback = loopback;
            return collect::makeTcpCollector(tcp, [w] { return w->allocateId(core::Table::TcpSessions); });
        });
        // Targets: embedded defaults unless PATHLENS_TARGETS (or CI) says otherwise.
        const core::ProbeTargets targets = core::targetsFromEnvironment();
        log->info("probe targets from {}: {}", targets.source.toStdString(), targets.all().join(QStringLiteral(", ")).toStdString());
        collect::ProbeCollectorOptions probes;
        probes.targets = targets;
        if (auto allowed = collect::checkProbeTargetsAllowed(targets); !allowed)
            log->warn("active probes off: {}", allowed.error().toString().toStdString());
        else
            host->add([probes] { return collect::makeProbeCollector(probes); });
        if (!targets.traceTarget.isEmpty()) {
            collect::TraceCollectorOptions trace;
            trace.trace.target = targets.traceTarget; // UDP: no privilege needed
            host->add([w, trace] { return collect::makeTraceCollector(trace, [w] { return w->allocateId(core::Table::Traces); }); });
        }
        // Wi-Fi link readings: harmless where there is no Wi-Fi (the chip says "no Wi-Fi interface").
        collect::WifiCollectorOptions wifi;
        wifi.replay = options.wifiReplay;
        host->add([wifi] { return std::make_unique<collect::WifiCollector>(wifi); });
        if (!options.capacityTargets.isEmpty()) {
            // Capacity by packet trains to hosts the user named (never a default: trains load the path a little).
            collect::TrainsCollectorOptions capacity;
            capacity.targets = options.capacityTargets;
            capacity.allocateTraceId = [w] { return w->allocateId(core::Table::Traces); };
            log->info("capacity to {}", capacity.targets.join(QStringLiteral(", ")).toStdString());
            host->add([capacity] { return collect::makeTrainsCollector(capacity); });
        }
        if (!options.speedServers.isEmpty()) {
            // Throughput tests against servers the user named (never a default: a test fills the link
            // and moves up to hundreds of MB, so the app never picks a public server by itself).
            collect::SpeedCollectorOptions speed;
            speed.test.servers = options.speedServers;
            speed.schedule = *core::roundScheduleFromId(options.speedSchedule); // checked by parseGuiOptions
            log->info("throughput tests against {} ({})", speed.test.servers.join(QStringLiteral(", ")).toStdString(),
                      options.speedSchedule.toStdString());
            window.setLoadTesting({speed.test.servers, speed.schedule});
            views::MainWindow *win = &window;
            host->add([speed, win] {
                auto c = std::make_unique<collect::SpeedCollector>(speed);
                // Progress to the page (queued: the collector lives on its worker thread); Test now to
                // the collector (queued the other way). Both end with this instance, so a restarted
                // collector is wired afresh here.
                QObject::connect(c.get(), &collect::SpeedCollector::progressChanged, win, &views::MainWindow::setLoadProgress);
                QObject::connect(win, &views::MainWindow::throughputTestRequested, c.get(), &collect::SpeedCollector::runNow);
                return c;
            });
        }
        if (!options.bus.isEmpty()) {
            // Watch the fleet: hellos, verdicts and mesh rows of every agent go into this capture.
            auto settings = collect::parseBusUrl(options.bus);
            auto fleetOk = core::checkFleetTopicLevel(QStringLiteral("fleet name"), options.fleet);
            if (!settings || !fleetOk) {
                const core::Error e = !settings ? settings.error() : fleetOk.error();
                fprintf(stderr, "pathlens: error: %s\n", qPrintable(e.toString()));
                return 2;
            }
            collect::FleetCollectorOptions fo;
            fo.bus = *settings;
            fo.bus.caFile = options.busCa;
            fo.fleet = options.fleet;
            fo.announce = false;
            fo.agentId = core::fleetSafeId(QStringLiteral("viewer-%1").arg(QSysInfo::machineHostName()));
            fo.agentName = QStringLiteral("Pathlens viewer");
            fo.allocateTraceId = [w] { return w->allocateId(core::Table::Traces); }; // the agents' traces of their peers
            host->add([fo] { return std::make_unique<collect::FleetCollector>(fo); });
        }
        QObject::connect(host.get(), &collect::CollectorHost::statusChanged, &window, &views::MainWindow::setCollectorStatus);
        window.attachLiveAnalysis(live.get());
        host->startAll();
        for (const auto &[name, ms] : options.testRestarts)
            QTimer::singleShot(ms, host.get(), [h = host.get(), name = name, log] {
                log->warn("--test-restart: failing collector {}", name.toStdString());
                if (!h->forceRestart(name, QStringLiteral("restart forced by --test-restart")))
                    log->error("--test-restart: no running collector named {}", name.toStdString());
            });
        log->info("live capture {}", path.toStdString());
    }

    // The tray: the device grade at a glance, pause, a throughput test, quit (not for automation).
    std::unique_ptr<views::TrayController> tray;
    if (!automation) {
        tray = std::make_unique<views::TrayController>();
        tray->setTestNowAction(window.testNowAction());
        tray->setCanPause(host != nullptr);
        QObject::connect(tray.get(), &views::TrayController::openRequested, &window, &views::MainWindow::raiseWindow);
        QObject::connect(tray.get(), &views::TrayController::quitRequested, &window, &views::MainWindow::requestQuit);
        views::TrayController *t = tray.get();
        if (host) {
            QObject::connect(t, &views::TrayController::pauseRequested, host.get(), [t, h = host.get(), log](bool pause) {
                log->info("measuring {} from the tray", pause ? "paused" : "resumed");
                pause ? h->stopAll() : h->startAll();
                t->setPaused(pause);
            });
            QObject::connect(live.get(), &core::AnalysisService::snapshotReady, t,
                             [t](const core::SnapshotPtr &snapshot) { t->showSnapshot(*snapshot); });
        } else {
            QObject::connect(&window, &views::MainWindow::captureShown, t, [t, &window] {
                if (window.shownSnapshot())
                    t->showSnapshot(*window.shownSnapshot());
            });
        }
        if (tray->showInTray())
            window.setTray(t);
        else
            log->info("no system tray on this desktop: closing the window quits");
    }

    if (!options.page.isEmpty()) {
        if (auto page = pageByName(options.page))
            window.showPage(*page);
        else
            log->warn("unknown --page '{}'", options.page.toStdString());
    }
    if (!options.kiosk)
        window.show();

    bool dumpNow = false;
    if (!options.testTimelineMs.isEmpty()) {
        // Testing: the window as it is at each moment (a picture and its displayed state), no quit
        // in between, so a test can change the network meanwhile and look at the screen again.
        for (int i = 0; i < options.testTimelineMs.size(); ++i)
            QTimer::singleShot(options.testTimelineMs[i], &window, [&window, &options, i, log] {
                const QString n = QString::number(i);
                // What the screen shows a moment later: layouts a change just asked for are done first.
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                const QString picture = QString(options.screenshot).replace(QLatin1String("%n"), n);
                const bool saved = window.grab().save(picture);
                log->info("screenshot {} {}", picture.toStdString(), saved ? "saved" : "FAILED");
                QFile out(QString(options.dumpViews).replace(QLatin1String("%n"), n));
                const bool dumped = out.open(QIODevice::WriteOnly | QIODevice::Truncate)
                                    && out.write(QJsonDocument(views::dumpViews(window)).toJson()) > 0;
                if (!saved || !dumped)
                    QApplication::exit(3);
                else if (i + 1 == options.testTimelineMs.size())
                    QApplication::exit(0);
            });
    } else if (!options.screenshot.isEmpty() || !options.dumpViews.isEmpty()) {
        QTimer::singleShot(options.screenshotDelayMs, &window, [&window, &options, &dumpNow, log] {
            auto finish = [&window, &options, &dumpNow, log] {
                bool saved = true;
                if (options.screenshot.contains(QLatin1String("%p"))) {
                    // One picture per page: "%p" becomes the page's name.
                    for (views::Page page : views::kAllPages) {
                        window.showPage(page);
                        QCoreApplication::processEvents();
                        if (page == views::Page::Report) {
                            // The report loads in WebEngine after the page is shown: wait for it
                            // (bounded), then a moment for it to paint.
                            const QDeadlineTimer deadline(10000);
                            while (!window.report()->isSettled() && !deadline.hasExpired())
                                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
                            const QDeadlineTimer paint(300);
                            while (!paint.hasExpired())
                                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
                        }
                        const QString file = QString(options.screenshot).replace(QLatin1String("%p"), views::pageInfo(page).id);
                        const bool ok = window.grab().save(file);
                        log->info("screenshot {} {}", file.toStdString(), ok ? "saved" : "FAILED");
                        saved = saved && ok;
                    }
                } else if (!options.screenshot.isEmpty()) {
                    saved = window.grab().save(options.screenshot);
                    log->info("screenshot {} {}", options.screenshot.toStdString(), saved ? "saved" : "FAILED");
                }
                dumpNow = !options.dumpViews.isEmpty();
                QApplication::exit(saved ? 0 : 1);
            };
            // Offline: wait for the capture's first snapshot, however long the file takes to read.
            if (window.isLive() || window.shownSnapshot())
                finish();
            else
                QObject::connect(&window, &views::MainWindow::captureShown, &window, finish, Qt::SingleShotConnection);
        });
    }
    int rc = QApplication::exec();
    tray.reset();
    if (host) {
        host->stopAll();
        if (!host->waitForStopped()) {
            // A collector still inside a call may yet publish or allocate an id: the writer must
            // outlive it. The rows committed so far are safe; the capture stays without ended_utc.
            log->error("a collector did not stop within 10 s; leaving the capture open");
            (void)host.release();
            (void)writer.release();
        }
    }
    writer.reset(); // commits the rest and stamps ended_utc, which the analysis receives
    if (dumpNow) {
        if (live)
            window.applySnapshot(live->snapshotNow()); // the live view of the now closed capture
        QFile out(options.dumpViews);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            out.write(QJsonDocument(views::dumpViews(window)).toJson());
            log->info("views dumped to {}", options.dumpViews.toStdString());
        } else {
            fprintf(stderr, "pathlens: error: cannot write %s: %s\n", qPrintable(options.dumpViews), qPrintable(out.errorString()));
            rc = 3;
        }
    }
    host.reset();
    live.reset();
    core::shutdownLogging();
    return rc;
}
