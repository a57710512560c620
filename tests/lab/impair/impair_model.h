// SPDX-License-Identifier: GPL-3.0-or-later
// Pure per-direction impairment model: loss (random + Gilbert-Elliott), delay, jitter, reordering.
#pragma once

#include <cstdint>
#include <random>

namespace pathlens::lab {

// What one direction of one link does to packets. All zero = a transparent wire.
struct ImpairParams {
    double delayMs = 0.0;      // constant one-way delay
    double jitterMs = 0.0;     // each packet's delay is delayMs + U(-jitterMs, +jitterMs), floored at 0
    double lossPct = 0.0;      // independent (Bernoulli) loss, percent
    double geP = 0.0;          // Gilbert-Elliott: P(good -> bad) per packet, probability 0..1
    double geR = 0.0;          // Gilbert-Elliott: P(bad -> good) per packet; every packet in bad is lost
    double reorderPct = 0.0;   // percent of packets held back so that later packets overtake them
    double reorderHoldMs = 5.0;// extra hold of a reordered packet (5 ms: overtaken by anything sent
                               // within that window, e.g. 2 pings at 500/s)
    uint64_t seed = 1;         // RNG seed: same seed, same arrival times -> same decisions
};

// Decision for one packet.
struct ImpairVerdict {
    enum class Fate { Send, LostRandom, LostBurst };
    Fate fate = Fate::Send;
    int64_t departNs = 0;   // scheduled departure (same clock as the arrival passed in)
    bool reordered = false; // exempt from FIFO order on purpose
};

// Owned by one forwarder direction; knows nothing about sockets or clocks.
// Jitter never reorders: a packet whose jittered departure would precede the previous packet's
// departure leaves right after it instead (FIFO, like a real serialising link). Only reorderPct
// packets break the order.
class ImpairModel {
public:
    explicit ImpairModel(const ImpairParams &params);

    ImpairVerdict onPacket(int64_t arrivalNs);

    const ImpairParams &params() const { return m_params; }
    bool inBadState() const { return m_bad; }
    // Long-run loss fraction implied by the parameters (for tests and reports).
    static double expectedLossFraction(const ImpairParams &params);

private:
    double uniform01() { return m_uniform(m_rng); }

    ImpairParams m_params;
    std::mt19937_64 m_rng;
    std::uniform_real_distribution<double> m_uniform{0.0, 1.0};
    bool m_bad = false;
    int64_t m_lastFifoDepartNs = INT64_MIN;
};

} // namespace pathlens::lab
