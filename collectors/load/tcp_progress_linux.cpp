// SPDX-License-Identifier: GPL-3.0-or-later
// tcpi_bytes_acked of TCP_INFO (Linux ≥ 4.1); an older kernel's shorter struct has no such field.
#include "collectors/load/tcp_progress.h"

#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>

namespace pathlens::collect {

std::optional<qint64> tcpBytesAcked(qintptr fd)
{
    tcp_info info{};
    socklen_t len = sizeof info;
    if (fd < 0 || getsockopt(int(fd), IPPROTO_TCP, TCP_INFO, &info, &len) != 0 ||
        len < socklen_t(offsetof(tcp_info, tcpi_bytes_acked) + sizeof info.tcpi_bytes_acked))
        return std::nullopt;
    return qint64(info.tcpi_bytes_acked);
}

} // namespace pathlens::collect
