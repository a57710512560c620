// SPDX-License-Identifier: GPL-3.0-or-later
// Iterative size calibration and transfer sizing.
#include "core/load/throughput_calibration.h"

#include <algorithm>
#include <cmath>

namespace pathlens::core {

std::optional<qint64> ThroughputCalibration::nextStepBytes() const
{
    if (m_done || m_steps >= int(kStepBytes.size()))
        return std::nullopt;
    return kStepBytes[size_t(m_steps)];
}

void ThroughputCalibration::addEstimate(double mbps, double pingLossPct, double streamSpread)
{
    if (m_done)
        return;
    ++m_steps;
    const std::optional<double> previous = m_last;
    m_last = mbps;
    if (previous && *previous > 0) {
        const double change = std::abs(mbps - *previous) / *previous;
        if (change < kConvergedChange) {
            m_converged = m_done = true;
            return;
        }
        if (m_steps >= kEarlyExitAfterStep && (pingLossPct > kEarlyExitLossPct || streamSpread > kEarlyExitStreamSpread)) {
            m_earlyExit = m_done = true;
            return;
        }
    }
    if (m_steps >= int(kStepBytes.size()))
        m_done = true; // the largest step is the best estimate there is
}

void ThroughputCalibration::cutShort(double mbps)
{
    ++m_steps;
    m_last = mbps;
    m_done = m_earlyExit = true;
}

qint64 streamBytesFor(double speedMbps, double durationS, int streams)
{
    if (!(speedMbps > 0) || !(durationS > 0) || streams < 1)
        return kMinStreamBytes;
    const double bytes = speedMbps * 1e6 / 8.0 * durationS / streams;
    return std::clamp<qint64>(qint64(std::llround(std::min(bytes, 1e12))), kMinStreamBytes, kMaxStreamBytes);
}

double testDurationS(bool geo)
{
    return geo ? 15.0 : 4.0;
}

} // namespace pathlens::core
