// SPDX-License-Identifier: GPL-3.0-or-later
// The continuous-mode baseline and its confirm-then-escalate state machine.
#include "core/trains/continuous_analysis.h"

#include <algorithm>

namespace pathlens::core {

std::optional<double> ContinuousAnalysis::peakMbps() const
{
    std::optional<double> peak;
    for (const Point &p : m_history)
        if (p.measuredMbps)
            peak = std::max(peak.value_or(0), *p.measuredMbps);
    return peak;
}

std::optional<double> ContinuousAnalysis::minLatencyMs() const
{
    std::optional<double> best;
    for (const Point &p : m_history)
        if (p.latencyMs)
            best = std::min(best.value_or(*p.latencyMs), *p.latencyMs);
    return best;
}

ContinuousAnalysis::Symptoms ContinuousAnalysis::symptoms(const CapacityResult &r) const
{
    Symptoms s;
    if (r.lossPct > m_policy.lossPct)
        s.loss = QStringLiteral("data loss %1 % (threshold %2 %)").arg(r.lossPct, 0, 'f', 1).arg(m_policy.lossPct);
    if (int(m_history.size()) < m_policy.baselineMinSamples)
        return s;
    const auto peak = peakMbps();
    if (peak && r.measuredMbps && !r.doubtful && *r.measuredMbps < m_policy.capacityFraction * *peak)
        s.capacity = QStringLiteral("capacity %1 Mbit/s, under half the baseline %2 Mbit/s")
                         .arg(*r.measuredMbps, 0, 'f', 1)
                         .arg(*peak, 0, 'f', 1);
    const auto base = minLatencyMs();
    if (base && r.latencyMs && *r.latencyMs > *base + m_policy.latencyRiseMs &&
        *r.latencyMs > *base * (1 + m_policy.latencyRiseFraction))
        s.latency = QStringLiteral("latency %1 ms against a baseline of %2 ms").arg(*r.latencyMs, 0, 'f', 1).arg(*base, 0, 'f', 1);
    return s;
}

QString ContinuousAnalysis::Symptoms::first(DysfunctionKind *kind) const
{
    const Symptoms &s = *this;
    const std::pair<DysfunctionKind, const QString *> order[] = {
        {DysfunctionKind::Loss, &s.loss}, {DysfunctionKind::Capacity, &s.capacity}, {DysfunctionKind::Latency, &s.latency}};
    for (const auto &[k, text] : order)
        if (!text->isEmpty()) {
            if (kind)
                *kind = k;
            return *text;
        }
    return {};
}

QString ContinuousAnalysis::dysfunction(const CapacityResult &r, DysfunctionKind *kind) const { return symptoms(r).first(kind); }

void ContinuousAnalysis::remember(const CapacityResult &r)
{
    m_history.push_back({r.utcUs, r.doubtful ? std::nullopt : r.measuredMbps, r.latencyMs});
    while (!m_history.empty() && m_history.front().utcUs < r.utcUs - m_policy.baselineWindowUs)
        m_history.pop_front();
}

void ContinuousAnalysis::complete(CapacityResult &r)
{
    remember(r);
    if (r.doubtful) {
        r.totalMbps.reset();
        r.utilisedMbps.reset();
        return;
    }
    r.totalMbps = peakMbps();
    if (r.totalMbps && r.availableMbps)
        r.utilisedMbps = std::max(0.0, *r.totalMbps - *r.availableMbps);
}

ContinuousStep ContinuousAnalysis::add(CapacityResult &r)
{
    const Symptoms seen = symptoms(r); // against the baseline before this sample
    DysfunctionKind kind = DysfunctionKind::Loss;
    const QString why = seen.first(&kind);
    complete(r);
    ContinuousStep step;
    step.nextInS = m_policy.intervalS;
    if (!m_confirming) {
        if (why.isEmpty())
            return step;
        m_confirming = Confirmation{kind, why};
        step.started = why;
        step.nextPhase = CapacityPhase::Confirming;
        step.nextInS = m_policy.confirmIntervalS;
        return step;
    }
    Confirmation &c = *m_confirming;
    ++c.samples;
    c.lossSum += r.lossPct;
    // Each symptom counts on its own: loss in a sample must not hide its low capacity.
    c.capacityHits += seen.capacity.isEmpty() ? 0 : 1;
    c.latencyHits += seen.latency.isEmpty() ? 0 : 1;
    if (c.samples < m_policy.confirmSamples) {
        step.nextPhase = CapacityPhase::Confirming;
        step.nextInS = m_policy.confirmIntervalS;
        return step;
    }
    const double loss = c.lossSum / c.samples;
    std::optional<DysfunctionKind> confirmed;
    QString detail;
    if (loss > m_policy.lossPct) {
        confirmed = DysfunctionKind::Loss;
        detail = QStringLiteral("data loss %1 % over %2 samples").arg(loss, 0, 'f', 1).arg(c.samples);
    } else if (c.capacityHits >= m_policy.confirmNeeded) {
        confirmed = DysfunctionKind::Capacity;
        detail = QStringLiteral("capacity under half the baseline in %1 of %2 samples").arg(c.capacityHits).arg(c.samples);
    } else if (c.latencyHits >= m_policy.confirmNeeded) {
        confirmed = DysfunctionKind::Latency;
        detail = QStringLiteral("latency above the baseline in %1 of %2 samples").arg(c.latencyHits).arg(c.samples);
    }
    if (confirmed) {
        step.escalate = confirmed;
        step.escalateWhy = detail;
    } else {
        step.cleared = QStringLiteral("not confirmed (%1): data loss %2 %, capacity low in %3 and latency high in %4 of %5 samples")
                           .arg(c.why)
                           .arg(loss, 0, 'f', 1)
                           .arg(c.capacityHits)
                           .arg(c.latencyHits)
                           .arg(c.samples);
    }
    m_confirming.reset();
    return step;
}

} // namespace pathlens::core
