// SPDX-License-Identifier: GPL-3.0-or-later
// Pure parser of nl80211 generic-netlink replies (interface, station and survey dumps) into the
// fields of a WifiSample. Kernel constants stay inside the .cpp (written out, as inet_diag_parser
// does): no <linux/...> header, compiles on any OS. Never reads outside `bytes`, never crashes.
#pragma once

#include "core/base/result.h"
#include "core/wifi/wifi_sample.h"

#include <QByteArrayView>

#include <optional>
#include <vector>

namespace pathlens::collect {

// NL80211_CMD_NEW_INTERFACE (reply to GET_INTERFACE): one per wireless interface.
struct Nl80211Interface {
    int ifindex = 0;
    QString name;                    // NL80211_ATTR_IFNAME
    int iftype = 0;                  // NL80211_ATTR_IFTYPE (2 = station)
    QString ssid;                    // NL80211_ATTR_SSID (only while associated)
    std::optional<int> freqMhz;      // NL80211_ATTR_WIPHY_FREQ
    std::optional<int> channelWidthMhz; // NL80211_ATTR_CHANNEL_WIDTH mapped to MHz (20_NOHT → 20)
};

// NL80211_CMD_NEW_STATION (reply to GET_STATION): the AP a station interface is associated with.
struct Nl80211Station {
    int ifindex = 0;
    QString bssid;                   // NL80211_ATTR_MAC, "aa:bb:cc:dd:ee:ff"
    std::optional<int> signalDbm;    // NL80211_STA_INFO_SIGNAL_AVG, else NL80211_STA_INFO_SIGNAL
    core::WifiRate tx, rx;           // NL80211_STA_INFO_TX_BITRATE / RX_BITRATE (rate_info nests)
};

// NL80211_CMD_NEW_SURVEY_RESULTS (reply to GET_SURVEY): one per channel.
struct Nl80211Survey {
    int ifindex = 0;
    int freqMhz = 0;                 // NL80211_SURVEY_INFO_FREQUENCY
    std::optional<int> noiseDbm;     // NL80211_SURVEY_INFO_NOISE
    bool inUse = false;              // NL80211_SURVEY_INFO_IN_USE
};

// Everything found in one or more concatenated netlink messages. NLMSG_DONE is counted,
// NLMSG_NOOP skipped; NLMSG_ERROR with a non-zero code, truncation and malformed attributes are errors.
struct Nl80211Parse {
    std::vector<Nl80211Interface> interfaces;
    std::vector<Nl80211Station> stations;
    std::vector<Nl80211Survey> surveys;
    int doneCount = 0;
};

core::Result<Nl80211Parse> parseNl80211(QByteArrayView bytes);

// 2412 → 1, 5180 → 36, 5955 → 1 (6 GHz), 2484 → 14; nullopt outside the Wi-Fi bands.
std::optional<int> channelFromFrequency(int freqMhz);
core::WifiBand bandFromFrequency(int freqMhz);

// One reading for `iface`: the interface's SSID/frequency/width, the station's BSSID/signal/rates
// (none: not connected) and the noise of the in-use survey entry (else the one on the frequency).
core::WifiSample assembleWifiSample(const Nl80211Interface &iface, const std::vector<Nl80211Station> &stations,
                                   const std::vector<Nl80211Survey> &surveys, core::TimestampUs utcUs);

} // namespace pathlens::collect
