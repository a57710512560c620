// SPDX-License-Identifier: GPL-3.0-or-later
// The connection ladder (SPEC §4, issue 12): which ways to try to reach a peer agent, cheapest
// first — same LAN, direct (public IPv6 first), coordinated hole punch between STUN-reflected
// addresses, TURN relay — and the names of the path found. Pure (no sockets): the mesh collector
// probes each rung on its socket and records which one answered.
#pragma once

#include "core/nat/nat_mapping.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pathlens::collect {

enum class MeshPath { Lan, Direct, Punched, Relayed, None };
QString meshPathName(MeshPath path); // "lan", "direct", "punched", "relayed", "none" (stored and on the bus)
std::optional<MeshPath> meshPathFromName(const QString &name);

// "ADDRESS:PORT" and "[V6]:PORT" both ways; nullopt for anything else (port 0 included).
QString endpointText(const QHostAddress &address, quint16 port);
std::optional<std::pair<QHostAddress, quint16>> parseEndpoint(const QString &text);

// One of this host's addresses with its prefix (a subnet it is on).
struct LocalSubnet {
    QHostAddress address;
    int prefixLength = 0;
};

// What a peer told the fleet about itself (its hello).
struct PeerReachability {
    QStringList addresses;          // advertised, preferred first
    quint16 port = 0;               // its mesh socket (the STAMP reflector port)
    QString reflected;              // "ip:port" its STUN server saw; empty: unknown
    QString relay;                  // "ip:port" of its TURN allocation; empty: none
    core::NatMapping mapping = core::NatMapping::Unknown;
    bool operator==(const PeerReachability &) const = default;
};

struct LadderRung {
    MeshPath path = MeshPath::None;
    QHostAddress address; // where to probe (punch: the peer's reflected address; relay: its relay address)
    quint16 port = 0;
};

// The rungs to try, in order: every advertised address sharing a subnet with one of `own` (lan);
// the others (direct: global IPv6, then IPv4, then the rest); the punch when both sides know their
// reflected address; the relay when the peer has one and `haveRelay`. Addresses that cannot be a
// peer (multicast, broadcast, unspecified, and loopback unless allowed) are never tried.
std::vector<LadderRung> ladderRungs(const PeerReachability &peer, const std::vector<LocalSubnet> &own, bool ownReflectedKnown,
                                    bool haveRelay, bool allowLoopback = false);

// The 64 ports a punch fires at, from the reflected port up (SPEC §4: 5 attempts × 64 deltas):
// a NAT that allocates ports in sequence maps the peer's new flow a few ports above the one the
// STUN server saw. Ports past 65535 are not wrapped (they do not exist).
inline constexpr int kPunchDeltas = 64;
inline constexpr int kPunchAttempts = 5;
std::vector<quint16> punchPorts(quint16 reflectedPort, int deltas = kPunchDeltas);

} // namespace pathlens::collect
