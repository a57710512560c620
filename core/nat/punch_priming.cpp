// SPDX-License-Identifier: GPL-3.0-or-later
// Priming TTL of a hole punch from the routers to the STUN server.
#include "core/nat/punch_priming.h"

#include <algorithm>

namespace pathlens::core {

std::optional<int> routersFromReceivedTtl(int ttl)
{
    if (ttl <= 0 || ttl > 255)
        return std::nullopt;
    const int initial = ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
    return initial - ttl;
}

int primeTtl(std::optional<int> routersToStunServer)
{
    return std::clamp(routersToStunServer.value_or(kMinPrimeTtl), kMinPrimeTtl, kMaxPrimeTtl);
}

} // namespace pathlens::core
