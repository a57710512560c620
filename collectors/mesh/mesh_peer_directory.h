// SPDX-License-Identifier: GPL-3.0-or-later
// The peers the mesh measures: those configured (--peer, mesh.peers) and those discovered on the
// fleet bus. Shared between the fleet and mesh collectors; survives their restarts.
#pragma once

#include "core/mesh/stamp_packet.h"

#include <QHostAddress>
#include <QString>

#include <map>
#include <mutex>
#include <vector>

namespace pathlens::collect {

struct MeshPeer {
    QString name;
    QHostAddress address;
    quint16 port = core::kStampDefaultPort;
    QString path = QStringLiteral("direct"); // lan | direct (the rungs of the ladder found so far)
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
            && it->second.path == peer.path)
            return false;
        m_discovered[peer.name] = peer;
        return true;
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

private:
    mutable std::mutex m_mutex;
    std::map<QString, MeshPeer> m_configured, m_discovered;
};

} // namespace pathlens::collect
