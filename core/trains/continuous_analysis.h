// SPDX-License-Identifier: GPL-3.0-or-later
// Continuous mode (SPEC §2): each estimate is judged against the path's own baseline; a dysfunction
// is confirmed by a sample every 6 s for 10 samples, then escalates to the deep diagnosis.
// Pure: the collector owns the clock and the sockets; this decides what happens next.
#pragma once

#include "core/trains/capacity_result.h"
#include "core/trains/hop_diagnosis.h"

#include <deque>
#include <optional>

namespace pathlens::core {

struct ContinuousPolicy {
    int intervalS = 60;                   // one estimate a minute (≈ 2 kbit/s)
    int confirmIntervalS = 6, confirmSamples = 10; // a sample every 6 s, 10 samples
    double lossPct = 2.0;                 // data loss above this, averaged over the confirmation
    double capacityFraction = 0.5;        // measured capacity below half the baseline's peak
    double latencyRiseMs = 20, latencyRiseFraction = 0.5; // above the baseline minimum by both
    int confirmNeeded = 6;                // capacity / latency: in at least 6 of the 10 samples
    int baselineMinSamples = 3;           // before this many, only loss is judged
    TimestampUs baselineWindowUs = 3LL * 3600 * 1'000'000; // "the peak in the last three hours"
};

struct ContinuousStep {
    CapacityPhase nextPhase = CapacityPhase::Continuous;
    int nextInS = 60;
    QString started;  // non-empty: a confirmation began, and why
    QString cleared;  // non-empty: a confirmation ended without confirming
    std::optional<DysfunctionKind> escalate; // confirmed: run the deep diagnosis for this
    QString escalateWhy;
};

class ContinuousAnalysis {
public:
    explicit ContinuousAnalysis(ContinuousPolicy policy = {}) : m_policy(policy) {}

    // Completes `r` from the history (total = the window's peak, utilised = total − available)
    // and says when and how to measure next.
    ContinuousStep add(CapacityResult &r);
    // Only completes `r` (a one-off series: no confirmation, no escalation).
    void complete(CapacityResult &r);
    // What this sample alone shows against the baseline ("" when nothing).
    QString dysfunction(const CapacityResult &r, DysfunctionKind *kind = nullptr) const;

    const ContinuousPolicy &policy() const { return m_policy; }
    bool confirming() const { return m_confirming.has_value(); }

private:
    struct Point {
        TimestampUs utcUs;
        std::optional<double> measuredMbps, latencyMs;
    };
    struct Confirmation {
        DysfunctionKind kind;
        QString why;
        int samples = 0, capacityHits = 0, latencyHits = 0;
        double lossSum = 0;
    };
    struct Symptoms {
        QString loss, capacity, latency; // each non-empty when present, in a sentence
        QString first(DysfunctionKind *kind) const; // loss, then capacity, then latency ("" when none)
    };
    Symptoms symptoms(const CapacityResult &r) const;
    std::optional<double> peakMbps() const;
    std::optional<double> minLatencyMs() const;
    void remember(const CapacityResult &r);

    ContinuousPolicy m_policy;
    std::deque<Point> m_history;
    std::optional<Confirmation> m_confirming;
};

} // namespace pathlens::core
