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
    QString file;            // capture or CSV to review offline; empty = live
    bool kiosk = false;
    QString logLevel = QStringLiteral("info");
    QString captureDir;      // where live captures go
    QString screenshot;      // grab the window to this PNG after screenshotDelayMs, then quit
    int screenshotDelayMs = 1500;
    QString page;            // start page (overview, apps, latency, path, mesh, wifi, report)
    bool includeLoopback = false; // grade loopback TCP sessions too
    QString dumpViews;       // write the pages' displayed state here after screenshotDelayMs, then quit
    QString bus, fleet, busCa; // fleet bus to watch (empty: none)
    QList<QPair<QString, int>> testRestarts; // testing: collector name, ms after start to fail it
};

// Parses the application's arguments; on --help/--version/errors prints and returns the exit code.
std::variant<GuiOptions, int> parseGuiOptions(const QCoreApplication &app);

} // namespace pathlens::gui
