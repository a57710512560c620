// SPDX-License-Identifier: GPL-3.0-or-later
// A voice train (small payloads at codec spacing, SPEC §2): voice loss, voice jitter and MOS.
#pragma once

#include "core/active/voice_codec.h"
#include "core/trains/packet_train.h"

#include <optional>

namespace pathlens::core {

struct VoiceEstimate {
    int sent = 0;
    double lossPct = 0;
    std::optional<double> jitterMs; // mean |transit[i] − transit[i−1]| over consecutive answers (RFC 3550 style)
    std::optional<double> mos;      // G.107 for the codec; needs one answer at least
};

// roundTrip: rx − tx is a round trip (single-ended); otherwise one way plus an unknown clock offset,
// so the MOS uses `rttMs` (the round trip measured alongside) for its delay.
VoiceEstimate estimateVoice(const PacketTrain &voice, VoiceCodec codec, std::optional<double> rttMs = std::nullopt);

} // namespace pathlens::core
