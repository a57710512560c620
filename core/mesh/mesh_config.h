// SPDX-License-Identifier: GPL-3.0-or-later
// The "mesh" section of the agent's JSON config (docs/configuration.md): peers to measure and the
// fleet bus to join. Command-line options win over it.
#pragma once

#include "core/base/result.h"

#include <QString>

#include <vector>

namespace pathlens::core {

struct MeshPeerConfig {
    QString name;
    QString address; // an IP address (checked where sockets are made)
    int port = 862;
};

// The connection ladder's servers (issue 12): STUN for our reflected address, TURN (long-term
// credentials, UDP) to relay when nothing else gets through.
struct MeshTurnConfig {
    QString server;   // "host:port" (an IP address; port 3478 when left out)
    QString user, password; // password: empty when left to PATHLENS_TURN_PASSWORD
};

struct MeshConfig {
    std::vector<MeshPeerConfig> peers;
    QString bus;   // mqtt:// or mqtts:// URL, empty = none
    QString fleet; // empty = the default
    QString stun;  // "ip[:port]", empty = none
    MeshTurnConfig turn;
};

// {"mesh": {"peers": [{"name": "berlin", "address": "192.0.2.7", "port": 862}, …], "bus": "…",
// "fleet": "…", "stun": "…", "turn": {"server": "…", "user": "…", "password": "…"}}; a config
// without "mesh" gives an empty MeshConfig.
Result<MeshConfig> loadMeshConfig(const QString &path);

} // namespace pathlens::core
