// SPDX-License-Identifier: GPL-3.0-or-later
// QCommandLineParser set-up for the GUI.
#include "gui_options.h"

#include "collectors/load/throughput_transfer.h"
#include "collectors/wifi/wifi_replay_source.h"
#include "core/load/round_schedule.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <cstdio>
#include <variant>

namespace pathlens::gui {

std::variant<GuiOptions, int> parseGuiOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Pathlens: which app, which leg, which hop is hurting your network."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("capture (.plcap), packet capture (.pcap, .pcapng: imported first) or CSV to review offline"), QStringLiteral("[FILE]"));
    QCommandLineOption kiosk(QStringLiteral("kiosk"), QStringLiteral("full screen, rotating dashboards, no dialogs"));
    QCommandLineOption logLevel(QStringLiteral("log-level"), QStringLiteral("trace, debug, info, warn, error, critical or off"),
                                QStringLiteral("LEVEL"), QStringLiteral("info"));
    QCommandLineOption captureDir(QStringLiteral("capture-dir"), QStringLiteral("folder for live captures (packet captures opened are imported into its imported/)"),
                                  QStringLiteral("DIR"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("save the window as PNG after a delay, then quit (%p in the name: one per page)"),
                                  QStringLiteral("PNG"));
    QCommandLineOption delay(QStringLiteral("screenshot-delay"), QStringLiteral("delay before --screenshot, ms"), QStringLiteral("MS"),
                             QStringLiteral("1500"));
    QCommandLineOption page(QStringLiteral("page"), QStringLiteral("page to show first"), QStringLiteral("NAME"));
    QCommandLineOption dump(QStringLiteral("dump-views"),
                            QStringLiteral("write every page's displayed state as JSON after --screenshot-delay, then quit"),
                            QStringLiteral("JSON"));
    QCommandLineOption restart(QStringLiteral("test-restart"),
                               QStringLiteral("testing: treat collector NAME as failed after MS (repeatable)"), QStringLiteral("NAME@MS"));
    restart.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption timeline(QStringLiteral("test-timeline"),
                                QStringLiteral("testing: save --screenshot and --dump-views (%n in their names: 0, 1, …) at each MS after start, "
                                               "then quit"),
                                QStringLiteral("MS,MS,…"));
    timeline.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(timeline);
    QCommandLineOption loopback(QStringLiteral("include-loopback"),
                                QStringLiteral("grade loopback TCP sessions too (local development servers)"));
    parser.addOptions({kiosk, logLevel, captureDir, screenshot, delay, page, dump, restart, loopback});
    QCommandLineOption bus(QStringLiteral("bus"), QStringLiteral("watch the fleet on this broker: mqtt://[USER@]HOST[:PORT] or mqtts://… "
                                                                 "(password: PATHLENS_BUS_PASSWORD)"),
                           QStringLiteral("URL"));
    QCommandLineOption fleet(QStringLiteral("fleet"), QStringLiteral("fleet name on the bus (default: default)"), QStringLiteral("NAME"),
                             QStringLiteral("default"));
    QCommandLineOption busCa(QStringLiteral("bus-ca"), QStringLiteral("mqtts: CA certificates (PEM) to trust"), QStringLiteral("FILE"));
    parser.addOptions({bus, fleet, busCa});
    QCommandLineOption capacityTarget(QStringLiteral("capacity-target"),
                                      QStringLiteral("measure capacity to HOST by packet trains once a minute (repeatable; needs "
                                                     "pathlens-helper with cap_net_raw)"),
                                      QStringLiteral("HOST"));
    parser.addOption(capacityTarget);
    QCommandLineOption speedServer(QStringLiteral("speed-server"),
                                   QStringLiteral("run throughput tests against an agent's endpoints (pathlens-agent serve), "
                                                  "http[s]://HOST:PORT; repeatable: later ones are fallbacks"),
                                   QStringLiteral("URL"));
    QCommandLineOption speedSchedule(QStringLiteral("speed-schedule"),
                                     QStringLiteral("throughput rounds: quick (5 min, 3), standard (10 min, 5), extended "
                                                    "(30 min, 8) or continuous (8 per 30 min)"),
                                     QStringLiteral("MODE"), QStringLiteral("standard"));
    parser.addOptions({speedServer, speedSchedule});
    QCommandLineOption wifiReplay(QStringLiteral("wifi-replay"),
                                  QStringLiteral("play saved nl80211 polls (a file per poll, or a folder of .bin files) back "
                                                 "as the Wi-Fi readings, one every 10 s; repeatable"),
                                  QStringLiteral("PATH"));
    parser.addOption(wifiReplay);
    QCommandLineOption language(QStringLiteral("lang"),
                                QStringLiteral("language of the window: de, en, … (default: PATHLENS_LANG, then the desktop's)"),
                                QStringLiteral("LANG"));
    parser.addOption(language);
    parser.process(app); // exits on --help, --version and unknown options, with the message

    if (parser.positionalArguments().size() > 1) {
        fprintf(stderr, "pathlens: error: at most one FILE may be given\n");
        return 2;
    }
    GuiOptions o;
    o.file = parser.positionalArguments().value(0);
    o.kiosk = parser.isSet(kiosk);
    o.logLevel = parser.value(logLevel);
    o.captureDir = parser.isSet(captureDir)
                       ? parser.value(captureDir)
                       : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/captures");
    o.screenshot = parser.value(screenshot);
    bool ok = false;
    o.screenshotDelayMs = parser.value(delay).toInt(&ok);
    if (!ok || o.screenshotDelayMs < 0) {
        fprintf(stderr, "pathlens: error: --screenshot-delay needs a number of milliseconds\n");
        return 2;
    }
    o.page = parser.value(page).toLower();
    o.dumpViews = parser.value(dump);
    o.includeLoopback = parser.isSet(loopback);
    o.bus = parser.value(bus);
    o.fleet = parser.value(fleet);
    o.busCa = parser.value(busCa);
    o.capacityTargets = parser.values(capacityTarget);
    o.speedServers = parser.values(speedServer);
    o.speedSchedule = parser.value(speedSchedule).toLower();
    o.wifiReplay = parser.values(wifiReplay);
    o.language = parser.value(language);
    if (!o.wifiReplay.isEmpty())
        if (auto files = collect::WifiReplaySource::listFiles(o.wifiReplay); !files) {
            fprintf(stderr, "pathlens: error: %s\n", qPrintable(files.error().toString()));
            return 2;
        }
    if (parser.isSet(speedSchedule) && o.speedServers.isEmpty()) {
        fprintf(stderr, "pathlens: error: --speed-schedule needs --speed-server http://HOST:8080\n");
        return 2;
    }
    if (!core::roundScheduleFromId(o.speedSchedule)) {
        fprintf(stderr, "pathlens: error: --speed-schedule takes quick, standard, extended or continuous\n");
        return 2;
    }
    for (const QString &url : o.speedServers)
        if (auto valid = collect::checkServerUrl(url); !valid) {
            fprintf(stderr, "pathlens: error: %s\n", qPrintable(valid.error().toString()));
            return 2;
        }
    if ((parser.isSet(fleet) || parser.isSet(busCa)) && o.bus.isEmpty()) {
        fprintf(stderr, "pathlens: error: --fleet and --bus-ca need --bus mqtt://HOST:PORT\n");
        return 2;
    }
    for (const QString &spec : parser.values(restart)) {
        const QStringList parts = spec.split(QLatin1Char('@'));
        const int ms = parts.value(1).toInt(&ok);
        if (parts.size() != 2 || !ok || ms < 0) {
            fprintf(stderr, "pathlens: error: --test-restart needs NAME@MS, e.g. probes@3000\n");
            return 2;
        }
        o.testRestarts.append({parts[0], ms});
    }
    if (parser.isSet(timeline)) {
        for (const QString &ms : parser.value(timeline).split(QLatin1Char(','))) {
            const int at = ms.toInt(&ok);
            if (!ok || at < 0 || (!o.testTimelineMs.isEmpty() && at <= o.testTimelineMs.last())) {
                fprintf(stderr, "pathlens: error: --test-timeline needs increasing milliseconds, e.g. 5000,20000\n");
                return 2;
            }
            o.testTimelineMs.append(at);
        }
        if (!o.screenshot.contains(QLatin1String("%n")) || !o.dumpViews.contains(QLatin1String("%n"))) {
            fprintf(stderr, "pathlens: error: --test-timeline needs --screenshot and --dump-views names with %%n\n");
            return 2;
        }
    }
    return o;
}

} // namespace pathlens::gui
