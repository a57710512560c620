// SPDX-License-Identifier: GPL-3.0-or-later
// Voice train figures.
#include "core/trains/voice_train.h"

#include "core/active/probe_analysis.h"
#include "core/stats/statistics.h"

#include <cmath>

namespace pathlens::core {

VoiceEstimate estimateVoice(const PacketTrain &voice, VoiceCodec codec, std::optional<double> rttMs)
{
    VoiceEstimate v;
    v.sent = int(voice.packets.size());
    if (v.sent == 0)
        return v;
    std::vector<double> transits;
    std::optional<double> previous;
    double diffSum = 0;
    int diffs = 0;
    for (const TrainPacket &p : voice.packets) {
        if (!p.rxNs)
            continue;
        const double t = double(*p.rxNs - p.txNs) / 1e6;
        transits.push_back(t);
        if (previous) {
            diffSum += std::fabs(t - *previous);
            ++diffs;
        }
        previous = t;
    }
    v.lossPct = 100.0 * (v.sent - int(transits.size())) / v.sent;
    if (diffs > 0)
        v.jitterMs = diffSum / diffs;
    if (!transits.empty()) {
        const double rtt = rttMs.value_or(median(transits));
        v.mos = mosEstimate(rtt, v.jitterMs.value_or(0), v.lossPct, codec);
    }
    return v;
}

} // namespace pathlens::core
