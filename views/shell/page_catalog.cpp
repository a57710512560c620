// SPDX-License-Identifier: GPL-3.0-or-later
// Texts of the pages' empty states, in one place so they stay consistent and translatable.
#include "views/shell/page_catalog.h"

#include <QCoreApplication>

namespace pathlens::views {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::Pages", text);
}

std::array<PageInfo, kAllPages.size()> build()
{
    return {{
        {Page::Overview, QStringLiteral("overview"), tr("Overview"), tr("Device verdict and 24-hour timeline"),
         tr("The verdict card grades this device from the TCP sessions your apps already run "
            "(no test traffic). It appears once three sessions longer than half a second have been seen.")},
        {Page::Apps, QStringLiteral("apps"), tr("Apps"), tr("Every app that used the network, graded worst first"),
         tr("Per-app round-trip time, retransmits, queueing delay and throughput come from kernel TCP "
            "statistics. Apps appear after their first qualifying session.")},
        {Page::Latency, QStringLiteral("latency"), tr("Latency"), tr("Gateway and internet round-trip times, live"),
         tr("Active probes (ICMP, UDP DNS, TCP, HTTP) tell local trouble from upstream trouble. "
            "Samples appear here once the probe engine has answers.")},
        {Page::Path, QStringLiteral("path"), tr("Path"), tr("The route to a target, hop by hop"),
         tr("A trace shows where latency is added and which hops stay silent (silent hops are normal). "
            "It appears after the first traceroute completes.")},
        {Page::Capacity, QStringLiteral("capacity"), tr("Capacity"), tr("Path capacity from packet trains, and where a path goes wrong"),
         tr("Short trains of test packets estimate a path's total, available and utilised capacity; a confirmed "
            "dysfunction starts a deep diagnosis of every hop. Record them with pathlens-agent run --capture FILE "
            "--capacity-target HOST and open that capture here (pathlens-agent capacity HOST measures once, in a terminal).")},
        {Page::Load, QStringLiteral("load"), tr("Under load"), tr("Throughput, and what a busy link does to latency"),
         tr("Throughput tests fill the link on purpose, while pings to your router and to the internet show how much "
            "delay the load adds, and where. Tests need a server across the link: run pathlens-agent serve on a machine "
            "there, start Pathlens with --speed-server http://HOST:8080 and press Test now (Ctrl+T), or open a capture "
            "recorded with pathlens-agent run --speed-server.")},
        {Page::Mesh, QStringLiteral("mesh"), tr("Mesh"), tr("Agent-to-agent latency and throughput heat-maps"),
         tr("Each cell compares one direction of one link with its own best. Start pathlens-agent on "
            "two or more machines of a fleet (--peer NAME=ADDRESS, or --bus to find each other) to fill it.")},
        {Page::Fleet, QStringLiteral("fleet"), tr("Fleet"), tr("Every device of the fleet, ranked by its own verdict"),
         tr("Devices appear as their agents report on the fleet bus. Start pathlens-agent with --bus "
            "mqtt://BROKER:1883 on each machine, and this window with the same --bus to watch them.")},
        {Page::WiFi, QStringLiteral("wifi"), tr("Wi-Fi"), tr("Signal, noise, channel and PHY rate of the active Wi-Fi link"),
         tr("No Wi-Fi readings: this machine has no wireless interface, or the capture was recorded without the "
            "Wi-Fi collector. Readings appear every 10 s while a wireless interface is up.")},
        {Page::Report, QStringLiteral("report"), tr("Report"), tr("A shareable report of this capture (HTML and PDF)"),
         tr("The report collects verdicts, tiers, loss bursts, traces and Wi-Fi into one page. "
            "It is built from the capture once it holds measurements.")},
        {Page::Timeline, QStringLiteral("timeline"), tr("Timeline"),
         tr("Apps, gateway and internet latency, Wi-Fi and events on one time axis"),
         tr("Every measurement of the capture lined up in time, so a latency rise can be read against the Wi-Fi "
            "signal, a roam or a route change at the same minute. It fills as soon as the capture holds app "
            "sessions, probe answers or Wi-Fi readings.")},
    }};
}
} // namespace

const PageInfo &pageInfo(Page page)
{
    static const auto pages = build();
    return pages.at(size_t(page));
}

QKeySequence pageShortcut(Page page)
{
    // The digit row in keyboard order: 1 … 9, then 0 for the tenth page.
    if (page == Page::Timeline)
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T); // Ctrl+T runs a throughput test; T for timeline
    const int row = int(page);
    return row < 9 ? QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + row)) : QKeySequence(Qt::CTRL | Qt::Key_0);
}

} // namespace pathlens::views
