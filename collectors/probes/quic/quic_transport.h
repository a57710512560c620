// SPDX-License-Identifier: GPL-3.0-or-later
// QUIC handshake probe transport (SPEC §2): one full QUIC v1 + TLS 1.3 handshake per probe, then CONNECTION_CLOSE.
#pragma once

#include "collectors/probes/dns_system_lookup.h"
#include "collectors/probes/probe_transport.h"

namespace pathlens::collect {

// A handshake gives up 9 s after its first Initial (or less when the name lookup took time): 1 s
// inside the scheduler's QUIC timeout (probe_scheduler.h, 10 s), so the transport, which knows why,
// always ends the probe itself (blocked, timeout) before the scheduler would (timeout=1, no reason).
inline constexpr qint64 kQuicHandshakeDeadlineNs = 9'000'000'000;
inline constexpr qint64 kQuicMinHandshakeNs = 1'000'000'000; // after a slow lookup: still one GEO round trip and more
// Handshakes one loop may have open at once. Normally one (a probe every 5 s that takes one round
// trip); a filtered path at the lab's 10× rate keeps 9 s / 0.5 s = 18 waiting; past the bound a probe
// fails at once instead of opening yet another socket.
inline constexpr int kMaxQuicInFlight = 32;

// `target` is HOST[:PORT] ([v6]:PORT for an IPv6 literal with a port); `defaultPort` (443) when
// none is given. A host name is resolved per probe through the system resolver, as the HTTP probe
// does (dnsMs, not part of the handshake time); an address is used as is, without SNI. `trust` is
// the HTTPS probes' extra trust (CA file, pins). `lookup` replaces the OS resolver (tests).
// Linux: quic_transport_linux.cpp; elsewhere quic_transport_stub.cpp says unsupported.
core::Result<std::unique_ptr<ProbeTransport>> createQuicTransport(const QString &target, quint16 defaultPort,
                                                                  const HttpTlsTrust &trust, SystemLookupFn lookup = {});

} // namespace pathlens::collect
