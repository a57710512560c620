// SPDX-License-Identifier: GPL-3.0-or-later
// Command line of the pathlens GUI.
#pragma once

#include <QString>
#include <QList>
#include <QPair>
#include <QStringList>

#include <variant>

class QCoreApplication;

namespace pathlens::gui {

struct GuiOptions {
    QString file;            // capture, pcap/pcapng or CSV to review offline; empty = live
    bool kiosk = false;
    QString logLevel = QStringLiteral("info");
    QString captureDir;      // where live captures go
    QString screenshot;      // grab the window to this PNG after screenshotDelayMs, then quit
    int screenshotDelayMs = 1500;
    QString page;            // start page by id (overview, apps, latency, path, capacity, load, mesh, fleet, wifi, report)
    bool includeLoopback = false; // grade loopback TCP sessions too
    QString dumpViews;       // write the pages' displayed state here after screenshotDelayMs, then quit
    QString bus, fleet, busCa; // fleet bus to watch (empty: none)
    QStringList capacityTargets; // live only: measure capacity to these hosts by packet trains (continuous mode)
    QStringList speedServers;    // live only: throughput tests against these agents' endpoints (none: no tests)
    QString speedSchedule = QStringLiteral("standard"); // quick, standard, extended or continuous
    QList<QPair<QString, int>> testRestarts; // testing: collector name, ms after start to fail it
    QList<int> testTimelineMs; // testing: save --screenshot and --dump-views ("%n": 0, 1, …) at each, quit after the last
    QStringList wifiReplay;  // live only: saved nl80211 polls played back instead of the kernel (demo of a roam)
    QString language;        // GUI language (de, en, …); empty: PATHLENS_LANG, then the desktop's
};

// Parses the application's arguments; on --help/--version/errors prints and returns the exit code.
std::variant<GuiOptions, int> parseGuiOptions(const QCoreApplication &app);

} // namespace pathlens::gui
