// SPDX-License-Identifier: GPL-3.0-or-later
// Latency-rise episodes from per-minute medians, each explained by the gateway, Wi-Fi and route rows.
#include "core/timeline/timeline_callouts.h"

#include "core/active/probe_kind.h"
#include "core/base/units_format.h"
#include "core/pipeline/capture_snapshot.h"
#include "core/wifi/wifi_link_text.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include <algorithm>
#include <map>
#include <optional>

namespace pathlens::core {

// The rule (docs/methodology.md, "Aligned timeline: callouts"):
// - A minute's RTT is the median of every answered sample sent in that UTC minute by the chosen
//   series (pooled when there are several targets).
// - A minute's baseline is the median of the minute RTTs of the 30 minutes before it, leaving out
//   minutes already judged raised (a long rise must not become its own baseline); with fewer than
//   10 such minutes there is no baseline and the minute is not judged. So a lasting level shift
//   stops counting as a rise after ~20 minutes and becomes the new baseline.
// - A minute is raised when its RTT > max(1.5 × baseline, baseline + 20 ms).
// - Two or more consecutive raised minutes make an episode; episodes less than 2 minutes apart
//   merge. Work follows the samples, not the span (a 7-day capture is 10,080 minutes × a 30-value window).
namespace {

constexpr qint64 kMinuteUs = 60LL * 1'000'000;
constexpr int kBaselineMinutes = 30;     // how far back the baseline looks
constexpr int kMinBaselineMinutes = 10;  // fewer minutes with data than this: no baseline yet
constexpr double kRiseFactor = 1.5;      // "well above": half as much again …
constexpr double kInternetRiseMs = 20;   // … and at least 20 ms, so a 2 → 4 ms wobble is not a rise
constexpr double kGatewayRiseMs = 5;     // a gateway sits at a few ms: +5 ms (and 1.5×) is a slower LAN hop
constexpr int kMinEpisodeMinutes = 2;    // one slow minute is noise
constexpr int kMergeGapMinutes = 2;      // rises closer than this are one episode
constexpr qint64 kContextUs = kMinuteUs; // the other rows are read over the episode ±1 min
constexpr double kWeakRssiDbm = -70;     // SPEC §2 Wi-Fi RSSI: below −70 dBm is the impaired tier

struct MinuteRtt {
    qint64 minute = 0; // UTC minutes since the epoch
    double rttMs = 0;
    std::optional<double> baselineMs;
    bool raised = false;
};

double medianOf(std::vector<double> v)
{
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + mid, v.end());
    const double hi = v[mid];
    if (v.size() % 2)
        return hi;
    return (*std::max_element(v.begin(), v.begin() + mid) + hi) / 2;
}

qint64 minuteOf(TimestampUs t)
{
    return t >= 0 ? t / kMinuteUs : -((-t + kMinuteUs - 1) / kMinuteUs);
}

// Minute medians of the pooled series, oldest first; minutes without samples are absent.
std::vector<MinuteRtt> minuteMedians(const std::vector<const LatencySeries *> &series)
{
    // Only the minutes that have samples: one stamp from 1970 (before NTP sync) must not make a
    // bucket for every minute since, so work and memory follow the samples, not the span.
    std::map<qint64, std::vector<double>> buckets;
    for (const LatencySeries *s : series) {
        const auto &t = s->pyramid.times();
        const auto &v = s->pyramid.values();
        for (size_t i = 0; i < t.size(); ++i)
            buckets[minuteOf(t[i])].push_back(v[i]);
    }
    std::vector<MinuteRtt> out;
    out.reserve(buckets.size());
    for (auto &[minute, values] : buckets)
        out.push_back({minute, medianOf(std::move(values)), std::nullopt, false});
    return out;
}

// Baseline of minute `at` from the minutes before it (unraised ones), per the rule above.
std::optional<double> baselineBefore(const std::vector<MinuteRtt> &minutes, size_t at, qint64 minute)
{
    std::vector<double> window;
    for (size_t j = at; j-- > 0 && minutes[j].minute >= minute - kBaselineMinutes;)
        if (!minutes[j].raised)
            window.push_back(minutes[j].rttMs);
    if (int(window.size()) < kMinBaselineMinutes)
        return std::nullopt;
    return medianOf(std::move(window));
}

bool isRise(double value, double baseline, double minRiseMs)
{
    return value > std::max(kRiseFactor * baseline, baseline + minRiseMs);
}

struct Episode {
    size_t firstIdx = 0, lastIdx = 0; // into the minute list, inclusive (may enclose unraised minutes after a merge)
};

std::vector<Episode> findEpisodes(std::vector<MinuteRtt> &minutes)
{
    for (size_t i = 0; i < minutes.size(); ++i) {
        minutes[i].baselineMs = baselineBefore(minutes, i, minutes[i].minute);
        minutes[i].raised = minutes[i].baselineMs && isRise(minutes[i].rttMs, *minutes[i].baselineMs, kInternetRiseMs);
    }
    std::vector<Episode> runs;
    for (size_t i = 0; i < minutes.size(); ++i) {
        if (!minutes[i].raised)
            continue;
        size_t j = i;
        while (j + 1 < minutes.size() && minutes[j + 1].raised && minutes[j + 1].minute == minutes[j].minute + 1)
            ++j;
        if (int(minutes[j].minute - minutes[i].minute + 1) >= kMinEpisodeMinutes) {
            if (!runs.empty() && minutes[i].minute - minutes[runs.back().lastIdx].minute - 1 < kMergeGapMinutes)
                runs.back().lastIdx = j;
            else
                runs.push_back({i, j});
        }
        i = j;
    }
    return runs;
}

// The series whose rise we look for: internet targets' ICMP, else any internet series, else the gateway's.
std::vector<const LatencySeries *> pick(const LatencyData &data, bool gateway)
{
    std::vector<const LatencySeries *> icmp, any;
    for (const LatencySeries &s : data.series) {
        if (s.gateway != gateway || s.pyramid.times().empty())
            continue;
        any.push_back(&s);
        if (s.probe == probeKindId(ProbeKind::Icmp))
            icmp.push_back(&s);
    }
    return icmp.empty() ? any : icmp;
}

// UTC, as every time axis of the app is labelled, so a sentence and the axis under it agree and a
// report reads the same on any machine.
QString utcHm(TimestampUs t)
{
    return QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).toString(QStringLiteral("HH:mm"));
}

QString utcDateHm(TimestampUs t)
{
    return QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// The callouts are read in the window, which translates them (context TimelineCallouts); the phrases
// are joined into sentences, so their translations keep the case the joined sentence needs.
QString joinAnd(const QStringList &parts)
{
    if (parts.size() <= 1)
        return parts.value(0);
    return QStringList(parts.mid(0, parts.size() - 1)).join(QStringLiteral(", "))
           + QCoreApplication::translate("TimelineCallouts", " and ") + parts.back();
}

QString eventPhrase(WifiEventKind k)
{
    switch (k) {
    case WifiEventKind::Roam: return QCoreApplication::translate("TimelineCallouts", "a roam");
    case WifiEventKind::PhyModeDrop: return QCoreApplication::translate("TimelineCallouts", "a PHY-mode drop");
    case WifiEventKind::WidthDrop: return QCoreApplication::translate("TimelineCallouts", "a channel-width drop");
    case WifiEventKind::StreamDrop: return QCoreApplication::translate("TimelineCallouts", "a stream drop");
    case WifiEventKind::Disconnect: return QCoreApplication::translate("TimelineCallouts", "a disconnect");
    case WifiEventKind::Reconnect: return QCoreApplication::translate("TimelineCallouts", "a reconnect");
    }
    return {};
}

// What the other rows showed over one episode.
struct Context {
    std::optional<double> gatewayBeforeMs, gatewayDuringMs; // minute medians: baseline and episode median
    bool gatewayUp = false;
    int gatewayBursts = 0;
    std::optional<double> rssiDbm; // median of connected readings over the window
    std::vector<const WifiEvent *> wifiEvents;
    std::vector<const PathChange *> routeChanges;
    bool radioBad() const { return (rssiDbm && *rssiDbm < kWeakRssiDbm) || !wifiEvents.empty(); }
};

Context readContext(const CaptureSnapshot &snap, const std::vector<const LatencySeries *> &gatewaySeries,
                    const std::vector<MinuteRtt> &gatewayMinutes, TimestampUs startUs, TimestampUs endUs)
{
    Context c;
    const TimestampUs from = startUs - kContextUs, to = endUs + kContextUs;
    // Gateway RTT over the episode's own minutes (the ±1 min would dilute it with the calm before).
    const qint64 m0 = minuteOf(startUs), m1 = minuteOf(endUs - 1);
    const auto firstIn = std::lower_bound(gatewayMinutes.begin(), gatewayMinutes.end(), m0,
                                          [](const MinuteRtt &m, qint64 v) { return m.minute < v; });
    std::vector<double> before, during;
    for (auto it = firstIn; it != gatewayMinutes.end() && it->minute <= m1; ++it)
        during.push_back(it->rttMs);
    for (auto it = firstIn; it != gatewayMinutes.begin() && (it - 1)->minute >= m0 - kBaselineMinutes; --it)
        before.push_back((it - 1)->rttMs);
    if (!before.empty())
        c.gatewayBeforeMs = medianOf(before);
    if (!during.empty())
        c.gatewayDuringMs = medianOf(during);
    c.gatewayUp = c.gatewayBeforeMs && c.gatewayDuringMs && isRise(*c.gatewayDuringMs, *c.gatewayBeforeMs, kGatewayRiseMs);
    QStringList gatewayKeys;
    for (const LatencySeries *s : gatewaySeries)
        gatewayKeys << s->probe + QLatin1Char(' ') + s->target; // LatencyBurst::target's form
    for (const LatencyBurst &b : snap.latency->bursts)
        if (b.startUtcUs <= to && b.endUtcUs >= from && gatewayKeys.contains(b.target))
            ++c.gatewayBursts;
    // Wi-Fi: readings and events are oldest first.
    const auto &samples = snap.wifi->samples;
    std::vector<double> rssi;
    for (auto it = std::lower_bound(samples.begin(), samples.end(), from,
                                    [](const WifiSample &s, TimestampUs t) { return s.utcUs < t; });
         it != samples.end() && it->utcUs <= to; ++it)
        if (it->connected && it->rssiDbm)
            rssi.push_back(*it->rssiDbm);
    if (!rssi.empty())
        c.rssiDbm = medianOf(rssi);
    const auto &events = snap.wifi->events;
    for (auto it = std::lower_bound(events.begin(), events.end(), from,
                                    [](const WifiEvent &e, TimestampUs t) { return e.utcUs < t; });
         it != events.end() && it->utcUs <= to; ++it)
        c.wifiEvents.push_back(&*it);
    for (const PathChange &p : snap.routeChanges)
        if (p.utcUs >= from && p.utcUs <= to)
            c.routeChanges.push_back(&p);
    return c;
}

// "with RSSI −78 dBm and a roam"
QString radioPhrase(const Context &c)
{
    QStringList parts;
    if (c.rssiDbm && *c.rssiDbm < kWeakRssiDbm)
        parts << QCoreApplication::translate("TimelineCallouts", "RSSI ") + formatDbm(*c.rssiDbm);
    QStringList seen;
    for (const WifiEvent *e : c.wifiEvents)
        if (!seen.contains(eventPhrase(e->kind)))
            seen << eventPhrase(e->kind);
    parts << seen;
    return QCoreApplication::translate("TimelineCallouts", "with ") + joinAnd(parts);
}

QString gatewayPhrase(const Context &c)
{
    QStringList parts;
    if (c.gatewayUp)
        parts << QCoreApplication::translate("TimelineCallouts", "the gateway slower (%1 → %2)").arg(formatMs(*c.gatewayBeforeMs), formatMs(*c.gatewayDuringMs));
    if (c.gatewayBursts > 0)
        parts << QCoreApplication::translate("TimelineCallouts", "loss at the gateway");
    return QCoreApplication::translate("TimelineCallouts", "with ") + joinAnd(parts);
}

QString evidenceText(const Context &c, bool haveGateway, double beforeMs, double duringMs, double peakMs,
                     TimestampUs startUs, TimestampUs endUs)
{
    QStringList lines;
    lines << QCoreApplication::translate("TimelineCallouts", "%1 – %2 UTC").arg(utcDateHm(startUs), utcHm(endUs));
    lines << QCoreApplication::translate("TimelineCallouts", "Internet RTT %1 before, %2 during (minute medians; worst minute %3)")
                 .arg(formatMs(beforeMs), formatMs(duringMs), formatMs(peakMs));
    if (!haveGateway)
        lines << QCoreApplication::translate("TimelineCallouts", "Gateway: no readings");
    else if (c.gatewayBeforeMs && c.gatewayDuringMs)
        lines << QCoreApplication::translate("TimelineCallouts", "Gateway RTT %1 before, %2 during%3")
                     .arg(formatMs(*c.gatewayBeforeMs), formatMs(*c.gatewayDuringMs),
                          c.gatewayUp ? QCoreApplication::translate("TimelineCallouts", " (up)") : QCoreApplication::translate("TimelineCallouts", " (clean)"));
    else
        lines << QCoreApplication::translate("TimelineCallouts", "Gateway RTT: no readings before or during");
    if (haveGateway)
        lines << QCoreApplication::translate("TimelineCallouts", "Gateway loss bursts: %1").arg(c.gatewayBursts);
    if (c.rssiDbm)
        lines << QCoreApplication::translate("TimelineCallouts", "Wi-Fi RSSI median %1").arg(formatDbm(*c.rssiDbm));
    else
        lines << QCoreApplication::translate("TimelineCallouts", "Wi-Fi: no readings");
    for (const WifiEvent *e : c.wifiEvents)
        lines << QStringLiteral("%1 %2").arg(utcHm(e->utcUs), wifiEventMessage(*e));
    for (const PathChange *p : c.routeChanges)
        lines << QCoreApplication::translate("TimelineCallouts", "%1 route change: %2").arg(utcHm(p->utcUs), p->message);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString calloutCauseName(CalloutCause c)
{
    switch (c) {
    case CalloutCause::LocalRadio: return QCoreApplication::translate("TimelineCallouts", "Local radio");
    case CalloutCause::LocalNetwork: return QCoreApplication::translate("TimelineCallouts", "Local network");
    case CalloutCause::Upstream: return QCoreApplication::translate("TimelineCallouts", "Upstream");
    case CalloutCause::RouteChange: return QCoreApplication::translate("TimelineCallouts", "Route change");
    case CalloutCause::Undetermined: return QCoreApplication::translate("TimelineCallouts", "Cause unknown");
    }
    return {};
}

std::vector<TimelineCallout> timelineCallouts(const CaptureSnapshot &snapshot)
{
    std::vector<TimelineCallout> out;
    if (!snapshot.latency)
        return out;
    const std::vector<const LatencySeries *> gatewaySeries = pick(*snapshot.latency, true);
    std::vector<const LatencySeries *> watched = pick(*snapshot.latency, false);
    if (watched.empty())
        watched = gatewaySeries; // no internet target: the gateway's own rises
    std::vector<MinuteRtt> minutes = minuteMedians(watched);
    const std::vector<Episode> episodes = findEpisodes(minutes);
    if (episodes.empty())
        return out;
    const std::vector<MinuteRtt> gatewayMinutes = minuteMedians(gatewaySeries);
    const bool haveGateway = !gatewaySeries.empty();

    for (const Episode &ep : episodes) {
        const MinuteRtt &first = minutes[ep.firstIdx], &last = minutes[ep.lastIdx];
        TimelineCallout co;
        co.startUtcUs = first.minute * kMinuteUs;
        co.endUtcUs = (last.minute + 1) * kMinuteUs;
        std::vector<double> during;
        double peak = 0;
        for (size_t i = ep.firstIdx; i <= ep.lastIdx; ++i) {
            during.push_back(minutes[i].rttMs);
            peak = std::max(peak, minutes[i].rttMs);
        }
        const Context c = readContext(snapshot, gatewaySeries, gatewayMinutes, co.startUtcUs, co.endUtcUs);
        const qint64 lengthMin = last.minute - first.minute + 1;
        const QString lead = QCoreApplication::translate("TimelineCallouts", "Latency rose at %1 UTC for %2 min").arg(utcHm(co.startUtcUs)).arg(lengthMin);
        const bool gatewayTrouble = c.gatewayUp || c.gatewayBursts > 0;
        if (!haveGateway) {
            // Nothing to tell the LAN from beyond it: name what was seen, say what is missing.
            if (c.radioBad()) {
                co.cause = CalloutCause::LocalRadio;
                co.text = QCoreApplication::translate("TimelineCallouts", "%1 %2: local radio, likely (no gateway readings to tell where)").arg(lead, radioPhrase(c));
            } else if (!c.routeChanges.empty()) {
                co.cause = CalloutCause::RouteChange;
                co.text = QCoreApplication::translate("TimelineCallouts", "%1 as the route changed: route change, likely (no gateway readings to tell where)").arg(lead);
            } else {
                co.cause = CalloutCause::Undetermined;
                co.text = QCoreApplication::translate("TimelineCallouts", "%1: no gateway readings to tell where").arg(lead);
            }
        } else if (c.radioBad() && gatewayTrouble) {
            // Loss at the gateway with a weak or changing radio is the radio too (the brief's rule
            // asks for the gateway RTT up; a lossy first hop over a bad radio is the same story).
            co.cause = CalloutCause::LocalRadio;
            co.text = QCoreApplication::translate("TimelineCallouts", "%1 %2: local radio").arg(lead, radioPhrase(c));
        } else if (gatewayTrouble) {
            co.cause = CalloutCause::LocalNetwork;
            co.text = QCoreApplication::translate("TimelineCallouts", "%1 %2: local network").arg(lead, gatewayPhrase(c));
        } else if (!c.routeChanges.empty()) {
            co.cause = CalloutCause::RouteChange;
            co.text = QCoreApplication::translate("TimelineCallouts", "%1 as the route changed, gateway clean: route change").arg(lead);
        } else {
            co.cause = CalloutCause::Upstream;
            co.text = QCoreApplication::translate("TimelineCallouts", "%1, gateway clean, internet slow: upstream").arg(lead);
        }
        co.evidence = evidenceText(c, haveGateway, first.baselineMs.value_or(0), medianOf(during), peak, co.startUtcUs,
                                   co.endUtcUs);
        out.push_back(std::move(co));
    }
    return out;
}

} // namespace pathlens::core
