// SPDX-License-Identifier: GPL-3.0-or-later
// The probe scheduler's time source: a monotonic clock for deadlines and UTC for sample stamps.
#pragma once

#include "core/base/time_utc.h"

#include <chrono>

namespace pathlens::collect {

// Injected into ProbeScheduler so unit tests run on a virtual clock. Owned by the caller.
class ProbeClock {
public:
    virtual ~ProbeClock() = default;
    virtual qint64 monotonicNs() const = 0;
    virtual core::TimestampUs utcUs() const = 0;
};

class SystemProbeClock final : public ProbeClock {
public:
    qint64 monotonicNs() const override
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    core::TimestampUs utcUs() const override { return core::nowUtcUs(); }
};

} // namespace pathlens::collect
