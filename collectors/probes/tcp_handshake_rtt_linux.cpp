// SPDX-License-Identifier: GPL-3.0-or-later
// tcpi_rtt of a just-connected socket: the handshake's RTT sample (µs), as the TCP connect probe reads it.
#include "tcp_handshake_rtt.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace pathlens::collect {

std::optional<double> tcpHandshakeRttMs(qintptr fd)
{
    tcp_info info{};
    socklen_t len = sizeof info;
    if (fd < 0 || getsockopt(int(fd), IPPROTO_TCP, TCP_INFO, &info, &len) != 0 || info.tcpi_rtt == 0)
        return std::nullopt;
    return info.tcpi_rtt / 1000.0;
}

} // namespace pathlens::collect
