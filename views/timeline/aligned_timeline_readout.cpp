// SPDX-License-Identifier: GPL-3.0-or-later
// The aligned timeline's crosshair readout.
#include "views/timeline/aligned_timeline_readout.h"

#include "core/report/display_names.h"
#include "views/common/time_ticks.h"
#include "views/wifi/wifi_text.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
constexpr double kReachPx = 4;                    // events and empty RTT columns: this close counts
constexpr core::TimestampUs kWifiReachUs = 15'000'000; // SPEC §3: a reading every 10 s, so ±15 s holds one

QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::AlignedTimeline", text);
}

QString ms(double v)
{
    return QLocale().toString(v, 'f', v < 10 ? 1 : 0);
}

QString rttAt(const core::LatencySeries *s, const AlignedTimelineLayout &l, double x)
{
    if (!s)
        return QStringLiteral("—");
    const double pxUs = double(l.to - l.from) / std::max(1.0, l.plotRight - l.plotLeft);
    for (double reach : {0.5, kReachPx}) {
        const core::TimestampUs t0 = l.timeAt(x) - core::TimestampUs(reach * pxUs);
        const core::TimestampUs t1 = l.timeAt(x) + core::TimestampUs(std::max(1.0, reach * pxUs));
        const std::vector<core::MinMaxPyramid::Column> c = s->pyramid.query(t0, t1, 1);
        if (c.empty())
            continue;
        if (c.front().count > 0) {
            const double lo = c.front().min, hi = c.front().max;
            const QString v = std::abs(hi - lo) < 0.05 ? tr("%1 ms").arg(ms(hi)) : tr("%1–%2 ms").arg(ms(lo), ms(hi));
            return c.front().lost > 0 ? tr("%1, %2 lost").arg(v).arg(c.front().lost) : v;
        }
        if (c.front().lost > 0)
            return tr("lost");
    }
    return QStringLiteral("—");
}
} // namespace

QString TimelineReadout::text() const
{
    QStringList lines{time};
    lines << lanes;
    lines << tr("Gateway RTT: %1").arg(gateway) << tr("Internet RTT: %1").arg(internet)
          << tr("Wi-Fi signal: %1").arg(signal) << tr("Wi-Fi rate: %1").arg(rate);
    lines << tr("Events: %1").arg(events.isEmpty() ? QStringLiteral("—") : events.join(QStringLiteral(", ")));
    for (const QString &c : callouts)
        lines << c;
    return lines.join(QLatin1Char('\n'));
}

TimelineReadout timelineReadoutAt(const AlignedTimelineData &d, const AlignedTimelineLayout &l, double x)
{
    TimelineReadout r;
    r.utcUs = l.timeAt(x);
    r.time = tr("%1 UTC").arg(timeOfDay(r.utcUs));

    for (const TimelineGradeLane &lane : d.lanes) {
        QString v = tr("idle");
        for (const core::TimelineBucket &b : lane.buckets)
            if (r.utcUs >= b.startUtcUs && r.utcUs < b.startUtcUs + core::kTimelineBucketUs && b.grade != core::Grade::Ungraded)
                v = tr("%1 (worst %2, %3 ms)").arg(core::gradeDisplayName(b.grade), b.worstApp, ms(b.worstRttMs));
        r.lanes << tr("%1: %2").arg(lane.name, v);
    }
    r.gateway = rttAt(d.gateway(), l, x);
    r.internet = rttAt(d.internet(), l, x);

    r.signal = r.rate = QStringLiteral("—");
    const std::vector<core::WifiSample> &samples = d.wifi->samples;
    const auto it = std::lower_bound(samples.begin(), samples.end(), r.utcUs,
                                     [](const core::WifiSample &s, core::TimestampUs t) { return s.utcUs < t; });
    const core::WifiSample *nearest = nullptr;
    for (auto c : {it, it == samples.begin() ? samples.end() : it - 1})
        if (c != samples.end() && std::llabs(c->utcUs - r.utcUs) <= kWifiReachUs &&
            (!nearest || std::llabs(c->utcUs - r.utcUs) < std::llabs(nearest->utcUs - r.utcUs)))
            nearest = &*c;
    if (nearest && !nearest->connected) {
        r.signal = r.rate = tr("not connected");
    } else if (nearest) {
        r.signal = dbmText(nearest->rssiDbm);
        r.rate = tr("TX %1 · RX %2").arg(wifiRateText(nearest->tx.mbps), wifiRateText(nearest->rx.mbps));
    }

    for (const TimelineEvent &e : d.events) {
        const double x0 = l.xOf(e.utcUs), x1 = l.xOf(e.endUtcUs);
        if (x >= x0 - kReachPx && x <= x1 + kReachPx)
            r.events << e.label;
    }
    for (const core::TimelineCallout &c : d.callouts)
        if (r.utcUs >= c.startUtcUs && r.utcUs <= c.endUtcUs)
            r.callouts << c.text;
    return r;
}

} // namespace pathlens::views
