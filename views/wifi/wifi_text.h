// SPDX-License-Identifier: GPL-3.0-or-later
// Words for the Wi-Fi page: events, bands and figures as a person says them (never the stored
// identifiers), and the explanations behind each figure.
#pragma once

#include "core/wifi/wifi_sample.h"

#include <QString>

#include <optional>

namespace pathlens::views {

// "−67 dBm" / "28 dB" / "866.7 Mbit/s"; "—" when absent.
QString dbmText(const std::optional<int> &dbm);
QString dbText(const std::optional<int> &db);
// A link rate as drivers, iw and the link line write it: "1201 Mbit/s", "5.5 Mbit/s" (no grouping, a
// decimal only under 10), so the card's figures read like its link line; "—" when absent.
QString wifiRateText(const std::optional<double> &mbps);
QString wifiBandText(core::WifiBand band); // "2.4 GHz", "5 GHz", "6 GHz"; "" when unknown

// What happened, for the events table: "Roamed to another access point", "Wi-Fi generation dropped", …
QString wifiEventText(core::WifiEventKind kind);
// The marker's label on the time axis: one or two short words ("roam", "PHY drop", "disconnect").
QString wifiEventLabel(core::WifiEventKind kind);
// "aa:bb:… → cc:dd:…"; one side alone when the other is unknown; "—" when neither is.
QString wifiChangeText(const core::WifiEvent &event);
// The marker's tooltip: when, what happened with from → to, and what it means for the connection.
QString wifiEventExplanation(const core::WifiEvent &event);

// What a figure means and how it is measured (tooltips; SPEC §3, SPEC §2 Wi-Fi RSSI tiers).
QString wifiLinkHelp();
QString wifiNetworkHelp();
QString wifiSignalHelp();
QString wifiSignalMedianHelp();
QString wifiNoiseHelp();
QString wifiSnrHelp();
QString wifiRateHelp();
QString wifiCeilingHelp();

} // namespace pathlens::views
