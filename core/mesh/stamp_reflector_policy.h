// SPDX-License-Identifier: GPL-3.0-or-later
// What a STAMP Session-Reflector answers, and to whom: decode, authenticate, replay window, per-source
// rate limit, stateful or stateless numbering, and a reply never larger than the request (so a
// spoofed source gets at most 1:1 traffic, never amplification). Pure: the socket side gives it
// datagrams with their source, arrival time and TTL, and sends what it returns.
#pragma once

#include "core/mesh/stamp_packet.h"

#include <QHash>

#include <list>
#include <optional>

namespace pathlens::core {

struct StampReflectorConfig {
    StampMode mode = StampMode::Unauthenticated;
    QByteArray key;            // authenticated mode: the shared HMAC key
    bool stateful = true;      // RFC 8762 §4.3: own sequence per session (else the sender's is copied)
    double ratePerSource = 50; // replies per second per source: a mesh sends a few packets a second
    double burstPerSource = 100; // packet trains (5 pairs) and a cycle's echo series fit in the burst
    int maxSources = 4096;     // sources remembered (rate, replay window, sequence); oldest forgotten
};

struct StampReflectorCounters {
    qint64 received = 0, reflected = 0;
    qint64 tooShort = 0, tooLong = 0, badHmac = 0, replayed = 0, rateLimited = 0;
    qint64 dropped() const { return tooShort + tooLong + badHmac + replayed + rateLimited; }
};

// Not thread-safe: one reflector thread. Times are CLOCK_REALTIME nanoseconds.
class StampReflectorPolicy {
public:
    explicit StampReflectorPolicy(StampReflectorConfig config);

    // The reply to send back to `source` (an address:port key), or nullopt (dropped and counted).
    // T2 = rxNs (the kernel's receive stamp); T3 = txNs (taken as late as possible before sending).
    std::optional<QByteArray> reflect(const QString &source, QByteArrayView datagram, qint64 rxNs, int ttl, qint64 txNs);

    const StampReflectorCounters &counters() const { return m_counters; }
    const StampReflectorConfig &config() const { return m_config; }

    // RFC 4303-style sliding window over the sender's sequence numbers (authenticated mode).
    static constexpr quint32 kReplayWindow = 1024;

private:
    struct Source {
        double tokens = 0;
        qint64 lastRefillNs = 0;
        quint32 nextSequence = 0;   // stateful numbering of our replies
        bool seen = false;          // replay window valid
        quint32 highest = 0;        // highest sender sequence accepted
        std::vector<quint64> window = std::vector<quint64>(kReplayWindow / 64, 0); // bit i: highest − i accepted
        std::list<QString>::iterator age;
    };
    Source &source(const QString &key, qint64 nowNs);
    bool takeToken(Source &s, qint64 nowNs);
    bool acceptSequence(Source &s, quint32 seq); // false: a replay or older than the window

    StampReflectorConfig m_config;
    StampReflectorCounters m_counters;
    QHash<QString, Source> m_sources;
    std::list<QString> m_ages; // least recently heard first
};

} // namespace pathlens::core
