// SPDX-License-Identifier: GPL-3.0-or-later
// One traceroute: per-TTL hops with RTT samples, silence, loss and what the quoted header says.
#pragma once

#include "core/base/time_utc.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pathlens::core {

struct TraceHop {
    int ttl = 0;
    QString addr;                    // empty when silent
    std::vector<double> rttMs;       // one per answered probe
    int sent = 0;                    // probes sent at this TTL
    bool silent() const { return rttMs.empty(); }
    double lossPct() const { return sent ? 100.0 * (sent - int(rttMs.size())) / sent : 0.0; }
    double bestRttMs() const;        // minimum: the least queued sample (0 when silent)
    double medianRttMs() const;      // 0 when silent
    std::optional<int> quotedTtl;    // TTL of our probe as the hop quoted it back
    std::optional<int> quotedDscp;   // DSCP our probe carried when it reached the hop
    std::optional<int> quotedEcn;
    std::vector<quint32> mplsLabels; // from ICMP multi-part extensions (RFC 4950)
    QString reverseDns, asn, place;  // filled later, off the probing thread
    bool destination = false;        // the target itself answered at this TTL
};

struct TraceResult {
    QString target;       // as asked (name or address)
    QString targetAddr;   // resolved address probed
    QString proto;        // "udp", "icmp" or "tcp"
    bool ipv6 = false;
    TimestampUs startedUtcUs = 0;
    double durationMs = 0;
    bool reached = false;
    QString localAddr;    // source address used
    QString publicAddr;   // NAT public address when known
    int sentDscp = 0;     // DSCP we marked probes with
    QString tracedBy;     // the mesh agent that traced a peer; empty for this host's own traces
    std::vector<TraceHop> hops; // TTL 1..last, silent slots included

    // "+N ms" from the previous answering hop (nullopt for the first answering or a silent hop).
    std::optional<double> deltaMs(size_t index) const;
    // A hop whose loss is not carried by any later answering hop is rate-limiting ICMP, not losing.
    bool isRateLimited(size_t index) const;
    // Hops that changed the DSCP we sent (from the quoted header).
    std::vector<int> dscpRewritingTtls() const;
    // Addresses of answering hops in TTL order ("*" for silent): the path's identity.
    QStringList pathSignature() const;
};

// A path change between two traces to the same target (ignores silent slots and the last hop's
// RTT), as a human sentence for the event log; empty when the path is the same.
QString describePathChange(const TraceResult &before, const TraceResult &after);

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::TraceResult)
