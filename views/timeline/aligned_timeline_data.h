// SPDX-License-Identifier: GPL-3.0-or-later
// What the aligned timeline shows, read from one capture snapshot (live or reopened alike): grade
// lanes for the device and its worst apps, the gateway and internet RTT series, the Wi-Fi readings,
// the events (loss bursts, route changes, Wi-Fi events) and the callouts, with the span they cover.
#pragma once

#include "core/pipeline/capture_snapshot.h"

#include <QString>

#include <memory>
#include <vector>

namespace pathlens::views {

// One lane of the grade strip: the worst grade of the qualifying sessions touching each 5-minute
// bucket (as the Overview's 24-hour strip, over the whole capture).
struct TimelineGradeLane {
    QString name;                            // "This device", or the app's name
    std::vector<core::TimelineBucket> buckets; // graded ones only, kTimelineBucketUs long, oldest first
};

enum class TimelineEventKind { LossBurst, RouteChange, Wifi };

struct TimelineEvent {
    core::TimestampUs utcUs = 0, endUtcUs = 0; // a loss burst spans; the others are instants (end = start)
    TimelineEventKind kind = TimelineEventKind::Wifi;
    QString label;  // the marker's short word: "loss ×4", "route", "roam"
    QString text;   // the tooltip's sentence
};

struct AlignedTimelineData {
    std::vector<TimelineGradeLane> lanes;   // the device first, then the worst apps
    std::shared_ptr<const core::LatencyData> latency = std::make_shared<const core::LatencyData>();
    int gatewaySeries = -1, internetSeries = -1; // indices into latency->series; -1: none
    std::shared_ptr<const core::WifiPicture> wifi = std::make_shared<const core::WifiPicture>();
    std::vector<TimelineEvent> events;          // oldest first
    std::vector<core::TimelineCallout> callouts; // oldest first
    core::TimestampUs from = 0, to = 0;         // everything above lies inside
    bool live = false;

    bool empty() const { return to <= from; }
    const core::LatencySeries *gateway() const { return gatewaySeries < 0 ? nullptr : &latency->series[size_t(gatewaySeries)]; }
    const core::LatencySeries *internet() const { return internetSeries < 0 ? nullptr : &latency->series[size_t(internetSeries)]; }
};

// Apps with graded sessions, worst first, at most this many lanes under the device's: more would
// squeeze the RTT rows off a 768-line screen.
inline constexpr int kTimelineAppLanes = 3;

AlignedTimelineData alignedTimelineData(const core::CaptureSnapshot &snapshot, int appLanes = kTimelineAppLanes);

} // namespace pathlens::views
