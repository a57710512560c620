// SPDX-License-Identifier: GPL-3.0-or-later
// Linux raw-socket trace transports (ICMP echo, TCP SYN): quoted headers, MPLS labels; need CAP_NET_RAW.
#include "trace_socket_linux.h"

namespace pathlens::collect::trace_linux {

std::unique_ptr<TraceTransport> createRawTransport(TraceProto, RawSocketOpener)
{
    return nullptr;
}

} // namespace pathlens::collect::trace_linux
