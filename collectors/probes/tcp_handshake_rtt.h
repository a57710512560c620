// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's own SYN→SYN-ACK time of a just-connected TCP socket (for probes on Qt sockets).
#pragma once

#include <QtGlobal>

#include <optional>

namespace pathlens::collect {

// Right after connect, a socket's only RTT sample is the handshake, measured by the kernel in
// softirq: free of our event-loop wake-up. nullopt where the OS does not say (tcp_handshake_rtt_stub.cpp).
std::optional<double> tcpHandshakeRttMs(qintptr fd);

} // namespace pathlens::collect
