// SPDX-License-Identifier: GPL-3.0-or-later
// One capacity measurement as recorded and shown: one direction of one path at one moment.
#pragma once

#include "core/base/time_utc.h"

#include <QString>

#include <optional>

namespace pathlens::core {

enum class CapacityMode { SingleEnded, DualEnded };      // ICMP echo to any host | STAMP to an agent
enum class CapacityDirection { RoundTrip, Forward, Reverse }; // round trip: the slower direction
enum class CapacityPhase { OneOff, Continuous, Confirming }; // why it was taken

QString capacityModeName(CapacityMode m);           // "single" | "dual"
QString capacityDirectionName(CapacityDirection d); // "round_trip" | "forward" | "reverse"
QString capacityPhaseName(CapacityPhase p);         // "once" | "continuous" | "confirming"
std::optional<CapacityMode> capacityModeFromName(const QString &s);
std::optional<CapacityDirection> capacityDirectionFromName(const QString &s);
std::optional<CapacityPhase> capacityPhaseFromName(const QString &s);

struct CapacityResult {
    TimestampUs utcUs = 0;
    QString target;  // as configured: a name or an address
    QString address; // what was measured
    CapacityMode mode = CapacityMode::SingleEnded;
    CapacityDirection direction = CapacityDirection::RoundTrip;
    CapacityPhase phase = CapacityPhase::OneOff;
    // Total capacity: the peak of the loss-free estimates over the baseline window (3 h), this one
    // included; `measuredMbps` is this estimate's own. Utilised = total − available.
    std::optional<double> totalMbps, measuredMbps, availableMbps, utilisedMbps;
    std::optional<double> latencyMs; // half the fastest packet's round trip
    double lossPct = 0;              // data trains
    std::optional<double> jitterMs;  // data trains
    std::optional<double> voiceLossPct, voiceJitterMs, voiceMos;
    QString codec;                   // of the voice train ("" when none was sent)
    bool doubtful = false;           // no capacity figure: `reason` says why
    QString reason;
    int packetBytes = 0;
    int packets = 0;                 // test packets sent for this estimate (data + voice)
    qint64 bytes = 0;
    int dscp = 0;
};

} // namespace pathlens::core
