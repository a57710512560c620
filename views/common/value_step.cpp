// SPDX-License-Identifier: GPL-3.0-or-later
// Value-axis step for charts (the Capacity chart, the Wi-Fi strips, the bufferbloat panel).
#include "views/common/value_step.h"

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
constexpr int kMaxTicks = 6;
}

double niceValueStep(double top, double plotLength, double minPx)
{
    double step = std::pow(10.0, std::floor(std::log10(std::max(top, 1e-9) / kMaxTicks)));
    for (int guard = 0; guard < 40; ++guard) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double s = step * m;
            const double ticks = std::ceil(top / s);
            if (ticks <= kMaxTicks && plotLength / std::max(1.0, ticks) >= minPx)
                return s;
        }
        step *= 10;
    }
    return step;
}

} // namespace pathlens::views
