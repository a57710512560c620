// SPDX-License-Identifier: GPL-3.0-or-later
// What a NAT does to this host's UDP flows, from STUN-reflected addresses (RFC 4787 terms): none
// (the reflected address is our own), endpoint-independent mapping (one public port whatever the
// destination: hole punching works) or endpoint-dependent (a new port per destination: "symmetric",
// punching needs port prediction or a relay). The first rung of the connection ladder (issue 12).
#pragma once

#include <QString>

namespace pathlens::core {

enum class NatMapping { Unknown, None, EndpointIndependent, EndpointDependent };
QString natMappingName(NatMapping mapping);        // "none", "endpoint-independent", …
QString natMappingDescription(NatMapping mapping); // a sentence for people

struct ReflectedEndpoint {
    QString address; // as the STUN server saw us
    quint16 port = 0;
    bool operator==(const ReflectedEndpoint &) const = default;
};

// `local`: the socket's own address and port; `first`/`second`: what two servers (or two ports of
// one server) reflected for that same socket.
NatMapping classifyNatMapping(const ReflectedEndpoint &local, const ReflectedEndpoint &first, const ReflectedEndpoint &second);

} // namespace pathlens::core
