// SPDX-License-Identifier: GPL-3.0-or-later
// The config file's "speed" section: the throughput servers in fallback order, the round schedule
// and the data budget (docs/configuration.md). Command-line options win over it.
#pragma once

#include "core/base/result.h"
#include "core/load/round_schedule.h"

#include <QStringList>

#include <optional>

namespace pathlens::core {

struct SpeedConfig {
    QStringList servers;                       // http(s)://HOST:PORT, first = tier 0
    std::optional<RoundScheduleMode> schedule;
    std::optional<double> budgetMb;
};

// A missing section is an empty config; a malformed one an error naming the key.
Result<SpeedConfig> loadSpeedConfig(const QString &path);

} // namespace pathlens::core
