// SPDX-License-Identifier: GPL-3.0-or-later
// Words for the Capacity page: directions, phases and modes as a person says them (never the stored
// identifiers), the explanations behind each figure, and the small formatting the page shares.
#pragma once

#include "core/trains/capacity_result.h"

#include <QString>

#include <optional>

namespace pathlens::views {

// "both directions (the slower one)", "outbound", "inbound".
QString capacityDirectionText(core::CapacityDirection direction);
// "10.90.4.2 — outbound"; a configured name shows its address too: "lab-b (10.90.4.2) — inbound".
QString capacityPathText(const QString &target, const QString &address, core::CapacityDirection direction);
// "regular measurement", "confirmation sample", "one-off measurement".
QString capacityPhaseText(core::CapacityPhase phase);
// "ICMP echo, single-ended" | "agent reflector, dual-ended".
QString capacityModeText(core::CapacityMode mode);

// "19.9 Mbit/s" through core's formatting, "—" when absent.
QString mbpsText(const std::optional<double> &mbps);
QString msText(const std::optional<double> &ms);
QString percentText(const std::optional<double> &pct);
QString mosText(double mos); // "3.90" (a score from 1 to 5, no unit)
QString utcTimeText(core::TimestampUs utcUs);     // "15:55:54 UTC"
QString utcDateTimeText(core::TimestampUs utcUs); // "2026-12-06 15:55:54 UTC"
QString utcStampText(core::TimestampUs utcUs);    // "2026-12-06 15:55:54" (under a "Time (UTC)" header)

// What a figure means and how it is measured (tooltips; SPEC §2 "Packet trains").
QString totalCapacityHelp();
QString availableCapacityHelp();
QString utilisedCapacityHelp();
QString trainLatencyHelp();
QString dataLossHelp();
QString dataJitterHelp();
QString voiceMosHelp();
QString voiceLossJitterHelp();
QString testTrafficHelp();
QString doubtfulHelp();
QString confirmationHelp();

} // namespace pathlens::views
