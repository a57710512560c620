// SPDX-License-Identifier: GPL-3.0-or-later
// The Wi-Fi picture of a capture: the active interface's readings in time order, every interface's
// events, the latest reading and the median signal of the capture's last ten minutes with its tier.
#include "core/wifi/wifi_picture.h"

#include "core/stats/statistics.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace pathlens::core {

namespace {
// The interface connected most recently; ties (or none ever connected) → the most readings → the first name.
QString activeInterface(const std::vector<WifiSample> &samples)
{
    struct Seen {
        TimestampUs lastConnectedUs = std::numeric_limits<TimestampUs>::min();
        size_t readings = 0;
    };
    std::map<QString, Seen> seen; // ordered by name: the last tie-break
    for (const WifiSample &s : samples) {
        Seen &e = seen[s.iface];
        ++e.readings;
        if (s.connected)
            e.lastConnectedUs = std::max(e.lastConnectedUs, s.utcUs);
    }
    const auto best = std::max_element(seen.begin(), seen.end(), [](const auto &a, const auto &b) {
        // max_element keeps the first of equals: the first name wins a full tie.
        return std::tie(a.second.lastConnectedUs, a.second.readings) <
               std::tie(b.second.lastConnectedUs, b.second.readings);
    });
    return best == seen.end() ? QString() : best->first;
}
} // namespace

WifiPicture buildWifiPicture(std::vector<WifiSample> samples, std::optional<TimestampUs> captureEndUs)
{
    WifiPicture p;
    std::stable_sort(samples.begin(), samples.end(),
                     [](const WifiSample &a, const WifiSample &b) { return a.utcUs < b.utcUs; });
    p.events = wifiEvents(samples);
    if (samples.empty())
        return p;
    const TimestampUs endUs = std::max(captureEndUs.value_or(samples.back().utcUs), samples.back().utcUs);
    const QString active = activeInterface(samples);
    std::erase_if(samples, [&](const WifiSample &s) { return s.iface != active; });
    p.latest = samples.back();
    // The signal as it is now, not as it was hours ago: the capture's last ten minutes of readings (60 at
    // one per 10 s), connected ones only (a disconnected interface has no signal to rate). An adapter
    // silent for ten minutes before the capture's end has no signal now.
    const TimestampUs from = endUs - kWifiTierWindowUs;
    std::vector<double> rssi;
    TimestampUs oldestUs = 0;
    for (auto it = samples.rbegin(); it != samples.rend() && it->utcUs >= from; ++it)
        if (it->connected && it->rssiDbm) {
            rssi.push_back(*it->rssiDbm);
            oldestUs = it->utcUs;
        }
    if (!rssi.empty()) {
        p.rssiP50Dbm = median(std::move(rssi));
        p.tier = wifiRssiTier(*p.rssiP50Dbm);
        p.signalHoldsThroughUs = oldestUs + kWifiTierWindowUs;
    }
    p.samples = std::move(samples);
    return p;
}

} // namespace pathlens::core
