// SPDX-License-Identifier: GPL-3.0-or-later
// The aligned timeline's layout input, from its data and window.
#include "views/timeline/aligned_timeline_rows.h"

#include <QCoreApplication>

#include <algorithm>

namespace pathlens::views {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::AlignedTimeline", text);
}

// The largest value of a series inside the window (the pyramid's one-column summary: never misses a peak).
std::optional<double> peakIn(const core::LatencySeries *s, core::TimestampUs from, core::TimestampUs to)
{
    if (!s)
        return std::nullopt;
    const std::vector<core::MinMaxPyramid::Column> c = s->pyramid.query(from, to, 1);
    if (c.empty() || c.front().count == 0)
        return std::nullopt;
    return double(c.front().max);
}
} // namespace

QString noGradesText() { return tr("no graded app sessions"); }
QString noRttText(bool gateway) { return gateway ? tr("no gateway probes") : tr("no internet probes"); }
QString noWifiText() { return tr("no Wi-Fi readings"); }
QString noEventsText() { return tr("no loss bursts, route changes or Wi-Fi events"); }

AlignedTimelineInput alignedTimelineInput(const AlignedTimelineData &d, core::TimestampUs from, core::TimestampUs to,
                                          QSizeF size)
{
    AlignedTimelineInput in;
    in.size = size;
    in.from = from;
    in.to = to;

    TimelineRowSpec grades{TimelineRow::Grades, tr("Apps"), {}, !d.lanes.empty(), noGradesText()};
    for (const TimelineGradeLane &lane : d.lanes)
        grades.lanes << lane.name;
    if (grades.lanes.isEmpty())
        grades.lanes << tr("Apps");
    in.rows.push_back(grades);

    // RTT rows: each from 0 to above the highest value in view, so a zoom into a quiet minute shows
    // its detail; the gateway row keeps its own scale (it is usually a tenth of the internet's).
    for (bool gateway : {true, false}) {
        const core::LatencySeries *s = gateway ? d.gateway() : d.internet();
        const std::optional<double> peak = peakIn(s, from, to);
        TimelineRowSpec r{gateway ? TimelineRow::GatewayRtt : TimelineRow::InternetRtt,
                          gateway ? tr("Gateway RTT, ms") : tr("Internet RTT, ms"), {}, s != nullptr,
                          noRttText(gateway)};
        std::tie(r.yMin, r.yMax) = valueRangeFromZero(peak.value_or(10));
        in.rows.push_back(r);
    }

    // Wi-Fi rows over the readings in view (and the one either side, whose lines enter the window).
    const std::vector<core::WifiSample> &samples = d.wifi->samples;
    auto lo = std::lower_bound(samples.begin(), samples.end(), from,
                               [](const core::WifiSample &s, core::TimestampUs t) { return s.utcUs < t; });
    auto hi = std::upper_bound(samples.begin(), samples.end(), to,
                               [](core::TimestampUs t, const core::WifiSample &s) { return t < s.utcUs; });
    if (lo != samples.begin())
        --lo;
    if (hi != samples.end())
        ++hi;
    std::optional<double> dbmMin, dbmMax;
    double rateMax = 0;
    for (auto it = lo; it != hi; ++it) {
        if (!it->connected)
            continue;
        if (it->rssiDbm) {
            dbmMin = std::min(dbmMin.value_or(*it->rssiDbm), double(*it->rssiDbm));
            dbmMax = std::max(dbmMax.value_or(*it->rssiDbm), double(*it->rssiDbm));
        }
        rateMax = std::max({rateMax, it->tx.mbps.value_or(0), it->rx.mbps.value_or(0)});
    }
    const bool wifi = !samples.empty();
    TimelineRowSpec signal{TimelineRow::WifiSignal, tr("Wi-Fi signal, dBm"), {}, wifi, noWifiText()};
    std::tie(signal.yMin, signal.yMax) = valueRangeDbm(dbmMin.value_or(-90), dbmMax.value_or(-40));
    in.rows.push_back(signal);
    TimelineRowSpec rate{TimelineRow::WifiRate, tr("Wi-Fi rate, Mbit/s"), {}, wifi, noWifiText()};
    std::tie(rate.yMin, rate.yMax) = valueRangeFromZero(rateMax > 0 ? rateMax : 100);
    in.rows.push_back(rate);

    in.rows.push_back(TimelineRowSpec{TimelineRow::Events, tr("Events"), {}, !d.events.empty(), noEventsText()});
    for (const TimelineEvent &e : d.events)
        in.markers.push_back({e.utcUs, e.label});
    for (const core::TimelineCallout &c : d.callouts)
        in.callouts.emplace_back(c.startUtcUs, c.endUtcUs);
    return in;
}

} // namespace pathlens::views
