// SPDX-License-Identifier: GPL-3.0-or-later
// The aligned timeline's rows, read from a snapshot.
#include "views/timeline/aligned_timeline_data.h"

#include "core/active/probe_kind.h"
#include "core/base/units_format.h"
#include "views/wifi/wifi_text.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace pathlens::views {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::AlignedTimeline", text);
}

core::TimestampUs bucketStart(core::TimestampUs t)
{
    // 5-minute UTC boundaries, as timeline24h: the Overview's strip and this lane agree.
    const core::TimestampUs b = core::kTimelineBucketUs;
    return t >= 0 ? t / b * b : -((-t + b - 1) / b) * b;
}

// Only the buckets a graded session touches, oldest first: one stamp from 1970 (before NTP sync)
// must not make a bucket for every 5 minutes since, so work and memory follow the sessions.
TimelineGradeLane gradeLane(const QString &name, const std::vector<const core::TcpSession *> &sessions,
                            const core::GradingPolicy &policy)
{
    std::map<core::TimestampUs, core::TimelineBucket> buckets;
    for (const core::TcpSession *s : sessions) {
        const core::Grade g = core::sessionGrade(*s, policy);
        if (g == core::Grade::Ungraded)
            continue;
        for (core::TimestampUs t = bucketStart(s->firstUtcUs); t <= bucketStart(s->lastUtcUs); t += core::kTimelineBucketUs) {
            const auto [it, added] = buckets.try_emplace(t, core::TimelineBucket{t, core::Grade::Ungraded, 0, {}, 0});
            core::TimelineBucket &b = it->second;
            if (b.grade == core::Grade::Ungraded || core::worse(b.grade, g) == g) {
                // The worst session names the bucket; on equal grades the slower one.
                if (b.grade != g || s->medianRttMs > b.worstRttMs) {
                    b.worstSessionId = s->id;
                    b.worstApp = s->app;
                    b.worstRttMs = s->medianRttMs;
                }
                b.grade = g;
            }
        }
    }
    TimelineGradeLane lane{name, {}};
    lane.buckets.reserve(buckets.size());
    for (auto &[start, bucket] : buckets)
        lane.buckets.push_back(std::move(bucket));
    return lane;
}

// A burst's series ("icmp 192.0.2.1") as the Latency page's legend names it: "ICMP echo → 192.0.2.1".
QString burstSeriesName(const QString &series)
{
    const qsizetype space = series.indexOf(QLatin1Char(' '));
    if (space < 0)
        return core::probeDisplayName(series);
    return QStringLiteral("%1 → %2").arg(core::probeDisplayName(series.left(space)), series.mid(space + 1));
}

// The series with the most answers among those that match: the steadiest picture of that side.
int busiest(const core::LatencyData &latency, bool gateway)
{
    int best = -1;
    for (size_t i = 0; i < latency.series.size(); ++i) {
        const core::LatencySeries &s = latency.series[i];
        if (s.gateway == gateway && (best < 0 || s.pyramid.size() > latency.series[size_t(best)].pyramid.size()))
            best = int(i);
    }
    return best;
}
} // namespace

AlignedTimelineData alignedTimelineData(const core::CaptureSnapshot &snapshot, int appLanes)
{
    AlignedTimelineData d;
    d.live = snapshot.live;
    d.latency = snapshot.latency ? snapshot.latency : d.latency;
    d.wifi = snapshot.wifi ? snapshot.wifi : d.wifi;
    d.gatewaySeries = busiest(*d.latency, true);
    d.internetSeries = busiest(*d.latency, false);
    d.callouts = snapshot.callouts;

    // Events: loss bursts, route changes, Wi-Fi events, by time.
    for (const core::LatencyBurst &b : d.latency->bursts)
        d.events.push_back({b.startUtcUs, b.endUtcUs, TimelineEventKind::LossBurst,
                            tr("loss ×%1").arg(b.length),
                            tr("%1 probes lost in a row to %2, %3 – %4 UTC")
                                .arg(b.length)
                                .arg(burstSeriesName(b.target), core::formatUtcMs(b.startUtcUs).mid(11, 8), core::formatUtcMs(b.endUtcUs).mid(11, 8))});
    for (const core::PathChange &c : snapshot.routeChanges)
        d.events.push_back({c.utcUs, c.utcUs, TimelineEventKind::RouteChange, tr("route"),
                            tr("Route changed at %1 UTC: %2").arg(core::formatUtcMs(c.utcUs).mid(11, 8), c.message)});
    for (const core::WifiEvent &e : d.wifi->events)
        d.events.push_back({e.utcUs, e.utcUs, TimelineEventKind::Wifi, wifiEventLabel(e.kind), wifiEventExplanation(e)});
    std::stable_sort(d.events.begin(), d.events.end(), [](const TimelineEvent &a, const TimelineEvent &b) { return a.utcUs < b.utcUs; });

    // The span: everything any row shows.
    bool any = false;
    auto include = [&](core::TimestampUs t0, core::TimestampUs t1) {
        d.from = any ? std::min(d.from, t0) : t0;
        d.to = any ? std::max(d.to, t1) : t1;
        any = true;
    };
    if (!d.latency->empty())
        include(d.latency->firstTime(), d.latency->lastTime());
    if (!d.wifi->samples.empty())
        include(d.wifi->samples.front().utcUs, d.wifi->samples.back().utcUs);
    for (const TimelineEvent &e : d.events)
        include(e.utcUs, e.endUtcUs);
    for (const core::TimelineCallout &c : d.callouts)
        include(c.startUtcUs, c.endUtcUs);
    std::vector<const core::TcpSession *> graded;
    for (const core::TcpSession &s : snapshot.passive.sessions)
        if (core::sessionGrade(s, snapshot.policy) != core::Grade::Ungraded) {
            graded.push_back(&s);
            include(s.firstUtcUs, s.lastUtcUs);
        }
    if (!any) {
        d.from = d.to = 0;
        return d;
    }

    // Grade lanes over the same span: the device, then the worst graded apps.
    if (!graded.empty()) {
        d.lanes.push_back(gradeLane(tr("This device"), graded, snapshot.policy));
        int taken = 0;
        for (const core::AppSummary &app : snapshot.passive.apps) {
            if (taken >= appLanes)
                break;
            if (app.gradedSessions == 0)
                continue;
            std::vector<const core::TcpSession *> own;
            for (const core::TcpSession *s : graded)
                if (s->app == app.name)
                    own.push_back(s);
            d.lanes.push_back(gradeLane(app.name, own, snapshot.policy));
            ++taken;
        }
    }
    return d;
}

} // namespace pathlens::views
