// SPDX-License-Identifier: GPL-3.0-or-later
// The peers the mesh measures: those configured (--peer, mesh.peers) and those discovered on the
// fleet bus. Shared between the fleet and mesh collectors; survives their restarts.
#pragma once

#include "collectors/nat/connection_ladder.h"
#include "collectors/nat/stun_wire.h"
#include "core/fleet/fleet_device.h"
#include "core/mesh/stamp_packet.h"

#include <QHostAddress>
#include <QString>

#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace pathlens::collect {

struct MeshPeer {
    QString name;
    QHostAddress address;
    quint16 port = core::kStampDefaultPort;
    QString path = QStringLiteral("direct"); // configured peers: measured directly, no ladder
    // Discovered on the fleet bus: what its hello said, and the ladder decides the way.
    bool discovered = false;
    PeerReachability reach{};
};

// What the outside sees of this agent's mesh socket (the NAT ladder's own rung), for its hello.
struct MeshSelfAddresses {
    QString reflected, relay; // "ip:port"; empty: unknown or none
    bool operator==(const MeshSelfAddresses &) const = default;
};

// Thread-safe. A configured peer is never replaced by a discovered one of the same name.
class MeshPeerDirectory {
public:
    void setConfigured(std::vector<MeshPeer> peers)
    {
        std::lock_guard lock(m_mutex);
        m_configured.clear();
        for (MeshPeer &p : peers)
            m_configured[p.name] = std::move(p);
    }
    // Returns true when the peer is new or moved (another address, port or path).
    bool discover(const MeshPeer &peer)
    {
        std::lock_guard lock(m_mutex);
        if (m_configured.count(peer.name))
            return false;
        auto it = m_discovered.find(peer.name);
        if (it != m_discovered.end() && it->second.address == peer.address && it->second.port == peer.port
            && it->second.path == peer.path && it->second.reach == peer.reach)
            return false;
        m_discovered[peer.name] = peer;
        return true;
    }
    // Every peer's reflected address but `except`'s: ports a punch must not spray.
    std::vector<StunEndpoint> reflectedExcept(const QString &except) const
    {
        std::vector<StunEndpoint> out;
        for (const MeshPeer &p : peers())
            if (p.name != except)
                if (const auto r = parseEndpoint(p.reach.reflected))
                    out.push_back({r->first, r->second});
        return out;
    }
    std::vector<MeshPeer> peers() const // by name
    {
        std::lock_guard lock(m_mutex);
        std::map<QString, MeshPeer> all = m_discovered;
        for (const auto &[name, p] : m_configured)
            all[name] = p;
        std::vector<MeshPeer> out;
        for (auto &[name, p] : all)
            out.push_back(p);
        return out;
    }

    // The mesh collector says where it is reachable; the fleet collector announces it.
    void setSelf(const MeshSelfAddresses &self)
    {
        std::lock_guard lock(m_mutex);
        m_self = self;
    }
    MeshSelfAddresses self() const
    {
        std::lock_guard lock(m_mutex);
        return m_self;
    }
    // Punch invitations: out (mesh → bus) and in (bus → mesh), bounded.
    void inviteOut(const core::FleetPunchInvite &invite) { push(m_out, invite); }
    void inviteIn(const core::FleetPunchInvite &invite) { push(m_in, invite); }
    std::vector<core::FleetPunchInvite> takeOut() { return take(m_out); }
    std::vector<core::FleetPunchInvite> takeIn() { return take(m_in); }

private:
    static constexpr size_t kMaxInvites = 256; // a peer flooding invitations cannot grow this
    void push(std::vector<core::FleetPunchInvite> &q, const core::FleetPunchInvite &invite)
    {
        std::lock_guard lock(m_mutex);
        if (q.size() < kMaxInvites)
            q.push_back(invite);
    }
    std::vector<core::FleetPunchInvite> take(std::vector<core::FleetPunchInvite> &q)
    {
        std::lock_guard lock(m_mutex);
        return std::exchange(q, {});
    }
    mutable std::mutex m_mutex;
    std::map<QString, MeshPeer> m_configured, m_discovered;
    MeshSelfAddresses m_self;
    std::vector<core::FleetPunchInvite> m_out, m_in;
};

} // namespace pathlens::collect
