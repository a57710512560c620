// SPDX-License-Identifier: GPL-3.0-or-later
// Voice codecs as the E-model (ITU-T G.107) and a voice test stream see them: payload per packet,
// packet spacing, equipment impairment Ie, loss robustness Bpl and the delay the codec adds.
#pragma once

#include <QString>

#include <optional>

namespace pathlens::core {

enum class VoiceCodec { G711, G729, Opus };

struct VoiceCodecSpec {
    VoiceCodec codec;
    const char *name;     // as the user types and reads it
    int payloadBytes;     // per packet
    int intervalMs;       // packet spacing
    double ie, bpl;       // G.107 equipment impairment and packet-loss robustness
    double codecDelayMs;  // packetisation + look-ahead, added to the one-way delay
    // IP packet of one voice frame: 20 (IPv4) + 8 (UDP) + 12 (RTP) + payload.
    int ipPacketBytes() const { return 40 + payloadBytes; }
};

// G.711: 64 kbit/s, 20 ms frames, Ie 0 / Bpl 25.1 with PLC (ITU-T G.113 Appendix I).
// G.729A: 8 kbit/s, two 10 ms frames per packet + 5 ms look-ahead, Ie 11 / Bpl 19.0 (G.113 App. I).
// Opus: 32 kbit/s, 20 ms + 6.5 ms look-ahead. G.113 lists no Ie/Bpl for Opus: we assume G.711 with
// PLC's (0 / 25.1), which no narrowband listening test would rate worse; the methodology says so.
const VoiceCodecSpec &voiceCodecSpec(VoiceCodec codec);
std::optional<VoiceCodec> parseVoiceCodec(const QString &name); // g711, g729, opus (any case)

} // namespace pathlens::core
