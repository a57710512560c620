// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes a throughput client may move in any 30 minutes (900 MB by default, SPEC/seed): a test that
// would go over is skipped before it starts, so the budget is never exceeded.
#pragma once

#include "core/base/time_utc.h"

#include <deque>
#include <utility>

namespace pathlens::core {

class DataBudget {
public:
    static constexpr qint64 kDefaultBytes = 900'000'000;
    static constexpr qint64 kWindowUs = 30LL * 60 * 1'000'000;

    explicit DataBudget(qint64 limitBytes = kDefaultBytes) : m_limit(limitBytes) {}

    qint64 limitBytes() const { return m_limit; }
    qint64 spentBytes(TimestampUs nowUs) const;           // in the window ending now
    qint64 remainingBytes(TimestampUs nowUs) const;
    bool allows(qint64 bytes, TimestampUs nowUs) const { return bytes <= remainingBytes(nowUs); }
    void record(qint64 bytes, TimestampUs atUs);
    // When the oldest spending leaves the window (0 when nothing is spent).
    TimestampUs nextReleaseUs(TimestampUs nowUs) const;

private:
    qint64 m_limit;
    std::deque<std::pair<TimestampUs, qint64>> m_spent; // oldest first
};

} // namespace pathlens::core
