// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface of the trace engine: send one probe with a TTL, collect replies and kernel timestamps.
#pragma once

#include "core/base/result.h"

#include <QHostAddress>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace pathlens::collect {

enum class TraceProto { Udp, Icmp, Tcp };

// Opens a raw socket (family AF_INET/AF_INET6 as the OS spells it, protocol IPPROTO_*) and hands
// over the descriptor. Default (nullptr): socket() in this process (root / CAP_NET_RAW), else the
// pathlens-helper "raw-open" request (collectors/wire/PROTOCOL.md), which passes one over
// SCM_RIGHTS (collect::openRawSocket in collectors/privilege/helper_client.h).
using RawSocketOpener = std::function<core::Result<int>(int family, int protocol)>;

struct TraceEndpoint {
    QHostAddress addr;
    quint16 port = 0; // UDP/TCP destination port (constant for the whole run)
    int dscp = 0;     // marks every probe (SPEC §2: configurable DSCP)
    bool ipv6() const { return addr.protocol() == QAbstractSocket::IPv6Protocol; }
};

struct TransportReply {
    enum class Kind { TimeExceeded, Destination, Unreachable };
    Kind kind = Kind::TimeExceeded;
    std::optional<quint16> probeId; // nullopt: the reply could not be tied to one probe
    QString from;
    qint64 rxNs = 0;                // CLOCK_REALTIME ns (kernel stamp when kernelStamp)
    bool kernelStamp = false;
    int icmpType = -1, icmpCode = -1; // -1 for TCP answers
    // From the header quoted in the ICMP error: raw sockets only (IP_RECVERR never shows it).
    std::optional<int> quotedTtl, quotedDscp, quotedEcn;
    std::vector<quint32> mplsLabels;
};

// Owned by one trace run on one thread; open() creates the sockets, the destructor closes them.
// It knows nothing about TTL windows, timeouts or hops: it moves probes and replies.
class TraceTransport {
public:
    virtual ~TraceTransport() = default;

    virtual core::Result<void> open(const TraceEndpoint &target) = 0;
    // Sends probe probeId with this TTL / hop limit.
    virtual core::Result<void> send(int ttl, quint16 probeId) = 0;
    // Waits at most timeoutMs for anything, then returns every reply and kernel send timestamp
    // (CLOCK_REALTIME ns, in send order) that is ready, without blocking further.
    virtual core::Result<void> wait(int timeoutMs, std::vector<TransportReply> &replies, std::vector<qint64> &txStamps) = 0;
    virtual QString localAddress() const = 0;
    // Whether replies carry the quoted header (quotedTtl/Dscp/Ecn, MPLS): raw sockets only.
    virtual bool quotesHeaders() const = 0;
    virtual QString describe() const = 0;
};

// The platform's transport for proto (trace_transport_linux.cpp / trace_transport_stub.cpp).
// UDP needs no privilege; ICMP and TCP need raw sockets from rawOpener (nullptr: socket() here,
// else pathlens-helper).
std::unique_ptr<TraceTransport> createTraceTransport(TraceProto proto, RawSocketOpener rawOpener = nullptr);
// How proto gets its sockets here: "recverr" (UDP, unprivileged), "raw" (this process), "helper"
// (pathlens-helper) or "injected"; raw protocols open one ICMP socket to find out. The error names the fix.
core::Result<QString> traceTransportMode(TraceProto proto, const RawSocketOpener &rawOpener = nullptr);
// Whether proto can run here (traceTransportMode without the mode).
core::Result<void> traceTransportSupported(TraceProto proto, const RawSocketOpener &rawOpener = nullptr);

} // namespace pathlens::collect
