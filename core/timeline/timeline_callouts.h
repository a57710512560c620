// SPDX-License-Identifier: GPL-3.0-or-later
// Where the aligned timeline's rows coincide: a latency rise read against the gateway, the Wi-Fi
// radio and the route at the same minutes, said as a cause a person can act on ("latency rose at
// 14:02 with RSSI −78 dBm and a roam: local radio" vs "gateway clean, internet slow: upstream").
#pragma once

#include "core/base/time_utc.h"

#include <QString>

#include <vector>

namespace pathlens::core {

struct CaptureSnapshot;

enum class CalloutCause {
    LocalRadio,   // the Wi-Fi link was weak or changed (low RSSI, roam, PHY/width/stream drop) as latency rose at the gateway too
    LocalNetwork, // the gateway itself slowed or lost packets, the radio looked fine (or there is none)
    Upstream,     // gateway clean, internet slow: beyond the gateway
    RouteChange,  // the internet path changed as latency rose
    Undetermined, // no gateway readings to tell the LAN from beyond it, and nothing else to point at
};

struct TimelineCallout {
    TimestampUs startUtcUs = 0, endUtcUs = 0; // the episode: latency above its baseline
    CalloutCause cause = CalloutCause::Upstream;
    QString text;       // one sentence, times in local time ("Latency rose at 14:02 …: local radio")
    QString evidence;   // the figures behind it, for a tooltip (RTTs before/during, RSSI, events)
};

QString calloutCauseName(CalloutCause c); // "Local radio", "Local network", "Upstream", "Route change", "Cause unknown"

// Episodes where the internet (else gateway) RTT rose well above its baseline, each explained by
// what the other rows show over the same minutes. Oldest first; empty when nothing rose.
std::vector<TimelineCallout> timelineCallouts(const CaptureSnapshot &snapshot);

} // namespace pathlens::core
