// SPDX-License-Identifier: GPL-3.0-or-later
// One capacity measurement: data trains at path-MTU size plus a voice train, single-ended (ICMP
// echo, one figure for the slower direction) or dual-ended (STAMP to an agent, each direction).
#pragma once

#include "collectors/trains/train_transport.h"
#include "core/active/voice_codec.h"
#include "core/mesh/stamp_packet.h"
#include "core/trains/capacity_result.h"
#include "core/trains/hop_diagnosis.h"

#include <atomic>
#include <vector>

namespace pathlens::collect {

struct CapacityOptions {
    QString target;                 // as the user named it (recorded)
    QHostAddress address;           // resolved
    int dscp = 0;
    std::vector<int> trainLengths = {core::kContinuousTrainLength};
    int packetBytes = 0;            // 0: the path MTU (discovered once, then kept)
    std::optional<core::VoiceCodec> voice = core::VoiceCodec::G711; // nullopt: no voice train
    int voicePackets = 20;          // 400 ms of a call at 20 ms spacing
    int trainGapMs = 50;            // between trains: a shaper's bucket refills as between real bursts
    int waitMs = 1000;              // for the answers of one train
    // Available capacity from a paced tail behind the longest train (single-ended): this many packets
    // sent 1.25× faster than `pacingMbps` (the path's last total), keeping the bottleneck's queue
    // standing so others' traffic shows between them. 0, or no pacing rate yet: from the heads.
    int pacedPackets = 0;
    std::optional<double> pacingMbps;
    core::CapacityPhase phase = core::CapacityPhase::OneOff;
    quint16 stampPort = core::kStampDefaultPort; // dual-ended
};

// Single-ended over `transport` (its target). Bounded: per train count × spacing + waitMs.
core::Result<core::CapacityResult> measureSingleEnded(TrainTransport &transport, const CapacityOptions &options,
                                                      const std::atomic<bool> *cancel = nullptr);

// Dual-ended to a STAMP reflector (any RFC 8762 one that reflects symmetric sizes): forward from
// the reflector's receive stamps, reverse from ours. A reflector answers as packets arrive, so the
// reverse trains leave spaced by the forward bottleneck: when they arrive no more spread than they
// left, the reverse figure is only a lower bound and is labelled doubtful.
core::Result<std::vector<core::CapacityResult>> measureDualEnded(const CapacityOptions &options,
                                                                 const std::atomic<bool> *cancel = nullptr);

// The deep diagnosis's measurements: for every TTL up to the target's distance, data trains
// (per hop ~ 65 packets at MTU plus 20 small ones for loss and latency), paced so the whole run
// stays under `maxKbps`. Bounded by `maxPackets` (SPEC: 400–2000 packets).
struct HopSweepOptions {
    int maxTtl = 30;
    int packetBytes = 1500;
    std::vector<int> trainLengths = {5, 10, 20, 30};
    int smallPackets = 35, smallBytes = 100; // 100 packets a hop: 4 hops reach the 400 SPEC names as the least
    int maxPackets = 2000;
    double maxKbps = 200;  // SPEC: 10–200 kbit/s during a diagnosis
    int waitMs = 500;
};
core::Result<core::Diagnosis> sweepHops(TrainTransport &transport, const HopSweepOptions &options,
                                        const std::atomic<bool> *cancel = nullptr);

} // namespace pathlens::collect
