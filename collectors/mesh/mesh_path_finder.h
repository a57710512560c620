// SPDX-License-Identifier: GPL-3.0-or-later
// Climbs the connection ladder to one peer on the mesh endpoint's socket: each rung probed with a
// timeout, each failure kept with its reason and how long it took, the first rung that answers
// kept for the pair until it stops working or either side's addresses change (issue 12).
#pragma once

#include "collectors/mesh/mesh_endpoint.h"
#include "collectors/mesh/mesh_peer_directory.h"
#include "collectors/nat/connection_ladder.h"

#include <map>
#include <memory>

namespace pathlens::collect {

struct MeshPathChoice {
    MeshPath path = MeshPath::None;
    MeshRoute route;
    QString note;        // what each rung did, for the row and the events ("lan …: no answer (1.5 s); punched …")
    double seconds = 0;  // the whole climb
};

// One rung's outcome, for the event log and the lab's statistics.
struct MeshRungOutcome {
    MeshPath path = MeshPath::None;
    QString where;
    bool ok = false;
    double seconds = 0;
    QString why;
};

// Owned by the mesh collector, on its thread; uses its endpoint and directory.
class MeshPathFinder {
public:
    MeshPathFinder(MeshEndpoint &endpoint, std::shared_ptr<MeshPeerDirectory> directory, QString selfName, bool allowLoopback);

    // The way to `peer`, climbing the ladder when none is known or it went stale. Blocking:
    // ≤ 1.5 s per address rung, ≈ 5 s for a punch (3 s for the invitation to arrive), ≤ 1.5 s to relay.
    MeshPathChoice choose(const MeshPeer &peer, std::vector<MeshRungOutcome> *outcomes = nullptr);
    // The way in use to `peerName`, if one was found.
    std::optional<MeshPathChoice> known(const QString &peerName) const
    {
        const auto it = m_known.find(peerName);
        return it == m_known.end() ? std::nullopt : std::optional(it->second.choice);
    }
    // A cycle with no answer at all: the next choose() climbs again.
    void failed(const QString &peerName) { m_known.erase(peerName); }
    // Our outside address changed (a NAT's mapping expired or moved): every punch is redone.
    void selfMoved();

    static constexpr int kInviteLeadMs = 3000; // the bus delivers in ≤ 1.2 s (1 s flush + broker)
    // A relayed pair tries the cheaper rungs again after this many cycles (30 min at the default
    // 2-minute cycle): a punch that failed once (a busy moment, a NAT that was restarting) should
    // not leave the pair on the relay's detour for good.
    static constexpr int kRelayedRecheckCycles = 15;

private:
    struct Known {
        MeshPathChoice choice;
        PeerReachability reach; // what the peer said when the way was found
        int uses = 0;           // cycles it served
    };
    std::vector<LocalSubnet> ownSubnets() const;

    MeshEndpoint &m_endpoint;
    std::shared_ptr<MeshPeerDirectory> m_directory;
    QString m_self;
    bool m_allowLoopback;
    std::map<QString, Known> m_known;
};

} // namespace pathlens::collect
