// SPDX-License-Identifier: GPL-3.0-or-later
// No kernel handshake RTT here: callers fall back to their own clock.
#include "tcp_handshake_rtt.h"

namespace pathlens::collect {

std::optional<double> tcpHandshakeRttMs(qintptr)
{
    return std::nullopt;
}

} // namespace pathlens::collect
