// SPDX-License-Identifier: GPL-3.0-or-later
// Exponential backoff with gradual recovery.
#include "core/load/rate_limit_backoff.h"

#include <algorithm>

namespace pathlens::core {

void RateLimitBackoff::onRejected(TimestampUs nowUs, qint64 retryAfterUs)
{
    ++m_rejections;
    m_backoffUs = std::min(kMaxUs, std::max(kFirstUs, 2 * m_backoffUs));
    m_readyAtUs = nowUs + std::max(m_backoffUs, retryAfterUs);
    m_sizeFactor = std::max(kMinSizeFactor, m_sizeFactor / 2);
}

void RateLimitBackoff::onSuccess()
{
    m_backoffUs /= 2;
    if (m_backoffUs < kForgetUs)
        m_backoffUs = 0;
    m_sizeFactor = std::min(1.0, m_sizeFactor * 2);
}

} // namespace pathlens::core
