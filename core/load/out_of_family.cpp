// SPDX-License-Identifier: GPL-3.0-or-later
// Out-of-family judgement against the median of the last five.
#include "core/load/out_of_family.h"

#include "core/stats/statistics.h"

#include <cmath>
#include <vector>

namespace pathlens::core {

std::optional<double> OutOfFamilyGuard::median() const
{
    if (int(m_recent.size()) < kMinFamily)
        return std::nullopt;
    return core::median(std::vector<double>(m_recent.begin(), m_recent.end()));
}

bool OutOfFamilyGuard::judge(double mbps)
{
    bool out = false;
    if (int(m_recent.size()) >= kMinFamily) {
        const double med = core::median(std::vector<double>(m_recent.begin(), m_recent.end()));
        out = med > 0 && std::abs(mbps - med) / med > kDeviation;
    }
    m_recent.push_back(mbps);
    if (int(m_recent.size()) > kFamily)
        m_recent.pop_front();
    return out;
}

} // namespace pathlens::core
