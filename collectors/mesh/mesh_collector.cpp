// SPDX-License-Identifier: GPL-3.0-or-later
// Mesh cycles: STAMP sessions to every peer, analysed and stored.
#include "collectors/mesh/mesh_collector.h"

#include "collectors/mesh/stamp_sender.h"
#include "core/base/logging.h"
#include "core/base/time_utc.h"
#include "core/store/mesh_rows.h"
#include "core/store/trace_rows.h"
#include "collectors/trace/trace_engine.h"

#include <QFutureWatcher>
#include <QNetworkInterface>
#include <QTimer>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

namespace pathlens::collect {

namespace {
std::vector<core::StampExchange> exchanges(const StampSessionResult &r, int bytes)
{
    std::vector<core::StampExchange> out;
    out.reserve(r.samples.size());
    for (const StampSample &s : r.samples)
        out.push_back({s.sequence, s.answered, s.t1, s.t2, s.t3, s.t4, s.reflectorSequence, bytes});
    return out;
}
} // namespace

MeshCollector::MeshCollector(MeshCollectorOptions options) : m_options(std::move(options)) {}

MeshCollector::~MeshCollector()
{
    m_cancel->store(true); // a trace in flight stops within 50 ms; its watcher dies with us
}

void MeshCollector::start()
{
    m_endpoint = new MeshEndpoint(m_options.port, m_options.reflect, m_options.nat, m_options.selfName, this);
    if (auto r = m_endpoint->start(); !r) {
        publish({eventRow(QStringLiteral("mesh"), r.error().toString())});
        reportFailure(r.error());
        return;
    }
    m_finder = std::make_unique<MeshPathFinder>(*m_endpoint, m_options.peers, m_options.selfName, m_options.allowLoopback);
    connect(m_endpoint, &MeshEndpoint::addressesChanged, this, &MeshCollector::addressesChanged);
    m_endpoint->setEachTurn([this] { takeInvitations(); });
    m_poll = new QTimer(this);
    connect(m_poll, &QTimer::timeout, this, &MeshCollector::poll);
    m_poll->start(100); // an invitation names a moment 3 s ahead: 100 ms late at most
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &MeshCollector::runCycle);
    m_timer->start(std::max(1, m_options.intervalS) * 1000);
    QStringList names;
    const auto peers = m_options.peers->peers();
    for (const MeshPeer &p : peers)
        names << QStringLiteral("%1 (%2 port %3)").arg(p.name, p.address.toString()).arg(p.port);
    publish({eventRow(QStringLiteral("mesh"),
                      QStringLiteral("measuring every %1 s as %2, %3 bytes sent per peer per cycle; %4 peer(s) known: %5")
                          .arg(m_options.intervalS)
                          .arg(m_options.selfName)
                          .arg(m_options.bytesPerCycle())
                          .arg(peers.size())
                          .arg(names.isEmpty() ? QStringLiteral("more come from the fleet bus") : names.join(QStringLiteral(", "))))});
    reportStarted();
    QTimer::singleShot(0, this, &MeshCollector::runCycle); // the first cycle now, not after 2 minutes
}

void MeshCollector::stop()
{
    m_stopping = true;
    m_cancel->store(true);
    if (m_timer)
        m_timer->stop();
    if (m_poll)
        m_poll->stop();
    if (m_endpoint) {
        if (const auto *c = m_endpoint->reflectorCounters())
            publish({eventRow(QStringLiteral("reflector"), QStringLiteral("stopped: %1 STAMP packets received, %2 answered, %3 dropped")
                                                               .arg(c->received)
                                                               .arg(c->reflected)
                                                               .arg(c->dropped()))});
        m_endpoint->stop();
    }
}

void MeshCollector::addressesChanged()
{
    MeshSelfAddresses self;
    if (const auto r = m_endpoint->reflected())
        self.reflected = endpointText(r->address, r->port);
    if (const auto r = m_endpoint->relay())
        self.relay = endpointText(r->address, r->port);
    const MeshSelfAddresses before = m_options.peers->self();
    if (const QString problem = m_endpoint->relayProblem(); problem != m_relayProblem) {
        m_relayProblem = problem; // said once per change, not every retry
        if (!problem.isEmpty())
            publish({eventRow(QStringLiteral("mesh"), problem)});
    }
    if (self == before)
        return;
    if (!before.reflected.isEmpty() && self.reflected != before.reflected)
        m_finder->selfMoved(); // a NAT mapping expired or moved: punched ways are redone
    m_options.peers->setSelf(self);
    publish({eventRow(QStringLiteral("mesh"), QStringLiteral("outside addresses of the mesh socket: reflected %1, relayed %2")
                                                  .arg(self.reflected.isEmpty() ? QStringLiteral("unknown") : self.reflected,
                                                       self.relay.isEmpty() ? (m_endpoint->relayProblem().isEmpty() ? QStringLiteral("none")
                                                                                                                     : m_endpoint->relayProblem())
                                                                            : self.relay))});
}

void MeshCollector::takeInvitations()
{
    const auto invites = m_options.peers->takeIn();
    if (invites.empty())
        return;
    const auto peers = m_options.peers->peers();
    const core::TimestampUs now = core::nowUtcUs();
    for (const core::FleetPunchInvite &invite : invites) {
        // Only a peer we know may invite, only towards the address its own hello gave, for a
        // moment that has not passed and is not far off, and once per kInviteEveryMs: anyone on
        // the bus could otherwise aim our punches (320 requests each) at any host.
        const auto peer = std::find_if(peers.begin(), peers.end(), [&](const MeshPeer &p) { return p.discovered && p.name == invite.from; });
        const auto where = parseEndpoint(invite.reflected);
        qint64 &last = m_lastInvite[invite.from];
        const bool fresh = invite.atUtcUs >= now - kInviteLateUs && invite.atUtcUs <= now + kInviteAheadUs;
        if (peer == peers.end() || !where || peer->reach.reflected != invite.reflected || !fresh || (last && now - last < kInviteEveryUs)) {
            core::logger("mesh")->debug("punch invitation from {} ignored", invite.from.toStdString());
            continue;
        }
        last = now;
        m_endpoint->schedulePunch(invite.from, {where->first, where->second}, invite.atUtcUs, m_options.peers->reflectedExcept(invite.from));
    }
}

void MeshCollector::poll()
{
    if (m_stopping || !m_endpoint)
        return;
    takeInvitations();
    // Our relay must let the peers' relays in before their probes come (a permission per IP).
    if (m_endpoint->relay())
        for (const MeshPeer &p : m_options.peers->peers())
            if (const auto r = parseEndpoint(p.reach.relay))
                m_endpoint->permit(r->first);
}

void MeshCollector::tracePeer(const MeshPeer &peer)
{
    TraceOptions options;
    // The way the STAMP packets take: to a relayed peer that is our leg to the relay (the peer
    // traces its own), to a punched one the peer's NAT.
    const auto way = m_finder ? m_finder->known(peer.name) : std::nullopt;
    options.target = way && !way->route.to.address.isNull() ? way->route.to.address.toString() : peer.address.toString();
    options.proto = TraceProto::Udp; // no privilege needed
    auto *watcher = new QFutureWatcher<core::Result<core::TraceResult>>(this);
    m_traceInFlight = true;
    // The end box names the peer, or for a relayed peer the relay this leg ends at.
    const QString endName = way && way->route.relayed ? QStringLiteral("relay to %1").arg(peer.name) : peer.name;
    // Our end box shows our NAT's public address when the STUN server saw us at one not our own.
    QString publicAddress;
    if (const auto r = m_endpoint ? m_endpoint->reflected() : std::nullopt; r && !QNetworkInterface::allAddresses().contains(r->address))
        publicAddress = r->address.toString();
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, name = peer.name, endName, publicAddress] {
        watcher->deleteLater();
        m_traceInFlight = false;
        auto traced = watcher->result();
        if (m_stopping)
            return;
        if (!traced) {
            core::logger("mesh")->info("trace to {}: {}", name.toStdString(), traced.error().toString().toStdString());
        } else {
            core::TraceResult t = std::move(*traced);
            t.tracedBy = m_options.selfName;
            t.target = endName; // targetAddr keeps where it was traced
            t.publicAddr = publicAddress;
            publish(core::traceRows(t, m_options.allocateTraceId()));
        }
        measureNext();
    });
    watcher->setFuture(QtConcurrent::run([options, cancel = m_cancel] { return traceOnce(options, cancel.get()); }));
}

void MeshCollector::runCycle()
{
    if (!m_queue.empty() || m_traceInFlight || m_stopping)
        return; // the last cycle is still going (many or slow peers): this tick is skipped
    const bool traceNow = m_options.traceEveryCycles > 0 && m_options.allocateTraceId
                          && m_cycle++ % quint64(m_options.traceEveryCycles) == 0;
    if (m_endpoint) // keeps the NAT's mapping alive and notices when it moved, before any peer is measured
        m_endpoint->refreshReflected(500);
    const auto peers = m_options.peers->peers();
    for (const MeshPeer &peer : peers)
        if (peer.name != m_options.selfName)
            m_queue.push_back({peer, false});
    // Traces after the STAMP sessions, one at a time: a trace beside a train would queue behind
    // it on a slow link (the lab saw +4 ms on a 2 Mbit/s uplink) and measure our own traffic.
    for (const MeshPeer &peer : peers)
        if (traceNow && peer.name != m_options.selfName)
            m_queue.push_back({peer, true});
    measureNext();
}

void MeshCollector::measureNext()
{
    // One step per event-loop turn: a stop() queued meanwhile runs before the next one, so the
    // host never waits for a whole cycle (49 peers at 1.4 s each would be over a minute).
    if (m_queue.empty() || m_stopping) {
        m_queue.clear();
        return;
    }
    const auto [peer, trace] = m_queue.front();
    m_queue.pop_front();
    if (trace) {
        tracePeer(peer); // continues the queue when it is done; this thread stays free meanwhile
        return;
    }
    measure(peer);
    if (!m_queue.empty())
        QTimer::singleShot(0, this, &MeshCollector::measureNext);
}

void MeshCollector::measure(const MeshPeer &peer)
{
    if (!m_endpoint)
        return;
    std::vector<MeshRungOutcome> rungs;
    const MeshPathChoice way = m_finder->choose(peer, &rungs);
    if (!rungs.empty()) {
        QStringList steps;
        for (const MeshRungOutcome &o : rungs)
            steps << QStringLiteral("%1 %2 %3 %4 s%5")
                         .arg(meshPathName(o.path), o.where, o.ok ? QStringLiteral("ok") : QStringLiteral("failed"))
                         .arg(o.seconds, 0, 'f', 2)
                         .arg(o.ok ? QString() : QStringLiteral(" (%1)").arg(o.why));
        publish({eventRow(QStringLiteral("mesh_ladder"), QStringLiteral("%1: %2 in %3 s — %4")
                                                             .arg(peer.name, meshPathName(way.path))
                                                             .arg(way.seconds, 0, 'f', 2)
                                                             .arg(steps.join(QStringLiteral("; "))))});
    }
    // Who, when and which way: the same for a measured row and a "no way" row.
    core::MeshResult row;
    row.utcUs = core::nowUtcUs();
    row.src = m_options.selfName;
    row.dst = peer.name;
    row.dstAddress = way.path == MeshPath::None ? peer.address.toString() : way.route.to.address.toString();
    row.path = meshPathName(way.path);
    row.pathNote = way.note;
    if (way.path == MeshPath::None) { // a cell that says "down" and why, rather than no cell at all
        publish({core::meshResultToRow(row)});
        return;
    }
    // Through a relay every datagram gains a TURN Send/Data indication's header: trains shrink so
    // the wrapped packet still fits one 1500-byte frame.
    const int overhead = way.route.relayed ? StunWire::indicationOverhead(way.route.to.address) : 0;
    StampSessionOptions echo{way.route.to.address, way.route.to.port, m_options.echoCount, m_options.echoIntervalMs, 1, m_options.waitMs,
                             m_options.mode, m_options.key, 0};
    StampSessionOptions trains{way.route.to.address, way.route.to.port, m_options.trains * m_options.trainLength, m_options.trainIntervalMs,
                              m_options.trainLength, m_options.waitMs, m_options.mode, m_options.key, m_options.trainBytes - overhead};
    auto e = m_endpoint->session(echo, way.route);
    auto p = e ? m_endpoint->session(trains, way.route) : e;
    if (!e || !p) {
        // A local problem (no route, socket refused), not the peer's: say so, measure the rest.
        core::logger("mesh")->warn("mesh to {}: {}", peer.name.toStdString(), (e ? p : e).error().toString().toStdString());
        return;
    }
    // Capacity counts IP packet bits (SPEC: "packet bits"): the payload plus the IP and UDP headers.
    const int headers = (way.route.to.address.protocol() == QAbstractSocket::IPv6Protocol ? 40 + 8 : 20 + 8) + overhead;
    const int echoBytes = (m_options.mode == core::StampMode::Authenticated ? core::kStampAuthSize : core::kStampUnauthSize) + headers;
    const core::MeshCycleResult r =
        core::analyseMeshCycle(exchanges(*e, echoBytes), exchanges(*p, trains.size + headers), m_history[peer.name + QLatin1Char('|') + meshPathName(way.path)],
                               m_options.trainLength);
    row.sent = r.sent;
    row.answered = r.answered;
    row.rttMs = r.rttMs;
    row.lossPct = r.lossPct;
    row.lossForwardPct = r.lossForwardPct;
    row.lossReversePct = r.lossReversePct;
    row.queueForwardMs = r.queueForwardMs;
    row.queueReverseMs = r.queueReverseMs;
    row.capacityForwardMbps = r.capacityForwardMbps;
    row.capacityReverseMbps = r.capacityReverseMbps;
    row.capacityNote = r.capacityNote;
    if (r.answered == 0 && (e->rejected > 0 || p->rejected > 0)) // answers came, none fitted: say why
        core::logger("mesh")->warn("mesh to {}: {} + {} datagrams refused, first: {}", peer.name.toStdString(), e->rejected,
                                   p->rejected, (e->rejected ? e->firstRejection : p->firstRejection).toStdString());
    if (r.answered == 0)
        m_finder->failed(peer.name); // nothing came back: the next cycle climbs the ladder again
    publish({core::meshResultToRow(row)});
}

} // namespace pathlens::collect
