// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP HEAD probe transport (SPEC §2): phase timings over Qt sockets on the probe thread's event loop.
#pragma once

#include "collectors/probes/dns_system_lookup.h"
#include "collectors/probes/probe_transport.h"

namespace pathlens::collect {

// Connections a loop may hold at once (one per probe in flight; normally one, reused).
inline constexpr int kMaxHttpConnections = 4;

// `url` is http:// or https://. A bad URL, an unreadable CA file or missing TLS support is an
// error here (the loop is left out, the message names the fix). `lookup` replaces the OS resolver.
core::Result<std::unique_ptr<ProbeTransport>> createHttpHeadTransport(const QString &url, const HttpTlsTrust &trust,
                                                                      SystemLookupFn lookup = {});

} // namespace pathlens::collect
