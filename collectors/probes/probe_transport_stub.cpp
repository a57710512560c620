// SPDX-License-Identifier: GPL-3.0-or-later
// Active probe transports where no back end exists yet: every probe reports "unsupported".
#include "probe_transport.h"

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
    return unsupported(endpoint.kind);
}

core::Result<void> probeTransportSupported(ProbeKind kind)
{
    return unsupported(kind);
}

} // namespace pathlens::collect
