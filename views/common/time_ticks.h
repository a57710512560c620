// SPDX-License-Identifier: GPL-3.0-or-later
// Time ticks for a chart's time axis: whole seconds, minutes, hours or days, the shortest step whose labels keep apart.
#pragma once

#include "core/base/time_utc.h"

#include <QRectF>
#include <QString>

#include <functional>
#include <vector>

namespace pathlens::views {

struct TimeTick {
    core::TimestampUs utcUs = 0;
    double x = 0;
    QString label;   // "14:02", "14:02:30", "6 Dec"
    QRectF labelRect;
};

// Ticks for [from, to) drawn over [left, right], labels on a row at `top`; never two labels closer
// than 6 px, none past `maxRight`. No step finer than `minStepUs` (a chart whose readings come
// every 10 s has no use for 5 s ticks).
std::vector<TimeTick> timeTicks(core::TimestampUs from, core::TimestampUs to, double left, double right, double top,
                                double lineHeight, double maxRight, const std::function<double(const QString &)> &textWidth,
                                core::TimestampUs minStepUs = 0);

// "UTC, 2026-12-06" or "UTC, 2026-12-06 – 2026-12-07": the day the labels above belong to.
QString timeAxisCaption(core::TimestampUs from, core::TimestampUs to);

// "14:02:07" UTC, for readouts.
QString timeOfDay(core::TimestampUs t);

} // namespace pathlens::views
