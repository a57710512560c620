// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet bus: announce, listen, record, discover.
#include "collectors/fleet/fleet_collector.h"

#include "core/base/logging.h"
#include "core/fleet/fleet_bus_codec.h"
#include "core/store/fleet_rows.h"
#include "core/store/mesh_rows.h"
#include "core/store/trace_rows.h"

#include <QNetworkInterface>
#include <QUuid>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace pathlens::collect {

namespace {
constexpr int kRejectLogEvery = 100; // one event per 100 malformed messages of one sender, not each
constexpr qint64 kSilentMs = 5000;   // a broker answers in well under a second; 5 s of nothing is a problem

int addressRank(const QHostAddress &a)
{
    if (a.protocol() == QAbstractSocket::IPv6Protocol)
        return a.isGlobal() && !a.isUniqueLocalUnicast() ? 0 : 2;
    return 1;
}
} // namespace

FleetCollector::FleetCollector(FleetCollectorOptions options)
    : m_options(std::move(options)), m_instance(QUuid::createUuid().toString(QUuid::Id128).left(12)),
      m_loopbackFleet(!m_options.addresses.isEmpty()
                      && std::all_of(m_options.addresses.begin(), m_options.addresses.end(),
                                     [](const QString &a) { return QHostAddress(a).isLoopback(); }))
{
}

FleetCollector::~FleetCollector() = default;

QStringList FleetCollector::localAddresses()
{
    std::vector<QHostAddress> found;
    for (const QNetworkInterface &i : QNetworkInterface::allInterfaces()) {
        if (!(i.flags() & QNetworkInterface::IsUp) || (i.flags() & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &e : i.addressEntries()) {
            const QHostAddress a = e.ip();
            if (a.isLoopback() || a.isLinkLocal() || a.isNull())
                continue;
            QHostAddress plain = a;
            plain.setScopeId({});
            found.push_back(plain);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const QHostAddress &x, const QHostAddress &y) { return addressRank(x) < addressRank(y); });
    QStringList out;
    for (const QHostAddress &a : found)
        if (!out.contains(a.toString()))
            out << a.toString();
    return out;
}

std::optional<MeshPeer> FleetCollector::choosePeerAddress(const core::FleetDevice &peer, bool allowLoopback)
{
    // Only unicast addresses of a host: a hello must not aim our test traffic at a broadcast or
    // multicast group, nor at ourselves unless this fleet lives on one machine (tests).
    QStringList usable;
    for (const QString &text : peer.addresses) {
        const QHostAddress a(text);
        if (a.isNull() || a.isMulticast() || a.isBroadcast() || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6
            || (a.isLoopback() && !allowLoopback))
            continue;
        usable << text;
    }
    if (usable.isEmpty() || peer.reflectorPort == 0)
        return std::nullopt;
    MeshPeer out{peer.name, QHostAddress(usable.first()), peer.reflectorPort, QStringLiteral("direct")};
    for (const QNetworkInterface &i : QNetworkInterface::allInterfaces()) {
        if (!(i.flags() & QNetworkInterface::IsUp) || (i.flags() & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &e : i.addressEntries()) {
            if (e.ip().isLinkLocal() || e.prefixLength() <= 0)
                continue;
            for (const QString &text : usable) {
                const QHostAddress a(text);
                if (a != e.ip() && a.isInSubnet(e.ip(), e.prefixLength())) {
                    out.address = a;
                    out.path = QStringLiteral("lan");
                    return out;
                }
            }
        }
    }
    if (out.address.isNull())
        return std::nullopt;
    return out;
}

core::FleetDevice FleetCollector::hello(bool online) const
{
    core::FleetDevice d;
    d.utcUs = core::nowUtcUs();
    d.id = m_options.agentId;
    d.name = m_options.agentName;
    d.addresses = m_options.addresses.isEmpty() ? localAddresses() : m_options.addresses;
    d.reflectorPort = m_options.reflectorPort;
    d.online = online;
    d.hasHello = true;
    d.instance = m_instance;
    if (m_options.peers) {
        const MeshSelfAddresses self = m_options.peers->self();
        d.reflected = self.reflected;
        d.relay = self.relay;
    }
    return d;
}

void FleetCollector::start()
{
    m_startedUtcUs = core::nowUtcUs();
    MqttSettings bus = m_options.bus;
    // An agent keeps a persistent session under a stable id (the broker queues for it while it is
    // away); a viewer takes a fresh id each run, so two windows never push each other off.
    bus.clientId = m_options.announce ? QStringLiteral("pathlens-%1-%2").arg(m_options.fleet, m_options.agentId)
                                      : QStringLiteral("pathlens-viewer-%1").arg(m_instance);
    bus.persistentSession = m_options.announce;
    if (m_options.announce) // the broker tells the fleet when this agent vanishes without a goodbye
        bus.will = MqttSettings::Will{core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Hello),
                                      core::encodeHello(hello(false)), true};
    MqttClient::Callbacks callbacks;
    callbacks.onConnection = [this](bool connected, const QString &reason) {
        QMetaObject::invokeMethod(this, [this, connected, reason] { connectionChanged(connected, reason); }, Qt::QueuedConnection);
    };
    callbacks.onMessage = [this](const QString &topic, const QByteArray &payload, bool) {
        QMetaObject::invokeMethod(this, [this, topic, payload] { received(topic, payload); }, Qt::QueuedConnection);
    };
    m_client = std::make_unique<MqttClient>(bus, callbacks);
    m_client->subscribe(core::fleetSubscription(m_options.fleet));
    if (auto r = m_client->start(); !r) {
        reportFailure(r.error());
        return;
    }
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &FleetCollector::flush);
    m_timer->start(m_options.flushIntervalMs);
    publish({eventRow(QStringLiteral("fleet_bus"),
                      QStringLiteral("%1 fleet '%2' on %3 as %4")
                          .arg(m_options.announce ? QStringLiteral("joining") : QStringLiteral("watching"), m_options.fleet,
                               m_options.bus.display(), m_options.agentName))});
    reportStarted();
}

void FleetCollector::stop()
{
    if (m_timer)
        m_timer->stop();
    if (m_client) {
        if (m_options.announce && m_client->connected()) { // a goodbye: the last will is for vanishing
            flush();
            m_client->publish(core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Hello),
                              core::encodeHello(hello(false)), true);
        }
        m_client->stop(); // the network thread sends what is queued before it disconnects
        m_client.reset();
    }
}

void FleetCollector::connectionChanged(bool connected, const QString &reason)
{
    if (!m_client)
        return; // queued before stop() and delivered after it
    if (connected) {
        core::logger("fleet")->info("fleet bus {}: connected", m_options.bus.display().toStdString());
        publish({eventRow(QStringLiteral("fleet_bus"),
                          m_wasConnected ? QStringLiteral("reconnected to %1; sending what waited").arg(m_options.bus.display())
                                         : QStringLiteral("connected to %1").arg(m_options.bus.display()))});
        m_wasConnected = true;
        m_saidDown = false;
        if (m_options.announce) {
            m_client->publish(core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Hello),
                              core::encodeHello(hello(true)), true);
            if (auto v = m_options.outbox->takeVerdict(true))
                publishVerdict(*v);
        }
        flush();
        return;
    }
    if (m_saidDown)
        return;
    m_saidDown = true;
    core::logger("fleet")->warn("fleet bus {} unreachable: {}", m_options.bus.display().toStdString(), reason.toStdString());
    publish({eventRow(QStringLiteral("fleet_bus"),
                      QStringLiteral("fleet bus %1 unreachable (%2): measuring the peers already known, keeping results "
                                     "to send, reconnecting by itself")
                          .arg(m_options.bus.display(), reason))});
}

void FleetCollector::flush()
{
    if (m_client) {
        m_client->tick();
        // Some refusals (a TLS handshake) come without a callback: silence is reported too.
        if (!m_saidDown && m_client->downLongerThan(kSilentMs))
            connectionChanged(false, QStringLiteral("no connection after %1 s; check --bus, --bus-ca and PATHLENS_BUS_PASSWORD")
                                         .arg(kSilentMs / 1000));
    }
    if (!m_client || !m_client->connected() || !m_options.announce)
        return;
    if (auto v = m_options.outbox->takeVerdict(false))
        publishVerdict(*v);
    if (m_options.peers) {
        // The mesh socket's outside addresses changed (a new NAT mapping, a relay): tell the fleet.
        if (const MeshSelfAddresses self = m_options.peers->self(); self != m_announcedSelf) {
            m_announcedSelf = self;
            m_client->publish(core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Hello),
                              core::encodeHello(hello(true)), true);
        }
        const QString punchTopic = core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Punch);
        for (const core::FleetPunchInvite &p : m_options.peers->takeOut())
            if (p.atUtcUs > core::nowUtcUs()) // one that waited out a broker outage would be fired late: dropped
                m_client->publish(punchTopic, core::encodePunchInvite(p), false);
    }
    const QString traceTopic = core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Trace);
    for (const core::TraceResult &t : m_options.outbox->takeTraces())
        m_client->publish(traceTopic, core::encodeTrace(t), false); // one lost to a dropped link: the next comes in a few cycles
    const auto rows = m_options.outbox->takeMesh();
    const QString topic = core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Mesh);
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!m_client->publish(topic, core::encodeMeshResult(rows[i]), false)) {
            m_options.outbox->requeueMesh({rows.begin() + qsizetype(i), rows.end()});
            return;
        }
    }
}

void FleetCollector::publishVerdict(core::FleetDevice verdict)
{
    if (!m_client)
        return;
    verdict.id = m_options.agentId;
    verdict.name = m_options.agentName;
    // Not sent (the link dropped just now): the next connect sends the latest verdict anyway.
    m_client->publish(core::fleetTopic(m_options.fleet, m_options.agentId, core::FleetTopicKind::Verdict),
                      core::encodeVerdict(verdict), true);
}

void FleetCollector::received(const QString &topicText, const QByteArray &payload)
{
    const auto topic = core::parseFleetTopic(topicText);
    if (!topic || topic->fleet != m_options.fleet)
        return;
    if (payload.isEmpty())
        return; // a cleared retained message
    auto message = core::decodeFleetMessage(*topic, payload);
    if (!message) {
        // One event per sender and reason, then one per kRejectLogEvery: never one per message.
        Rejections &r = m_rejected[topic->agentId];
        ++r.count;
        if (r.count % kRejectLogEvery == 0 || !r.reasons.contains(message.error().message)) {
            r.reasons.insert(message.error().message);
            publish({eventRow(QStringLiteral("fleet_bus"), QStringLiteral("ignored %1 malformed message(s) from agent '%2': %3")
                                                               .arg(r.count)
                                                               .arg(topic->agentId, message.error().message))});
        }
        return;
    }
    if (auto *device = std::get_if<core::FleetDevice>(&*message)) {
        // A namesake: online, announced since we started (our own last run's retained hello is older).
        if (device->hasHello && device->id == m_options.agentId && m_options.announce && device->online
            && !device->instance.isEmpty() && device->instance != m_instance && device->utcUs >= m_startedUtcUs && !m_saidTwin) {
            m_saidTwin = true; // another agent announces itself under our name: the fleet cannot tell them apart
            core::logger("fleet")->error("another agent uses the name '{}' on fleet '{}'", m_options.agentName.toStdString(),
                                         m_options.fleet.toStdString());
            publish({eventRow(QStringLiteral("fleet_bus"),
                              QStringLiteral("another agent announces itself as '%1' on this fleet: give each agent its own "
                                             "--agent-name")
                                  .arg(m_options.agentName))});
        }
        if (device->hasHello && m_options.peers && device->id != m_options.agentId && device->online) {
            auto peer = choosePeerAddress(*device, m_loopbackFleet);
            if (peer) {
                peer->discovered = true;
                peer->reach = {device->addresses, device->reflectorPort, device->reflected, device->relay, core::NatMapping::Unknown};
            }
            if (peer && m_options.peers->discover(*peer))
                publish({eventRow(QStringLiteral("fleet_bus"), QStringLiteral("peer %1 found at %2 port %3 (%4)")
                                                                   .arg(peer->name, peer->address.toString())
                                                                   .arg(peer->port)
                                                                   .arg(peer->path))});
        }
        publish({core::fleetDeviceToRow(*device)});
        return;
    }
    if (topic->agentId == m_options.agentId)
        return; // our own mesh rows and traces are in the capture already
    if (auto *invite = std::get_if<core::FleetPunchInvite>(&*message)) {
        if (m_options.peers && invite->to == m_options.agentName)
            m_options.peers->inviteIn(*invite);
        return;
    }
    if (auto *trace = std::get_if<core::TraceResult>(&*message)) {
        core::TimestampUs &lastTrace = m_lastTrace[{trace->tracedBy, trace->targetAddr}];
        if (!m_options.allocateTraceId || trace->startedUtcUs <= lastTrace)
            return;
        lastTrace = trace->startedUtcUs;
        publish(core::traceRows(*trace, m_options.allocateTraceId()));
        return;
    }
    const core::MeshResult &m = std::get<core::MeshResult>(*message);
    // At-least-once delivery and a reconnect can repeat a row: keep each pair's rows in time order, once.
    core::TimestampUs &last = m_lastMesh[{m.src, m.dst}];
    if (m.utcUs <= last)
        return;
    last = m.utcUs;
    publish({core::meshResultToRow(m)});
}

} // namespace pathlens::collect
