// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity by dispersion (SPEC §2): total from the minimum dispersion over lossless trains,
// available from the average dispersion with loss accounted, the packets a shaper's burst let
// through unspaced discarded, and an estimate the data cannot support labelled doubtful.
#pragma once

#include "core/trains/packet_train.h"

#include <QString>

#include <optional>
#include <vector>

namespace pathlens::core {

struct CapacityEstimateOptions {
    // A leading gap below half the train's later gaps: the packet left a shaper's bucket unspaced.
    double burstGapFraction = 0.5;
    // Packets closer than this cannot be timed apart in software (kernel stamps jitter by 5–20 µs
    // on a 2-vCPU VM; NICs coalesce interrupts): 15 µs ≈ 800 Mbit/s at 1500 B.
    qint64 minResolvableGapNs = 15'000;
    // Short trains (≤ 10 packets) faster than long ones (≥ 20) by more than this: a burst allowance.
    double shortLongDisagreement = 1.5;
    // Fewer spaced gaps than this in all lossless trains together carry too little to report.
    int minSpacedGaps = 3;
    // A train whose sending took more than this share of its arrival spread was paced by the sender
    // (a descheduled process on a busy 2-vCPU machine sends 5 packets, then nothing for 5 ms).
    double maxSendShare = 0.5;
};

struct CapacityEstimate {
    std::optional<double> totalMbps;     // packet bits / minimum dispersion over the lossless trains
    // With paced tails: total − the others' traffic the tails' gaps show; without: bits delivered
    // after each train's first spaced packet / their spread (loss lowers it).
    std::optional<double> availableMbps;
    std::optional<double> fastestMs;     // the fastest packet's rx − tx (a round trip single-ended)
    std::optional<double> jitterMs;      // mean |gap − median gap| over the spaced gaps
    double lossPct = 0;
    bool doubtful = false; // no total: `reason` says why (also set when there is no lossless train)
    QString reason;
    int packetsSent = 0;
    qint64 bytesSent = 0;
    int burstPackets = 0; // discarded: let through unspaced by a shaper's burst
    int spacedGaps = 0;   // gaps of lossless trains the total rests on
    int slowTrains = 0;   // left out: sent no faster than they arrived
    int pacedGaps = 0;    // gaps of paced tails the available figure rests on (0: from the heads)
};

CapacityEstimate estimateCapacity(const std::vector<PacketTrain> &trains, const CapacityEstimateOptions &options = {});

// A train that lost only packets beyond what a shorter train got through whole overflowed the
// bottleneck's queue by its own length: its loss is ours, not the path's. `longestLossless`: the
// longest loss-free train so far (0: none).
bool overflowedQueue(const PacketTrain &train, int longestLossless);

// Leading gaps of one train that a shaper's burst let through unspaced: the largest k such that
// every one of the first k gaps is below fraction × the median of the rest (0 when none).
int burstPrefixLength(const std::vector<qint64> &gapsNs, double fraction);

} // namespace pathlens::core
