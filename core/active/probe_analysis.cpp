// SPDX-License-Identifier: GPL-3.0-or-later
// Probe series statistics, the E-model and burst detection.
#include "core/active/probe_analysis.h"

#include <algorithm>
#include <cmath>

namespace pathlens::core {

double mosEstimate(double rttMs, double jitterMs, double lossPct, VoiceCodec codec)
{
    // ITU-T G.107 with default parameters: R0 − Is = 93.2, A = 0.
    const VoiceCodecSpec &c = voiceCodecSpec(codec);
    const double ta = rttMs / 2.0 + 2.0 * jitterMs + c.codecDelayMs;
    const double id = 0.024 * ta + (ta > 177.3 ? 0.11 * (ta - 177.3) : 0.0);
    const double ppl = std::clamp(lossPct, 0.0, 100.0);
    const double ieEff = c.ie + (95.0 - c.ie) * ppl / (ppl + c.bpl); // BurstR = 1: random loss
    const double r = 93.2 - id - ieEff;
    if (r <= 0)
        return 1.0;
    if (r >= 100)
        return 4.5;
    return 1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7e-6;
}

ProbeStats probeStats(const std::vector<ProbeObservation> &series)
{
    ProbeStats s;
    if (series.empty())
        return s;
    // Usually already in sequence order (a live series grows in order): sort a copy only when not.
    auto bySeq = [](const ProbeObservation &a, const ProbeObservation &b) { return a.seq < b.seq; };
    std::vector<ProbeObservation> sortedCopy;
    const std::vector<ProbeObservation> *orderedPtr = &series;
    if (!std::is_sorted(series.begin(), series.end(), bySeq)) {
        sortedCopy = series;
        std::sort(sortedCopy.begin(), sortedCopy.end(), bySeq);
        orderedPtr = &sortedCopy;
    }
    const std::vector<ProbeObservation> &ordered = *orderedPtr;
    s.sent = ordered.back().seq - ordered.front().seq + 1;
    std::vector<double> rtts;
    rtts.reserve(ordered.size());
    double diffSum = 0;
    int diffs = 0;
    std::optional<double> previous;
    for (const ProbeObservation &o : ordered) {
        if (!o.rttMs)
            continue;
        rtts.push_back(*o.rttMs);
        if (previous) {
            diffSum += std::fabs(*o.rttMs - *previous);
            ++diffs;
        }
        previous = o.rttMs;
    }
    s.lost = s.sent - qint64(rtts.size());
    s.lossPct = 100.0 * double(s.lost) / double(s.sent);
    if (!rtts.empty()) {
        s.minMs = *std::min_element(rtts.begin(), rtts.end());
        s.maxMs = *std::max_element(rtts.begin(), rtts.end());
        s.p50Ms = percentileInPlace(rtts, 50);
        s.p95Ms = percentileInPlace(rtts, 95);
    }
    s.jitterMs = diffs ? diffSum / diffs : 0.0;
    s.mos = rtts.empty() ? 1.0 : mosEstimate(s.p50Ms, s.jitterMs, s.lossPct);
    return s;
}

std::vector<LossBurst> lossBursts(const std::vector<ProbeObservation> &series, int minLength)
{
    std::vector<ProbeObservation> ordered = series;
    std::sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    std::vector<LossBurst> bursts;
    size_t i = 0;
    while (i < ordered.size()) {
        if (ordered[i].rttMs) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < ordered.size() && !ordered[j].rttMs)
            ++j;
        const int length = int(j - i);
        if (length >= minLength) {
            LossBurst b;
            b.startUtcUs = ordered[i].sentUtcUs;
            b.length = length;
            const TimestampUs end = j < ordered.size() ? ordered[j].sentUtcUs : ordered[j - 1].sentUtcUs;
            b.durationMs = double(end - b.startUtcUs) / 1000.0;
            b.cycleOffsetMs = double(((b.startUtcUs % kHandoverCycleUs) + kHandoverCycleUs) % kHandoverCycleUs) / 1000.0;
            bursts.push_back(b);
        }
        i = j;
    }
    return bursts;
}

bool icmpProxied(const ProbeStats &icmp, const ProbeStats &other)
{
    return icmp.received() >= 10 && other.received() >= 5 && icmp.p50Ms < 5.0 && other.p50Ms > 50.0 &&
           icmp.p50Ms > 0 && other.p50Ms / icmp.p50Ms > 50.0;
}

} // namespace pathlens::core
