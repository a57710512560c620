// SPDX-License-Identifier: GPL-3.0-or-later
// One mesh cycle to one peer, analysed (SPEC §4): RTT from the echo series, loss in each direction
// (from the stateful reflector's numbering), queueing delay in each direction without clock sync
// (one-way offset minus its own running minimum), and capacity from packet-pair dispersion (forward
// from the reflector's receive stamps, reverse from ours), doubtful trains discarded and said so.
#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace pathlens::core {

// One STAMP exchange as the sender saw it (times in ns; t2/t3 on the reflector's clock).
struct StampExchange {
    quint32 sequence = 0;
    bool answered = false;
    qint64 t1 = 0, t2 = 0, t3 = 0, t4 = 0;
    quint32 reflectorSequence = 0;
    int bytes = 0; // datagram size
};

// Kept per peer across cycles by whoever runs them: the least one-way offset seen in each
// direction (the offset includes the clocks' difference, which cancels in "offset − its minimum").
struct MeshPairHistory {
    std::optional<double> minForwardOffsetMs, minReverseOffsetMs;
};

struct MeshCycleResult {
    int sent = 0, answered = 0;
    double rttMs = 0;                              // median over the echo series (0 when none answered)
    double lossPct = 0;                            // both directions together
    std::optional<double> lossForwardPct, lossReversePct; // needs a stateful reflector
    double queueForwardMs = 0, queueReverseMs = 0; // median offset of the cycle − running minimum
    std::optional<double> capacityForwardMbps, capacityReverseMbps;
    int trainsUsed = 0;
    QString capacityNote; // why capacity is missing or doubtful ("" when measured)
};

// Minimum spacing that counts as a real dispersion: below it the two packets were not separated by
// a bottleneck but by timestamp noise (MEASURED.md: kernel software stamps ≈ 10–20 µs apart).
inline constexpr double kMinDispersionUs = 20.0;

// `echo`: the RTT series; `trains`: back-to-back packets, `trainLength` consecutive elements each.
// Each train contributes its widest gap: a token-bucket shaper lets its first packets through
// unspaced (its burst), and only the gaps after that show the bottleneck's rate (MEASURED.md), so
// with a 2-frame bucket a pair says nothing and a train of three does.
MeshCycleResult analyseMeshCycle(const std::vector<StampExchange> &echo, const std::vector<StampExchange> &trains,
                                 MeshPairHistory &history, int trainLength = 2);

} // namespace pathlens::core
