// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the mesh section of the config.
#include "core/mesh/mesh_config.h"

#include "core/base/config_file.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace pathlens::core {

Result<MeshConfig> loadMeshConfig(const QString &path)
{
    const auto read = readConfigObject(path);
    if (!read)
        return read.error();
    const QJsonValue section = read->value(QStringLiteral("mesh"));
    MeshConfig config;
    if (section.isUndefined())
        return config;
    auto bad = [&](const QString &what) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("config %1: mesh.%2").arg(path, what),
                         QStringLiteral("see docs/configuration.md, section \"mesh\""));
    };
    if (!section.isObject())
        return bad(QStringLiteral(" must be an object"));
    const QJsonObject mesh = section.toObject();
    for (const char *key : {"bus", "fleet", "stun"}) {
        const QJsonValue v = mesh.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isString())
            return bad(QStringLiteral("%1 must be a string").arg(QLatin1String(key)));
    }
    config.bus = mesh.value(QStringLiteral("bus")).toString();
    config.fleet = mesh.value(QStringLiteral("fleet")).toString();
    config.stun = mesh.value(QStringLiteral("stun")).toString();
    if (const QJsonValue turn = mesh.value(QStringLiteral("turn")); !turn.isUndefined()) {
        if (!turn.isObject())
            return bad(QStringLiteral("turn must be {\"server\", \"user\", \"password\"}"));
        const QJsonObject t = turn.toObject();
        for (const char *key : {"server", "user", "password"}) { // the password may come from PATHLENS_TURN_PASSWORD instead
            const QJsonValue v = t.value(QLatin1String(key));
            if ((!v.isString() || v.toString().isEmpty()) && !(v.isUndefined() && QLatin1String(key) == QLatin1String("password")))
                return bad(QStringLiteral("turn.%1 must be a non-empty string").arg(QLatin1String(key)));
        }
        config.turn = {t.value(QStringLiteral("server")).toString(), t.value(QStringLiteral("user")).toString(),
                       t.value(QStringLiteral("password")).toString()};
    }
    const QJsonValue peers = mesh.value(QStringLiteral("peers"));
    if (peers.isUndefined())
        return config;
    if (!peers.isArray())
        return bad(QStringLiteral("peers must be a list of {\"name\", \"address\", \"port\"}"));
    QSet<QString> names;
    int index = 0;
    for (const QJsonValue &v : peers.toArray()) {
        const QJsonObject p = v.toObject();
        MeshPeerConfig peer;
        peer.name = p.value(QStringLiteral("name")).toString();
        peer.address = p.value(QStringLiteral("address")).toString();
        peer.port = p.value(QStringLiteral("port")).toInt(862);
        if (!v.isObject() || peer.name.isEmpty() || peer.address.isEmpty())
            return bad(QStringLiteral("peers[%1] needs a \"name\" and an \"address\"").arg(index));
        if (peer.port < 1 || peer.port > 65535)
            return bad(QStringLiteral("peers[%1].port %2 is not 1–65535").arg(index).arg(peer.port));
        if (names.contains(peer.name))
            return bad(QStringLiteral("peers: '%1' is named twice").arg(peer.name));
        names << peer.name;
        config.peers.push_back(peer);
        ++index;
    }
    return config;
}

} // namespace pathlens::core
