// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's pages: names, shortcuts, and what each empty state tells the user.
#pragma once

#include <QKeySequence>
#include <QString>

#include <array>

namespace pathlens::views {

// In navigation order: Ctrl+1 … Ctrl+9 and Ctrl+0 (the tenth) follow it, and an enum value is its page's row.
// The aligned timeline came eleventh, after every digit was taken: it has Ctrl+Shift+T ("timeline").
enum class Page { Overview, Apps, Latency, Path, Capacity, Load, Mesh, Fleet, WiFi, Report, Timeline };
inline constexpr std::array kAllPages = {Page::Overview, Page::Apps,   Page::Latency, Page::Path,
                                         Page::Capacity, Page::Load,   Page::Mesh,    Page::Fleet,
                                         Page::WiFi,     Page::Report, Page::Timeline};

struct PageInfo {
    Page page;
    QString id;         // --page and --screenshot %p name: lower case, no spaces, never translated
    QString title;      // navigation label
    QString headline;   // empty state: what will appear here
    QString whyEmpty;   // empty state: why there is nothing yet, and what to do
};

const PageInfo &pageInfo(Page page);
// The View menu's shortcut of a page: Ctrl+1 … Ctrl+9, then Ctrl+0, then Ctrl+Shift+T for the timeline.
QKeySequence pageShortcut(Page page);

} // namespace pathlens::views
