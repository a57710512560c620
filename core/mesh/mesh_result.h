// SPDX-License-Identifier: GPL-3.0-or-later
// One directional mesh measurement: agent `src` measured to agent `dst` in one cycle.
#pragma once

#include "core/base/time_utc.h"

#include <QString>

#include <optional>

namespace pathlens::core {

struct MeshResult {
    TimestampUs utcUs = 0;
    QString src, dst;          // agent names
    QString path = QStringLiteral("direct"); // lan | direct | punched | relayed | none (the connection ladder)
    QString pathNote;          // how the ladder got there, or (none) why every rung failed
    QString dstAddress;
    int sent = 0, answered = 0;
    double rttMs = 0;          // median of the cycle's echo series
    double lossPct = 0;
    std::optional<double> lossForwardPct, lossReversePct;
    double queueForwardMs = 0, queueReverseMs = 0;
    std::optional<double> capacityForwardMbps, capacityReverseMbps;
    QString capacityNote;
    bool down() const { return (sent > 0 && answered == 0) || path == QLatin1String("none"); }
};

} // namespace pathlens::core
