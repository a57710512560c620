// SPDX-License-Identifier: GPL-3.0-or-later
// What a throughput client does when a server says "too many" (HTTP 429/403): wait 30 s, doubling
// to 120 s, and halve the transfer size; on success both recover by halves, not at once, so the
// next test does not trip the same limit straight away (SPEC §2, seed "Data Budget").
#pragma once

#include "core/base/time_utc.h"

namespace pathlens::core {

class RateLimitBackoff {
public:
    static constexpr qint64 kFirstUs = 30'000'000;
    static constexpr qint64 kMaxUs = 120'000'000;
    static constexpr qint64 kForgetUs = 1'000'000; // a backoff decayed under 1 s is gone

    static constexpr double kMinSizeFactor = 1.0 / 8; // three halvings: beyond that a test measures nothing
    // A refusal; `retryAfterUs` is what the server asked for (Retry-After), waited if longer.
    void onRejected(TimestampUs nowUs, qint64 retryAfterUs = 0);
    void onSuccess();

    bool waiting(TimestampUs nowUs) const { return nowUs < m_readyAtUs; }
    TimestampUs readyAtUs() const { return m_readyAtUs; }
    qint64 backoffUs() const { return m_backoffUs; }
    double sizeFactor() const { return m_sizeFactor; } // 1, ½, ¼ … of the planned transfer
    int rejections() const { return m_rejections; }

private:
    qint64 m_backoffUs = 0;
    TimestampUs m_readyAtUs = 0;
    double m_sizeFactor = 1.0;
    int m_rejections = 0;
};

} // namespace pathlens::core
