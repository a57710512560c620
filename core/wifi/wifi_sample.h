// SPDX-License-Identifier: GPL-3.0-or-later
// One Wi-Fi link reading (SPEC §3) as the collector takes it every 10 s, and the events read from
// consecutive readings. Plain values: no kernel constants, no storage rows.
#pragma once

#include "core/base/time_utc.h"

#include <QString>

#include <optional>
#include <vector>

namespace pathlens::core {

enum class WifiBand { Unknown, Ghz2_4, Ghz5, Ghz6 };
// The rate's encoding: legacy (a/b/g), HT = Wi-Fi 4 (n), VHT = Wi-Fi 5 (ac), HE = Wi-Fi 6 (ax),
// EHT = Wi-Fi 7 (be). Ordered: a later one is a newer generation.
enum class WifiPhyMode { Unknown, Legacy, Ht, Vht, He, Eht };

// One direction's rate as the driver reports it (nl80211 rate_info).
struct WifiRate {
    std::optional<double> mbps;      // bitrate
    WifiPhyMode mode = WifiPhyMode::Unknown;
    std::optional<int> mcs;          // MCS index (HT: 0–31 folds streams in; we report mcs % 8 and nss)
    std::optional<int> nss;          // spatial streams
    std::optional<int> widthMhz;     // 20/40/80/160/320 when the rate says so
    std::optional<int> guardNs;      // guard interval: 400 (short), 800, 1600, 3200
};

struct WifiSample {
    TimestampUs utcUs = 0;
    QString iface;                   // e.g. "wlan0"
    bool connected = false;          // associated to a BSS; the rest below only when connected
    QString ssid;
    QString bssid;                   // "aa:bb:cc:dd:ee:ff", lower case
    std::optional<int> rssiDbm;      // station signal (average when the driver gives it)
    std::optional<int> noiseDbm;     // survey noise floor of the channel in use
    std::optional<int> freqMhz;
    std::optional<int> channel;
    WifiBand band = WifiBand::Unknown;
    std::optional<int> channelWidthMhz; // the interface's channel width
    WifiRate tx, rx;

    std::optional<int> snrDb() const
    {
        if (rssiDbm && noiseDbm)
            return *rssiDbm - *noiseDbm;
        return std::nullopt;
    }
    // The PHY mode, MCS and streams shown for the link: the transmit rate's, else the receive rate's.
    const WifiRate &linkRate() const { return tx.mode != WifiPhyMode::Unknown ? tx : rx; }
};

enum class WifiEventKind { Roam, PhyModeDrop, WidthDrop, StreamDrop, Disconnect, Reconnect };

struct WifiEvent {
    TimestampUs utcUs = 0;
    WifiEventKind kind = WifiEventKind::Roam;
    QString from, to; // e.g. BSSIDs for a roam, "Wi-Fi 6" → "Wi-Fi 4" for a PHY-mode drop
    QString iface;    // whose readings showed it (events are read per interface)
};

} // namespace pathlens::core
