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
        {Page::Overview, tr("Overview"), tr("Device verdict and 24-hour timeline"),
         tr("The verdict card grades this device from the TCP sessions your apps already run "
            "(no test traffic). It appears once three sessions longer than half a second have been seen.")},
        {Page::Apps, tr("Apps"), tr("Every app that used the network, graded worst first"),
         tr("Per-app round-trip time, retransmits, queueing delay and throughput come from kernel TCP "
            "statistics. Apps appear after their first qualifying session.")},
        {Page::Latency, tr("Latency"), tr("Gateway and internet round-trip times, live"),
         tr("Active probes (ICMP, UDP DNS, TCP, HTTP) tell local trouble from upstream trouble. "
            "Samples appear here once the probe engine has answers.")},
        {Page::Path, tr("Path"), tr("The route to a target, hop by hop"),
         tr("A trace shows where latency is added and which hops stay silent (silent hops are normal). "
            "It appears after the first traceroute completes.")},
        {Page::Mesh, tr("Mesh"), tr("Agent-to-agent latency and throughput heat-maps"),
         tr("Each cell compares one direction of one link with its own best. Start pathlens-agent on "
            "two or more machines of a fleet (--peer NAME=ADDRESS, or --bus to find each other) to fill it.")},
        {Page::Fleet, tr("Fleet"), tr("Every device of the fleet, ranked by its own verdict"),
         tr("Devices appear as their agents report on the fleet bus. Start pathlens-agent with --bus "
            "mqtt://BROKER:1883 on each machine, and this window with the same --bus to watch them.")},
        {Page::WiFi, tr("Wi-Fi"), tr("Signal, noise, channel and PHY rate of the active Wi-Fi link"),
         tr("Readings appear every 10 s while this machine is connected over Wi-Fi. On a wired "
            "connection this page stays empty.")},
        {Page::Report, tr("Report"), tr("A shareable report of this capture (HTML and PDF)"),
         tr("The report collects verdicts, tiers, loss bursts, traces and Wi-Fi into one page. "
            "It is built from the capture once it holds measurements.")},
    }};
}
} // namespace

const PageInfo &pageInfo(Page page)
{
    static const auto pages = build();
    return pages.at(size_t(page));
}

} // namespace pathlens::views
