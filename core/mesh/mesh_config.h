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

struct MeshConfig {
    std::vector<MeshPeerConfig> peers;
    QString bus;   // mqtt:// or mqtts:// URL, empty = none
    QString fleet; // empty = the default
};

// {"mesh": {"peers": [{"name": "berlin", "address": "192.0.2.7", "port": 862}, …], "bus": "…",
// "fleet": "…"}}; a config without "mesh" gives an empty MeshConfig.
Result<MeshConfig> loadMeshConfig(const QString &path);

} // namespace pathlens::core
