// SPDX-License-Identifier: GPL-3.0-or-later
// Active probe transports where no socket back end exists yet: only HTTP HEAD and system DNS run.
#include "dns/dns_system_transport.h"
#include "http/http_head_transport.h"
#include "probe_transport.h"
#include "quic/quic_transport.h"

namespace pathlens::collect {

namespace {
core::Error unsupported(ProbeKind kind)
{
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("%1 probes are not implemented on this platform").arg(probeKindName(kind)),
                           QStringLiteral("run the Pathlens agent on Linux for active probes"));
}
} // namespace

core::Result<std::unique_ptr<ProbeTransport>> createProbeTransport(const ProbeEndpoint &endpoint)
{
    // HTTP HEAD and the system resolver are portable (Qt sockets, lookup threads).
    if (endpoint.kind == ProbeKind::HttpHead)
        return createHttpHeadTransport(endpoint.target, endpoint.tls);
    if (endpoint.kind == ProbeKind::DnsSystem)
        return createSystemDnsTransport(endpoint.target);
    if (endpoint.kind == ProbeKind::Quic)
        return createQuicTransport(endpoint.target, endpoint.port, endpoint.tls); // says unsupported, with the remedy
    return unsupported(endpoint.kind);
}

core::Result<void> probeTransportSupported(ProbeKind kind)
{
    if (kind == ProbeKind::HttpHead || kind == ProbeKind::DnsSystem)
        return {};
    return unsupported(kind);
}

} // namespace pathlens::collect
