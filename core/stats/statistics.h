// SPDX-License-Identifier: GPL-3.0-or-later
// Order statistics shared by every analysis: percentiles by linear interpolation between closest
// ranks (the common "type 7"), the median as their 50th.
#pragma once

#include <vector>

namespace pathlens::core {

// 0 for an empty set.
double percentile(std::vector<double> values, double p);
// The same, reordering `values` instead of copying them (linear time: two selections, no sort).
double percentileInPlace(std::vector<double> &values, double p);
inline double median(std::vector<double> values) { return percentileInPlace(values, 50); }

} // namespace pathlens::core
