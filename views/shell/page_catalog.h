// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's pages: names, shortcuts, and what each empty state tells the user.
#pragma once

#include <QString>

#include <array>

namespace pathlens::views {

enum class Page { Overview, Apps, Latency, Path, Mesh, Fleet, WiFi, Report };
inline constexpr std::array kAllPages = {Page::Overview, Page::Apps, Page::Latency, Page::Path,
                                         Page::Mesh,     Page::Fleet, Page::WiFi, Page::Report};

struct PageInfo {
    Page page;
    QString title;      // navigation label
    QString headline;   // empty state: what will appear here
    QString whyEmpty;   // empty state: why there is nothing yet, and what to do
};

const PageInfo &pageInfo(Page page);

} // namespace pathlens::views
