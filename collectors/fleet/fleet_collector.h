// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet bus client (SPEC §4, docs/fleet-bus.md): announces this agent (hello, verdict, its mesh
// rows) over MQTT, records what the other agents announce, and feeds discovered peers to the mesh.
#pragma once

#include "collectors/fleet/fleet_outbox.h"
#include "collectors/fleet/mqtt_client.h"
#include "collectors/host/collector.h"
#include "collectors/mesh/mesh_peer_directory.h"

#include <QSet>

#include <functional>
#include <map>
#include <memory>

class QTimer;

namespace pathlens::collect {

struct FleetCollectorOptions {
    MqttSettings bus;
    QString fleet;                 // topic level: pathlens/v1/<fleet>/...
    QString agentId, agentName;    // this agent (announce) or this viewer's client id (listen only)
    bool announce = true;          // false: only listen (the GUI's fleet view)
    QStringList addresses;         // advertised; empty = this host's global addresses
    quint16 reflectorPort = 0;     // 0: no reflector here, peers should not measure us
    std::shared_ptr<FleetOutbox> outbox = std::make_shared<FleetOutbox>();
    std::shared_ptr<MeshPeerDirectory> peers; // null: nothing to feed (no mesh here)
    int flushIntervalMs = 1000;    // how often the outbox is drained onto the bus
    std::function<qint64()> allocateTraceId; // ids for other agents' traces (null: traces not stored)
};

// Owned by CollectorHost; runs on its own thread, libmosquitto's network thread beside it (its
// callbacks are queued to this thread). A broker that is down is not a failure: the collector
// says so once in the events, keeps what it has to send, and libmosquitto reconnects by itself
// (1 s doubling to 30 s). Knows nothing of the analysis; rows are its only output.
class FleetCollector : public Collector {
    Q_OBJECT
public:
    explicit FleetCollector(FleetCollectorOptions options);
    ~FleetCollector() override;
    QString name() const override { return QStringLiteral("fleet"); }

    // This host's addresses worth advertising: up, not loopback, not link-local; global IPv6
    // first, then IPv4, then unique-local IPv6.
    static QStringList localAddresses();
    // The address of `peer` to measure from here, and the rung: "lan" when it shares a subnet with
    // one of ours, else "direct" (the first advertised). Empty when it advertises none.
    // Broadcast, multicast and unspecified addresses are never chosen; loopback only if allowed.
    static std::optional<MeshPeer> choosePeerAddress(const core::FleetDevice &peer, bool allowLoopback = false);

public slots:
    void start() override;
    void stop() override;

private:
    void connectionChanged(bool connected, const QString &reason);
    void received(const QString &topic, const QByteArray &payload);
    void flush();
    void publishVerdict(core::FleetDevice verdict);
    core::FleetDevice hello(bool online) const;

    FleetCollectorOptions m_options;
    std::unique_ptr<MqttClient> m_client;
    QTimer *m_timer = nullptr;
    bool m_wasConnected = false, m_saidDown = false;
    std::map<std::pair<QString, QString>, core::TimestampUs> m_lastMesh; // (src, dst) → newest stored
    std::map<std::pair<QString, QString>, core::TimestampUs> m_lastTrace; // (by, target address) → newest stored
    struct Rejections {
        int count = 0;
        QSet<QString> reasons; // each reason is said once
    };
    std::map<QString, Rejections> m_rejected; // malformed messages by sender
    const QString m_instance;                 // this run: tells a namesake agent from our own retained hello
    const bool m_loopbackFleet;               // we advertise loopback only (tests): peers may be loopback too
    bool m_saidTwin = false;
    MeshSelfAddresses m_announcedSelf; // what our last hello said of the mesh socket's outside addresses
    core::TimestampUs m_startedUtcUs = 0;
};

} // namespace pathlens::collect
