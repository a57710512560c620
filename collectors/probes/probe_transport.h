// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface of the active probes: send one ICMP echo / DNS query / TCP connect / HTTP HEAD /
// system-resolver lookup / QUIC handshake, collect completions.
#pragma once

#include "core/active/probe_kind.h"
#include "core/base/result.h"

#include <QHostAddress>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace pathlens::collect {

// The kinds, their stored identifiers and flags live in one table in core.
using core::ProbeKind;
using core::probeKindFromFlag;
inline QString probeKindName(ProbeKind kind) { return core::probeKindId(kind); }

// How an HTTPS probe may trust a server beyond the system CA store (lab and self-hosted servers).
// Verification always runs; these only add trust, they never switch checks off.
struct HttpTlsTrust {
    QString caFile;                 // PEM file of extra CA certificates (or the server's own self-signed one)
    QList<QByteArray> pinnedSha256; // SHA-256 of the server certificate (DER), raw bytes: trusted as is
};

struct ProbeEndpoint {
    ProbeKind kind = ProbeKind::Icmp;
    QString target;   // as configured (address or host name)
    quint16 port = 0; // UDP DNS / TCP connect destination (53 / 443 by default); QUIC: when the target names none (443)
    QString dnsName;  // UDP DNS: the name of the A query
    HttpTlsTrust tls; // HTTP HEAD over https and QUIC: extra trust (target is the URL; DNS system: the name; QUIC: HOST[:PORT])
};

// One probe finished: answered (ok) or refused/unreachable (!ok). Timeouts are the scheduler's.
struct ProbeCompletion {
    quint64 token = 0;
    bool ok = false;
    qint64 txNs = 0;             // send stamp in the transport's clock (0: unknown, the scheduler's own is used)
    qint64 rxNs = 0;             // receive stamp in the same clock (0: unknown)
    std::optional<double> rttMs; // a direct measurement (e.g. the kernel's SYN→SYN-ACK) wins over rx − tx
    std::optional<double> dnsMs; // name-resolution part (HTTP HEAD on a new connection, system DNS)
    QString note;                // key=value extras (error=refused, rtt_src=tcp_info)
};

// Owned by one probe loop on the probe thread; the destructor closes its sockets. It moves probes
// and completions and knows nothing about schedules, timeouts or sequence numbers.
class ProbeTransport {
public:
    virtual ~ProbeTransport() = default;
    // Sends probe `token` (unique within this transport). Errors are per probe (counted as failures).
    virtual core::Result<void> send(quint64 token) = 0;
    // Everything finished since the last call, without blocking.
    virtual void poll(std::vector<ProbeCompletion> &out) = 0;
    // The scheduler gave up on this probe (timeout): release what it holds (TCP: close the socket).
    virtual void forget(quint64 token) { (void)token; }
    // A descriptor that becomes readable when poll() has something (-1: none; poll on the timer only).
    virtual int waitFd() const { return -1; }
    // Goes into every sample's notes, e.g. "mode=dgram" or "mode=raw".
    virtual QString mode() const = 0;
    // Transports driven by the thread's event loop or a worker thread (HTTP, system DNS) have no
    // descriptor: they call this on the probe thread when poll() has something (possibly from inside
    // send(), so the owner must defer its tick, e.g. a queued call). Set once, before the first send().
    virtual void setWakeUp(std::function<void()> wake) { (void)wake; }
};

using ProbeTransportFactory = std::function<core::Result<std::unique_ptr<ProbeTransport>>(const ProbeEndpoint &)>;

// The platform's transports (probe_transport_linux.cpp / probe_transport_stub.cpp). ICMP tries an
// unprivileged datagram socket, then a raw socket; the error names the sysctl and setcap remedies.
core::Result<std::unique_ptr<ProbeTransport>> createProbeTransport(const ProbeEndpoint &endpoint);
// Whether kind can run here at all (ICMP: whether either socket type opens), checked before start.
core::Result<void> probeTransportSupported(ProbeKind kind);

} // namespace pathlens::collect
