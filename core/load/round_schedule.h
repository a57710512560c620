// SPDX-License-Identifier: GPL-3.0-or-later
// When throughput rounds run: quick 5 min (3 rounds), standard 10 min (5), extended 30 min (8),
// or continuous (8 every 30 min, without end). Rounds are spread evenly, the first at the start and,
// for a fixed length, the last at its end (seed "Adaptive Round Schedule").
#pragma once

#include "core/base/time_utc.h"

#include <QString>

#include <optional>

namespace pathlens::core {

enum class RoundScheduleMode { Quick, Standard, Extended, Continuous };
QString roundScheduleId(RoundScheduleMode mode); // quick, standard, extended, continuous
std::optional<RoundScheduleMode> roundScheduleFromId(const QString &id);

class RoundSchedule {
public:
    RoundSchedule(RoundScheduleMode mode, TimestampUs startUs);

    RoundScheduleMode mode() const { return m_mode; }
    int totalRounds() const;          // 0: continuous
    qint64 spacingUs() const;
    qint64 lengthUs() const;          // 0: continuous
    // Start of round n (1-based); none past the last round.
    std::optional<TimestampUs> roundStartUs(int round) const;
    // The latest round whose start is at or before now (0 before the first).
    int roundAt(TimestampUs nowUs) const;
    bool finished(TimestampUs nowUs) const; // every round of a fixed schedule has started

private:
    RoundScheduleMode m_mode;
    TimestampUs m_startUs;
};

} // namespace pathlens::core
