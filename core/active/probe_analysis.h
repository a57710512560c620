// SPDX-License-Identifier: GPL-3.0-or-later
// Statistics of one probe series (SPEC §2): percentiles, loss by sequence gap, jitter, MOS,
// loss bursts with their 15 s UTC cycle offset, and ICMP-proxy detection (TCP proxies: pep_detection.h).
#pragma once

#include "core/active/voice_codec.h"
#include "core/base/time_utc.h"
#include "core/stats/statistics.h"

#include <optional>
#include <vector>

namespace pathlens::core {

struct ProbeObservation {
    TimestampUs sentUtcUs = 0;
    qint64 seq = 0;
    std::optional<double> rttMs; // nullopt: lost
};

struct ProbeStats {
    qint64 sent = 0;   // by sequence span: max seq − min seq + 1 (gaps count as lost)
    qint64 lost = 0;
    double lossPct = 0;
    double p50Ms = 0, p95Ms = 0, minMs = 0, maxMs = 0; // over received samples
    double jitterMs = 0; // mean |RTT[i] − RTT[i−1]| over consecutive received samples (RFC 3550 style)
    double mos = 0;      // ITU-T G.107 E-model, G.711 with packet-loss concealment
    int received() const { return int(sent - lost); }
};


ProbeStats probeStats(const std::vector<ProbeObservation> &series);

// E-model R-factor → MOS for a call over a path with this RTT, jitter and random loss: one-way
// delay = RTT/2 + 2×jitter (de-jitter buffer) + the codec's delay; Ie and Bpl from the codec.
double mosEstimate(double rttMs, double jitterMs, double lossPct, VoiceCodec codec = VoiceCodec::G711);

struct LossBurst {
    TimestampUs startUtcUs = 0;
    int length = 0;            // consecutive lost probes
    double durationMs = 0;     // first lost probe → first probe answered again (or last lost)
    double cycleOffsetMs = 0;  // start within the 15 s UTC cycle (satellite beam handovers align to it)
};
inline constexpr int kMinLossBurst = 5;                   // SPEC §2: 5 or more consecutive
inline constexpr TimestampUs kHandoverCycleUs = 15'000'000; // SPEC §2: 15-second UTC cycle

std::vector<LossBurst> lossBursts(const std::vector<ProbeObservation> &series, int minLength = kMinLossBurst);

// SPEC §2: ICMP p50 < 5 ms AND another protocol's p50 > 50 ms AND ratio > 50× (≥10 ICMP, ≥5 other).
bool icmpProxied(const ProbeStats &icmp, const ProbeStats &other);

} // namespace pathlens::core
