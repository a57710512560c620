// SPDX-License-Identifier: GPL-3.0-or-later
// STUN Binding (RFC 5389) through libnice's STUN usage: the address and port a server sees this
// socket come from. One socket asks one or more servers, so the answers tell how the NAT maps it.
#pragma once

#include "core/base/result.h"
#include "core/nat/nat_mapping.h"

#include <QHostAddress>

#include <memory>
#include <vector>

namespace pathlens::collect {

struct StunServer {
    QHostAddress address;
    quint16 port = 3478;
};

struct StunBindingResult {
    core::ReflectedEndpoint local;               // our socket
    std::vector<core::ReflectedEndpoint> mapped; // per server, in order (empty address: no answer)
    std::vector<double> rttMs;                   // per server (0: no answer)
    core::NatMapping mapping = core::NatMapping::Unknown; // from the first two answers
};

// Blocking and bounded: up to `attempts` requests per server, `timeoutMs` apart (STUN's own
// retransmission idea, shortened for a tool). Binds `localPort` (0: any) on the servers' family.
core::Result<StunBindingResult> stunBinding(const std::vector<StunServer> &servers, quint16 localPort = 0, int attempts = 3,
                                            int timeoutMs = 500);

} // namespace pathlens::collect
