// SPDX-License-Identifier: GPL-3.0-or-later
// The voice codec table.
#include "core/active/voice_codec.h"

namespace pathlens::core {

namespace {
constexpr VoiceCodecSpec kCodecs[] = {
    {VoiceCodec::G711, "G.711", 160, 20, 0.0, 25.1, 20.0},
    {VoiceCodec::G729, "G.729", 20, 20, 11.0, 19.0, 25.0},
    {VoiceCodec::Opus, "Opus", 80, 20, 0.0, 25.1, 26.5},
};
} // namespace

const VoiceCodecSpec &voiceCodecSpec(VoiceCodec codec)
{
    for (const VoiceCodecSpec &s : kCodecs)
        if (s.codec == codec)
            return s;
    return kCodecs[0];
}

std::optional<VoiceCodec> parseVoiceCodec(const QString &name)
{
    QString n = name.trimmed().toLower();
    n.remove(QLatin1Char('.'));
    for (const VoiceCodecSpec &s : kCodecs) {
        QString k = QString::fromLatin1(s.name).toLower();
        k.remove(QLatin1Char('.'));
        if (n == k)
            return s.codec;
    }
    return std::nullopt;
}

} // namespace pathlens::core
