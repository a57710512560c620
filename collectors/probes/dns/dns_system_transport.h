// SPDX-License-Identifier: GPL-3.0-or-later
// System-resolver DNS probe transport (portable: lookup threads, no descriptor).
#pragma once

#include "collectors/probes/dns_system_lookup.h"
#include "collectors/probes/probe_transport.h"

namespace pathlens::collect {

// System-resolver probe (SPEC §2, every 30 s): one getaddrinfo of `name` per probe on a lookup
// thread; RTT = the resolution time as the application sees it (hosts file and caches included).
// Notes: addresses=N, or error=<the resolver's text>. `lookup` replaces the OS resolver (tests).
core::Result<std::unique_ptr<ProbeTransport>> createSystemDnsTransport(const QString &name, SystemLookupFn lookup = {});

} // namespace pathlens::collect
