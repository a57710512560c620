// SPDX-License-Identifier: GPL-3.0-or-later
// NAT mapping classification.
#include "core/nat/nat_mapping.h"

#include <QCoreApplication>

namespace pathlens::core {

QString natMappingName(NatMapping m)
{
    switch (m) {
    case NatMapping::Unknown: return QStringLiteral("unknown");
    case NatMapping::None: return QStringLiteral("none");
    case NatMapping::EndpointIndependent: return QStringLiteral("endpoint-independent");
    case NatMapping::EndpointDependent: return QStringLiteral("endpoint-dependent");
    }
    return {};
}

QString natMappingDescription(NatMapping m)
{
    switch (m) {
    case NatMapping::Unknown: return QCoreApplication::translate("NatMapping", "not known (no STUN answer)");
    case NatMapping::None: return QCoreApplication::translate("NatMapping", "no NAT: peers reach this address directly");
    case NatMapping::EndpointIndependent:
        return QCoreApplication::translate("NatMapping", "NAT keeps one public port for every destination: hole punching works");
    case NatMapping::EndpointDependent:
        return QCoreApplication::translate("NatMapping",
                                           "NAT picks a new public port per destination (symmetric): punching needs port "
                                           "prediction, else a relay");
    }
    return {};
}

NatMapping classifyNatMapping(const ReflectedEndpoint &local, const ReflectedEndpoint &first, const ReflectedEndpoint &second)
{
    if (first.address.isEmpty() || second.address.isEmpty() || first.port == 0 || second.port == 0)
        return NatMapping::Unknown;
    if (first == local && second == local)
        return NatMapping::None;
    return first == second ? NatMapping::EndpointIndependent : NatMapping::EndpointDependent;
}

} // namespace pathlens::core
