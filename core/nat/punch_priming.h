// SPDX-License-Identifier: GPL-3.0-or-later
// How far a hole punch's priming packet may travel: past our own NAT, never as far as a peer's.
#pragma once

#include <optional>

namespace pathlens::core {

// Routers between a sender and us, from the TTL its datagram arrived with: senders start at 64, 128
// or 255 (the next one up from what arrived). nullopt for a TTL we cannot read (0 or less).
std::optional<int> routersFromReceivedTtl(int ttl);

// The priming packet's TTL. It must pass our own NAT (which may sit behind other routers of ours:
// a host behind a second router needs 3) and die before a peer's NAT, where its arrival would take
// the tuple the peer's punch needs. Measured as the routers to the STUN server (past our NAT, and
// a public server is no nearer than the internet beyond it), never below 2 (the NAT is the first
// router) nor above kMaxPrimeTtl (a home network rarely has more than a router and a CGNAT ahead of
// the NAT; a far STUN server must not send it across the internet).
inline constexpr int kMinPrimeTtl = 2, kMaxPrimeTtl = 4;
int primeTtl(std::optional<int> routersToStunServer);

} // namespace pathlens::core
