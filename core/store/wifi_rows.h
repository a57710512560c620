// SPDX-License-Identifier: GPL-3.0-or-later
// WifiSample ⇄ wifi_samples row. Columns hold the link rate's mode/MCS/streams (the transmit rate's);
// the rest (guard interval, the receive rate's mode/MCS/streams, rate widths) goes to notes.
#pragma once

#include "core/store/capture_tables.h"
#include "core/wifi/wifi_sample.h"

namespace pathlens::core {

Row wifiSampleToRow(const WifiSample &sample);
WifiSample wifiSampleFromRow(const Row &row);

// "legacy" | "n" | "ac" | "ax" | "be" | "" and back; "2.4" | "5" | "6" | "" and back.
QString wifiPhyModeName(WifiPhyMode m);
WifiPhyMode wifiPhyModeFromName(const QString &s);
QString wifiBandName(WifiBand b);
WifiBand wifiBandFromName(const QString &s);

} // namespace pathlens::core
