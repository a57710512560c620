// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet bus's topics and JSON payloads (docs/fleet-bus.md): pure functions, no MQTT, fuzzed.
// Topics: pathlens/v1/<fleet>/<agent id>/{hello,verdict,mesh,trace,punch}; hello and verdict are retained.
#pragma once

#include "core/base/result.h"
#include "core/fleet/fleet_device.h"
#include "core/mesh/mesh_result.h"
#include "core/trace/trace_result.h"

#include <QByteArray>

#include <variant>

namespace pathlens::core {

inline constexpr int kFleetBusVersion = 1;
inline constexpr qsizetype kFleetBusMaxPayload = 64 * 1024; // a mesh row is ~400 B; a hello ~300 B

enum class FleetTopicKind { Hello, Verdict, Mesh, Trace, Punch };

struct FleetTopic {
    QString fleet, agentId;
    FleetTopicKind kind = FleetTopicKind::Hello;
};

// A fleet name or agent id must be one MQTT topic level: 1–64 of [A-Za-z0-9._-].
Result<void> checkFleetTopicLevel(const QString &what, const QString &value);
// A name made into a topic level: what it cannot hold becomes '-', cut to 64 characters.
QString fleetSafeId(const QString &name);

QString fleetTopic(const QString &fleet, const QString &agentId, FleetTopicKind kind);
QString fleetSubscription(const QString &fleet); // every agent's every message
std::optional<FleetTopic> parseFleetTopic(const QString &topic);

// Hello: id, name, addresses, reflector port, online. Verdict: grade and its evidence.
QByteArray encodeHello(const FleetDevice &device);
QByteArray encodeVerdict(const FleetDevice &device);
QByteArray encodeMeshResult(const MeshResult &result);
QByteArray encodeTrace(const TraceResult &trace); // a mesh agent's trace to a peer (tracedBy set)
QByteArray encodePunchInvite(const FleetPunchInvite &invite);

using FleetBusMessage = std::variant<FleetDevice, MeshResult, TraceResult, FleetPunchInvite>;
// Decodes a payload received on `topic`; the agent id in the payload must match the topic's (an
// agent may only speak for itself); mesh rows and traces carry the sender as their source.
Result<FleetBusMessage> decodeFleetMessage(const FleetTopic &topic, const QByteArray &payload);

} // namespace pathlens::core
