// SPDX-License-Identifier: GPL-3.0-or-later
// The trace engine: Paris-style probes, several TTLs in flight, per-hop RTT from kernel timestamps.
#pragma once

#include "core/base/result.h"
#include "core/trace/trace_result.h"
#include "trace_transport.h"

#include <atomic>

namespace pathlens::collect {

enum class TraceFamily { Any, IPv4, IPv6 };

struct TraceOptions {
    QString target;                     // name or address
    TraceProto proto = TraceProto::Udp; // UDP needs no privilege; ICMP/TCP need raw sockets
    TraceFamily family = TraceFamily::Any;
    int firstTtl = 1;
    int maxTtl = 30;                    // traceroute's and mtr's default
    int probesPerHop = 3;               // traceroute's default
    int timeoutMs = 900;                // SPEC §5: a hop silent for 900 ms is silent
    // TTLs probed beyond the highest one that answered. 8: a 30-hop path needs ~4 windows, and a
    // path that ends in 8 silent TTLs is over; it also bounds what reaches the destination early.
    int ttlsAhead = 8;
    quint16 port = 0;                   // 0: 33434 for UDP (traceroute's base port), 80 for TCP
    int dscp = 0;                       // DSCP marked on every probe
    RawSocketOpener rawOpener;          // nullptr: here (root / CAP_NET_RAW), else pathlens-helper
};

// Runs synchronously on the calling thread; bounded by (maxTtl / ttlsAhead + 2) × (timeoutMs + 100 ms)
// and by cancel (checked between waits of at most 50 ms). The result's reverseDns/asn/place are
// empty: enrichTrace() fills them off the probing thread.
core::Result<core::TraceResult> traceOnce(const TraceOptions &options, const std::atomic<bool> *cancel = nullptr);

// The engine with an injected transport and an already resolved target (tests drive it with fakes).
core::Result<core::TraceResult> runTrace(const TraceOptions &options, const QHostAddress &target,
                                         TraceTransport &transport, const std::atomic<bool> *cancel = nullptr);

QString traceProtoName(TraceProto proto);
std::optional<TraceProto> traceProtoFromName(const QString &name);

} // namespace pathlens::collect
