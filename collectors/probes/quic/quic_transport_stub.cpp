// SPDX-License-Identifier: GPL-3.0-or-later
// QUIC handshake probes where no socket back end exists yet: unsupported, with the remedy.
#include "quic_transport.h"

namespace pathlens::collect {

core::Result<std::unique_ptr<ProbeTransport>> createQuicTransport(const QString &, quint16, const HttpTlsTrust &,
                                                                  SystemLookupFn)
{
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("QUIC handshake probes are not implemented on this platform"),
                           QStringLiteral("run the Pathlens agent on Linux for QUIC probes"));
}

} // namespace pathlens::collect
