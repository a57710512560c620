// SPDX-License-Identifier: GPL-3.0-or-later
// Percentiles by selection.
#include "core/stats/statistics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace pathlens::core {

double percentileInPlace(std::vector<double> &v, double p)
{
    if (v.empty())
        return 0;
    // Two selections instead of a sort: O(n) for the closest ranks lo and hi = lo + 1.
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(v.size() - 1);
    const size_t lo = size_t(std::floor(rank));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(lo), v.end());
    const double atLo = v[lo];
    if (lo + 1 >= v.size())
        return atLo;
    const double atHi = *std::min_element(v.begin() + std::ptrdiff_t(lo) + 1, v.end()); // the next rank up
    return atLo + (atHi - atLo) * (rank - double(lo));
}

double percentile(std::vector<double> v, double p)
{
    return percentileInPlace(v, p);
}

} // namespace pathlens::core
