// SPDX-License-Identifier: GPL-3.0-or-later
// The Wi-Fi link in words: the card line, and the throughput ceiling the link's PHY settings imply
// with the reason (width, streams, PHY generation, MCS).
#pragma once

#include "core/wifi/wifi_sample.h"

#include <QString>

#include <optional>

namespace pathlens::core {

// "Wi-Fi 7", "Wi-Fi 6", "Wi-Fi 5", "Wi-Fi 4", "Wi-Fi (legacy)"; "" when unknown.
QString wifiGenerationName(WifiPhyMode m);
// "Wi-Fi 6, 5 GHz ch 36, 80 MHz, 2×2, MCS 11 — link rate 1201 Mbit/s"; "Not connected".
QString wifiLinkLine(const WifiSample &s);

// The link's channel width: the interface's, else the link rate's.
std::optional<int> wifiLinkWidthMhz(const WifiSample &s);
QString wifiWidthText(int mhz);   // "80 MHz"
// A link rate as drivers and `iw` print it: "1201 Mbit/s", a decimal only under 10 ("5.5 Mbit/s").
QString wifiRateMbitText(double mbps);
QString wifiStreamsText(int nss); // "1 stream", "2 streams"

struct WifiCeiling {
    std::optional<double> phyMaxMbps;    // the top MCS at this mode, width, streams and guard interval
    std::optional<double> usableMbps;    // what TCP can expect near the top MCS (a fraction of the PHY rate)
    QString reason;                      // "20 MHz and one stream cap this link near 100 Mbit/s"
};
WifiCeiling wifiCeiling(const WifiSample &s);

// PHY data rate in Mbit/s for a mode, MCS, width, streams and guard interval; nullopt when the
// combination does not exist (e.g. VHT MCS 9 at 20 MHz with 1 stream).
std::optional<double> wifiPhyRateMbps(WifiPhyMode mode, int mcs, int widthMhz, int nss, int guardNs);

// An event in the capture's event list: its kind ("wifi_roam", "wifi_phy_mode_drop",
// "wifi_width_drop", "wifi_stream_drop", "wifi_disconnect", "wifi_reconnect"), its source and its
// sentence ("wlan0 roamed from aa:bb:cc:dd:ee:01 to aa:bb:cc:dd:ee:02").
QString wifiEventKindId(WifiEventKind kind);
inline QString wifiEventSource() { return QStringLiteral("wifi"); }
QString wifiEventMessage(const WifiEvent &e);

} // namespace pathlens::core
