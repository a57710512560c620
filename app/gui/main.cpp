// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens GUI: the composition root, the only place where collectors meet views.
#include "collectors/host/collector_host.h"
#include "collectors/os/link_monitor.h"
#include "collectors/os/system_info.h"
#include "collectors/probes/probe_collector.h"
#include "collectors/tcp/tcp_collector.h"
#include "collectors/trace/trace_collector.h"
#include "core/store/capture_writer.h"
#include "core/base/logging.h"
#include "core/active/probe_targets.h"
#include "core/passive/tcp_rollups.h"
#include "gui_options.h"
#include "pathlens/version.h"
#include "views/shell/main_window.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QScreen>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <cstdio>

using namespace pathlens;

namespace {

std::optional<views::Page> pageByName(const QString &name)
{
    for (views::Page page : views::kAllPages)
        if (views::pageInfo(page).title.toLower().remove(QLatin1Char('-')) == QString(name).remove(QLatin1Char('-')))
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

    auto parsed = gui::parseGuiOptions(app);
    if (std::holds_alternative<int>(parsed))
        return std::get<int>(parsed);
    const gui::GuiOptions options = std::get<gui::GuiOptions>(parsed);
    core::initLogging({options.logLevel, core::defaultLogPath(QStringLiteral("pathlens")), true});
    auto log = core::logger("ui");

    views::MainWindow::Options windowOptions;
    windowOptions.kiosk = options.kiosk;
    windowOptions.versions = collect::libraryVersions();
    views::MainWindow window(windowOptions);

    std::unique_ptr<core::CaptureWriter> writer;
    std::unique_ptr<collect::CollectorHost> host;
    if (!options.file.isEmpty()) {
        log->info("offline review of {}", options.file.toStdString());
        window.openCapture(options.file);
    } else {
        QDir().mkpath(options.captureDir);
        const QString path = QDir(options.captureDir)
                                 .filePath(QStringLiteral("pathlens-%1.plcap")
                                               .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
        auto opened = core::CaptureWriter::open(path, collect::captureMetadata());
        if (!opened) {
            log->error("cannot record: {}", opened.error().toString().toStdString());
            fprintf(stderr, "pathlens: error: %s\n", qPrintable(opened.error().toString()));
            return 3;
        }
        writer = std::move(*opened);
        core::CaptureWriter *w = writer.get();
        QObject::connect(w, &core::CaptureWriter::failed, &window, [log](const core::Error &e) {
            log->error("capture write failed: {}", e.toString().toStdString());
        }, Qt::QueuedConnection);
        host = std::make_unique<collect::CollectorHost>([w](std::vector<core::Row> rows) { w->enqueue(std::move(rows)); });
        host->add([] { return std::make_unique<collect::LinkMonitor>(); });
        views::MainWindow *win = &window;
        host->add([w, win] {
            auto tcp = collect::makeTcpCollector({}, [w] { return w->allocateId(core::Table::TcpSessions); });
            // Roll up on the collector's thread; the GUI thread only receives the finished picture.
            QObject::connect(static_cast<collect::TcpCollector *>(tcp.get()), &collect::TcpCollector::sessionsReady, tcp.get(),
                             [win](quint64, const std::vector<core::TcpSession> &sessions) {
                                 core::TcpPicture picture = core::buildTcpPicture(sessions, core::nowUtcUs());
                                 QMetaObject::invokeMethod(win, [win, picture] { win->showLivePicture(picture); }, Qt::QueuedConnection);
                             }, Qt::DirectConnection);
            return tcp;
        });
        // Targets: embedded defaults unless PATHLENS_TARGETS (or CI) says otherwise.
        const core::ProbeTargets targets = core::targetsFromEnvironment();
        log->info("probe targets from {}: {}", targets.source.toStdString(), targets.all().join(QStringLiteral(", ")).toStdString());
        collect::ProbeCollectorOptions probes;
        probes.targets = targets;
        if (auto allowed = collect::checkProbeTargetsAllowed(targets); !allowed) {
            log->warn("active probes off: {}", allowed.error().toString().toStdString());
        } else {
            host->add([win, probes] {
                auto collector = collect::makeProbeCollector(probes);
                QObject::connect(static_cast<collect::ProbeCollector *>(collector.get()), &collect::ProbeCollector::samplesReady, win,
                                 [win](quint64, const std::vector<core::ProbeSample> &s) { win->showLiveSamples(s); },
                                 Qt::QueuedConnection);
                return collector;
            });
        }
        if (!targets.traceTarget.isEmpty()) {
            collect::TraceCollectorOptions trace;
            trace.trace.target = targets.traceTarget; // UDP: no privilege needed
            host->add([w, win, trace] {
                auto collector = collect::makeTraceCollector(trace, [w] { return w->allocateId(core::Table::Traces); });
                QObject::connect(static_cast<collect::TraceCollector *>(collector.get()), &collect::TraceCollector::traceReady, win,
                                 [win](quint64, const core::TraceResult &t) { win->showLiveTrace(t); }, Qt::QueuedConnection);
                return collector;
            });
        }
        QObject::connect(host.get(), &collect::CollectorHost::statusChanged, &window, &views::MainWindow::setCollectorStatus);
        window.showLiveCapture(path);
        host->startAll();
        log->info("live capture {}", path.toStdString());
    }

    if (!options.page.isEmpty()) {
        if (auto page = pageByName(options.page))
            window.showPage(*page);
        else
            log->warn("unknown --page '{}'", options.page.toStdString());
    }
    if (!options.kiosk)
        window.show();

    if (!options.screenshot.isEmpty()) {
        QTimer::singleShot(options.screenshotDelayMs, &window, [&window, &options, log] {
            const bool saved = window.grab().save(options.screenshot);
            log->info("screenshot {} {}", options.screenshot.toStdString(), saved ? "saved" : "FAILED");
            QApplication::exit(saved ? 0 : 1);
        });
    }
    const int rc = QApplication::exec();
    if (host)
        host->stopAll();
    writer.reset();
    core::shutdownLogging();
    return rc;
}
