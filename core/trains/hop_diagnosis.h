// SPDX-License-Identifier: GPL-3.0-or-later
// The deep diagnosis (SPEC §2): trains to every hop by TTL-limited packets, read hop by hop to name
// the first hop where loss, capacity or latency changes — and where the DSCP marking changes.
#pragma once

#include "core/base/time_utc.h"

#include <QString>

#include <optional>
#include <vector>

namespace pathlens::core {

struct HopFinding {
    int ttl = 0;
    QString address;         // who answered ("" when silent)
    bool destination = false; // the target itself (echo replies, not time-exceeded)
    int sent = 0, received = 0;
    double lossPct = 0;
    std::optional<double> capacityMbps; // dispersion of its answers (absent: too few or doubtful)
    std::optional<double> latencyMs;    // half the fastest round trip
    std::optional<int> dscpSeen;        // the marking our packets reached it with (quoted header)
    bool rateLimited = false;           // loss here that later hops do not carry: ICMP rate limiting
};

struct Diagnosis {
    TimestampUs utcUs = 0;
    QString target;
    QString trigger;               // the confirmed dysfunction that started it
    std::vector<HopFinding> hops;  // by TTL
    std::optional<int> culpritTtl; // the first hop where the trigger's metric changes
    QString culpritAddress;
    QString verdict;               // one sentence: "Loss starts at hop 3 (10.3.0.2): 9.8 % from there on"
    QString dscpNote;              // "hop 3 rewrites EF → CS0", or ""
    int sentDscp = 0;
    int packets = 0;
    qint64 bytes = 0;
    double durationS = 0;
};

enum class DysfunctionKind { Loss, Capacity, Latency };

struct HopDiagnosisPolicy {
    double lossPct = 2.0;            // a hop is lossy from this much loss
    double capacityNarrowing = 1.25; // capacity within this factor of the end-to-end figure
    double latencyJumpMs = 10.0;     // a latency step at least this large…
    double latencyJumpFraction = 0.3; // …and this share of the end-to-end latency
};

// Marks rate-limited hops, finds the culprit for `kind` and writes the verdict and DSCP note.
// `hops` may be in any order; the result's are by TTL.
Diagnosis diagnoseHops(Diagnosis base, DysfunctionKind kind, const HopDiagnosisPolicy &policy = {});

// "CS0", "AF41", "EF", … or the number for a code point without a name (RFC 4594 / RFC 2474).
QString dscpName(int dscp);
std::optional<int> parseDscp(const QString &text); // a name (any case) or 0–63

} // namespace pathlens::core
