// SPDX-License-Identifier: GPL-3.0-or-later
// The Wi-Fi picture as JSON for report --json: the latest reading, the link in words, the median
// signal, its tier and the events.
#pragma once

#include "core/wifi/wifi_picture.h"

#include <QJsonObject>

namespace pathlens::core {

// {utc, iface, connected, ssid, bssid, rssi_dbm, noise_dbm, snr_db, freq_mhz, channel, band, width_mhz,
//  tx {mbps, mode, mcs, nss, width_mhz, guard_ns}, rx {…}}; absent figures (and every link field of a
//  disconnected reading) are null. band "2.4" | "5" | "6", mode "legacy" | "n" | "ac" | "ax" | "be".
QJsonObject wifiSampleJson(const WifiSample &s);
// {utc, iface, kind, from, to, message}; kind as in the capture's event list ("wifi_roam", …).
QJsonObject wifiEventJson(const WifiEvent &e);
// {latest {...} | null, link, ceiling {phy_max_mbps, usable_mbps, reason} | null, rssi_p50_dbm,
//  tier, readings, events [...] (oldest first)}.
QJsonObject wifiReportJson(const WifiPicture &wifi);

} // namespace pathlens::core
