// SPDX-License-Identifier: GPL-3.0-or-later
// Is a throughput result in family with the recent ones? More than 50 % off the median of the last
// 5 results of its direction is "out of family" and gets one retest 90 s later; a retest never
// asks for another (SPEC §2, seed "Out-of-Family Detection").
#pragma once

#include <deque>
#include <optional>

namespace pathlens::core {

class OutOfFamilyGuard {
public:
    static constexpr int kFamily = 5;
    static constexpr int kMinFamily = 3;       // fewer results than this are no family to leave
    static constexpr double kDeviation = 0.50;
    static constexpr long long kRetestDelayUs = 90'000'000;

    // Judges a result against the family so far, then joins it (a real change must be able to
    // become the new family).
    bool judge(double mbps);
    int size() const { return int(m_recent.size()); }
    std::optional<double> median() const; // of the family, once there is one (kMinFamily results)

private:
    std::deque<double> m_recent; // oldest first, at most kFamily
};

} // namespace pathlens::core
