// SPDX-License-Identifier: GPL-3.0-or-later
// Rolling-window byte accounting.
#include "core/load/data_budget.h"

#include <algorithm>

namespace pathlens::core {

qint64 DataBudget::spentBytes(TimestampUs nowUs) const
{
    qint64 sum = 0;
    for (const auto &[at, bytes] : m_spent)
        if (at > nowUs - kWindowUs)
            sum += bytes;
    return sum;
}

qint64 DataBudget::remainingBytes(TimestampUs nowUs) const
{
    return std::max<qint64>(0, m_limit - spentBytes(nowUs));
}

void DataBudget::record(qint64 bytes, TimestampUs atUs)
{
    if (bytes <= 0)
        return;
    while (!m_spent.empty() && m_spent.front().first <= atUs - kWindowUs)
        m_spent.pop_front();
    m_spent.emplace_back(atUs, bytes);
}

TimestampUs DataBudget::nextReleaseUs(TimestampUs nowUs) const
{
    for (const auto &[at, bytes] : m_spent)
        if (at > nowUs - kWindowUs)
            return at + kWindowUs;
    return 0;
}

} // namespace pathlens::core
