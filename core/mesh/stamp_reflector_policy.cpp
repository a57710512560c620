// SPDX-License-Identifier: GPL-3.0-or-later
// Session-Reflector decisions.
#include "core/mesh/stamp_reflector_policy.h"

#include <algorithm>

namespace pathlens::core {

StampReflectorPolicy::StampReflectorPolicy(StampReflectorConfig config) : m_config(std::move(config)) {}

StampReflectorPolicy::Source &StampReflectorPolicy::source(const QString &key, qint64 nowNs)
{
    auto it = m_sources.find(key);
    if (it != m_sources.end()) {
        m_ages.splice(m_ages.end(), m_ages, it->age); // most recently heard last
        return *it;
    }
    while (int(m_sources.size()) >= m_config.maxSources && !m_ages.empty()) {
        m_sources.remove(m_ages.front());
        m_ages.pop_front();
    }
    Source s;
    s.tokens = m_config.burstPerSource;
    s.lastRefillNs = nowNs;
    s.age = m_ages.insert(m_ages.end(), key);
    return *m_sources.insert(key, s);
}

bool StampReflectorPolicy::takeToken(Source &s, qint64 nowNs)
{
    const double elapsed = std::max<qint64>(0, nowNs - s.lastRefillNs) / 1e9;
    s.tokens = std::min(m_config.burstPerSource, s.tokens + elapsed * m_config.ratePerSource);
    s.lastRefillNs = std::max(s.lastRefillNs, nowNs);
    if (s.tokens < 1.0)
        return false;
    s.tokens -= 1.0;
    return true;
}

bool StampReflectorPolicy::acceptSequence(Source &s, quint32 seq)
{
    auto bit = [&s](quint32 offset) -> bool { return s.window[offset / 64] >> (offset % 64) & 1; };
    auto setBit = [&s](quint32 offset) { s.window[offset / 64] |= quint64(1) << (offset % 64); };
    if (!s.seen) {
        s.seen = true;
        s.highest = seq;
        std::fill(s.window.begin(), s.window.end(), 0);
        setBit(0);
        return true;
    }
    if (seq > s.highest) {
        const quint32 shift = seq - s.highest;
        std::vector<quint64> shifted(s.window.size(), 0);
        if (shift < kReplayWindow)
            for (quint32 i = 0; i + shift < kReplayWindow; ++i)
                if (bit(i))
                    shifted[(i + shift) / 64] |= quint64(1) << ((i + shift) % 64);
        s.window = std::move(shifted);
        s.highest = seq;
        setBit(0);
        return true;
    }
    const quint32 offset = s.highest - seq;
    if (offset >= kReplayWindow || bit(offset))
        return false; // too old to tell, or already answered
    setBit(offset);
    return true;
}

std::optional<QByteArray> StampReflectorPolicy::reflect(const QString &key, QByteArrayView datagram, qint64 rxNs, int ttl,
                                                        qint64 txNs)
{
    ++m_counters.received;
    const auto decoded = decodeStampSender(datagram, m_config.mode, m_config.key);
    if (!decoded) {
        switch (*decoded.error) {
        case StampDecodeError::TooShort: ++m_counters.tooShort; break;
        case StampDecodeError::TooLong: ++m_counters.tooLong; break;
        case StampDecodeError::BadHmac: ++m_counters.badHmac; break;
        }
        return std::nullopt; // nothing about an unauthenticated or malformed packet earns a source state
    }
    Source &s = source(key, rxNs);
    if (m_config.mode == StampMode::Authenticated && !acceptSequence(s, decoded.packet->sequence)) {
        ++m_counters.replayed;
        return std::nullopt;
    }
    if (!takeToken(s, rxNs)) {
        ++m_counters.rateLimited;
        return std::nullopt;
    }
    StampReflectorPacket reply;
    reply.sequence = m_config.stateful ? s.nextSequence++ : decoded.packet->sequence;
    reply.receiveTimestamp = NtpTimestamp::fromUnixNs(rxNs);
    reply.timestamp = NtpTimestamp::fromUnixNs(std::max(txNs, rxNs));
    reply.senderSequence = decoded.packet->sequence;
    reply.senderTimestamp = decoded.packet->timestamp;
    reply.senderError = decoded.packet->error;
    reply.senderTtl = quint8(std::clamp(ttl, 0, 255));
    ++m_counters.reflected;
    // The same size as the request (RFC 8762 §4.3: symmetric), never more.
    return encodeStampReflector(reply, m_config.mode, m_config.key, int(datagram.size()));
}

} // namespace pathlens::core
