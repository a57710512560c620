// SPDX-License-Identifier: GPL-3.0-or-later
// Pure per-direction impairment model: loss (random + Gilbert-Elliott), delay, jitter, reordering.
#include "impair_model.h"

#include <algorithm>
#include <cmath>

namespace pathlens::lab {

namespace {
constexpr double kNsPerMs = 1e6;
}

ImpairModel::ImpairModel(const ImpairParams &params) : m_params(params), m_rng(params.seed) {}

ImpairVerdict ImpairModel::onPacket(int64_t arrivalNs)
{
    ImpairVerdict v;
    // Draw every random number for every packet, whatever the outcome, so that one parameter
    // never shifts the random stream of another (decisions stay reproducible per seed).
    const double uState = uniform01();
    const double uLoss = uniform01();
    const double uJitter = uniform01();
    const double uReorder = uniform01();

    if (m_params.geP > 0.0 || m_bad) {
        if (!m_bad && uState < m_params.geP)
            m_bad = true;
        else if (m_bad && uState < m_params.geR)
            m_bad = false;
    }
    if (m_bad) {
        v.fate = ImpairVerdict::Fate::LostBurst;
        return v;
    }
    if (uLoss * 100.0 < m_params.lossPct) {
        v.fate = ImpairVerdict::Fate::LostRandom;
        return v;
    }
    double delayMs = m_params.delayMs + (2.0 * uJitter - 1.0) * m_params.jitterMs;
    delayMs = std::max(0.0, delayMs);
    int64_t depart = arrivalNs + static_cast<int64_t>(std::llround(delayMs * kNsPerMs));
    if (uReorder * 100.0 < m_params.reorderPct) {
        v.reordered = true;
        depart += static_cast<int64_t>(std::llround(m_params.reorderHoldMs * kNsPerMs));
    } else {
        depart = std::max(depart, m_lastFifoDepartNs);
        m_lastFifoDepartNs = depart;
    }
    v.departNs = depart;
    return v;
}

double ImpairModel::expectedLossFraction(const ImpairParams &p)
{
    const double geLoss = (p.geP > 0.0) ? p.geP / (p.geP + p.geR) : 0.0;
    return geLoss + (1.0 - geLoss) * (p.lossPct / 100.0);
}

} // namespace pathlens::lab
