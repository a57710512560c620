// SPDX-License-Identifier: GPL-3.0-or-later
// One socket for STAMP, STUN and TURN: demultiplexing, the allocation's life, probes and punches.
#include "collectors/mesh/mesh_endpoint.h"

#include "core/nat/punch_priming.h"

#include "core/base/logging.h"
#include "core/base/time_utc.h"
#include "collectors/nat/connection_ladder.h"

#include <QSocketNotifier>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace pathlens::collect {

namespace {
constexpr qint64 kMs = 1'000'000;
constexpr int kAllocateTimeoutMs = 500;   // a TURN server answers in a round trip; 3 tries before "down"
constexpr int kAllocateAttempts = 3;
constexpr int kRetryAfterFailureMs = 30'000;
constexpr int kPermissionLifetimeS = 300;  // RFC 5766 §8: fixed 5 minutes, renewed one minute early
constexpr int kPermissionRetryS = 30;      // a refused permission is not asked again sooner
constexpr int kTurnKeepaliveS = 20;        // NATs drop idle UDP mappings after 30–180 s: the relay's must stay
constexpr int kPunchTransactionMs = 400;   // a punch answer later than this is not waited for (keeps the library's 200 ids free)
constexpr const char *kSoftwarePrefix = "pathlens-agent ";
constexpr int kTurnMs = 100;

qint64 nowNs() { return core::nowUtcUs() * 1000; }
} // namespace

QString MeshRoute::text() const
{
    return relayed ? QStringLiteral("relay %1").arg(endpointText(to.address, to.port)) : endpointText(to.address, to.port);
}

// Marks a blocking call: the loop inside it turns pump() itself, so the timer is re-armed only
// when it returns.
class MeshEndpoint::Blocking {
public:
    explicit Blocking(MeshEndpoint &e) : m_e(e), m_outer(e.m_inPump) { m_e.m_inPump = true; }
    ~Blocking()
    {
        m_e.m_inPump = m_outer;
        if (!m_outer)
            m_e.armTimer();
    }

private:
    MeshEndpoint &m_e;
    const bool m_outer; // inside another blocking call (stop()'s wait): that one re-arms
};

// A session's packets over the endpoint's socket: the answers on its route are queued for it by
// dispatch(); everything else keeps being handled while it waits.
class EndpointStampPath final : public StampPath {
public:
    EndpointStampPath(MeshEndpoint &e, MeshRoute route) : m_e(e), m_route(std::move(route)) {}
    core::Result<void> send(const QByteArray &packet) override { return m_e.sendTo(m_route, packet); }
    bool waitReadable(int timeoutMs) override
    {
        const qint64 end = nowNs() + qint64(timeoutMs) * kMs;
        while (m_e.m_sessionQueue.empty()) {
            const qint64 left = (end - nowNs()) / kMs;
            m_e.pump(int(std::max<qint64>(0, left)));
            if (left <= 0)
                break;
        }
        return !m_e.m_sessionQueue.empty();
    }
    core::Result<std::optional<StampDatagram>> receive() override
    {
        if (m_e.m_sessionQueue.empty())
            return std::optional<StampDatagram>();
        StampDatagram d = std::move(m_e.m_sessionQueue.front());
        m_e.m_sessionQueue.pop_front();
        return std::optional<StampDatagram>(std::move(d));
    }
    bool isFromPeer(const StampDatagram &) const override { return true; } // only its route's answers are queued
    qint64 nowNs() const override { return m_e.m_socket->nowNs(); }
    QString timestampMethod() const override { return m_e.m_socket->timestampMethod(); }

private:
    MeshEndpoint &m_e;
    MeshRoute m_route;
};

MeshEndpoint::MeshEndpoint(quint16 port, std::optional<core::StampReflectorConfig> reflect, NatTraversalConfig nat, QString selfName,
                           QObject *parent)
    : QObject(parent), m_port(port), m_nat(std::move(nat)), m_self(std::move(selfName))
{
    if (reflect)
        m_policy.emplace(std::move(*reflect));
}

MeshEndpoint::~MeshEndpoint() = default;

qint64 MeshEndpoint::keepaliveDueNs() const
{
    return m_lastToTurnNs + qint64(kTurnKeepaliveS) * 1000 * kMs;
}

QString MeshEndpoint::software() const { return QString::fromLatin1(kSoftwarePrefix) + m_self; }

core::Result<void> MeshEndpoint::start()
{
    auto socket = StampSocket::open(m_port, QStringLiteral("mesh socket"));
    if (!socket)
        return socket.error();
    m_socket = std::move(*socket);
    m_notifier = new QSocketNotifier(qintptr(m_socket->descriptor()), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { pump(0); });
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, [this] { pump(0); });
    core::logger("mesh")->info("mesh socket on UDP port {} ({}; {}{})", m_socket->localPort(),
                               m_policy ? "reflecting STAMP" : "not reflecting", m_nat.stun ? "STUN " : "",
                               m_nat.turn ? "TURN" : "");
    refreshReflected();
    if (m_nat.turn)
        allocate();
    armTimer();
    return {};
}

void MeshEndpoint::stop()
{
    if (!m_socket)
        return;
    if (m_allocation.state == Allocation::Ready && m_nat.turn) {
        // Release now rather than let the server keep a relay port for up to 10 minutes.
        m_releaseRetried = false;
        request(m_wire.refresh(m_allocation.nonceMessage, m_nat.turnUser, m_nat.turnPassword, 0), Purpose::Release,
                {*m_nat.turn, false}, 300);
        pumpUntil(nowNs() + 300 * kMs, [this] {
            return std::none_of(m_pending.begin(), m_pending.end(), [](const auto &p) { return p.second.purpose == Purpose::Release; });
        });
    }
    m_pending.clear();
    m_allocation = Allocation{};
    delete m_notifier;
    m_notifier = nullptr;
    m_socket.reset();
}

quint16 MeshEndpoint::port() const { return m_socket ? m_socket->localPort() : m_port; }
QString MeshEndpoint::timestampMethod() const { return m_socket ? m_socket->timestampMethod() : QString(); }

core::Result<void> MeshEndpoint::sendTo(const MeshRoute &route, const QByteArray &bytes)
{
    if (!m_socket)
        return core::makeError(core::ErrorCode::Io, QStringLiteral("the mesh socket is closed"));
    if (!route.relayed) {
        if (m_nat.turn && route.to == *m_nat.turn)
            m_lastToTurnNs = nowNs();
        return m_socket->send(bytes, route.to.address, route.to.port);
    }
    if (!m_nat.turn || m_allocation.state != Allocation::Ready)
        return core::makeError(core::ErrorCode::Io, QStringLiteral("no TURN allocation to relay through: %1")
                                                                 .arg(m_allocation.problem.isEmpty() ? QStringLiteral("none yet") : m_allocation.problem));
    const QByteArray wrapped = m_wire.sendIndication(route.to, bytes);
    if (wrapped.isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("%1 bytes do not fit a TURN Send indication").arg(bytes.size()));
    m_lastToTurnNs = nowNs();
    return m_socket->send(wrapped, m_nat.turn->address, m_nat.turn->port);
}

QByteArray MeshEndpoint::request(const QByteArray &message, Purpose purpose, const MeshRoute &route, int timeoutMs, const QString &peer,
                                 const QHostAddress &permission)
{
    if (message.isEmpty())
        return {};
    const QByteArray id = StunWire::transactionOf(message);
    const qint64 now = nowNs();
    m_pending[id] = Pending{purpose, now, now + qint64(timeoutMs) * kMs, peer, permission};
    if (auto r = sendTo(route, message); !r) {
        m_pending.erase(id);
        if (m_sendWarnings++ < 10)
            core::logger("mesh")->info("STUN to {}: {}", route.text().toStdString(), r.error().toString().toStdString());
        return {};
    }
    return id;
}

void MeshEndpoint::refreshReflected(int waitMs)
{
    if (!m_socket || !m_nat.stun)
        return;
    const QByteArray id = request(m_wire.bindingRequest(software()), Purpose::Reflected, {*m_nat.stun, false}, 1000);
    pumpUntil(nowNs() + qint64(waitMs) * kMs, [&] { return id.isEmpty() || !m_pending.count(id); });
}

void MeshEndpoint::serviceFor(int ms)
{
    pumpUntil(nowNs() + qint64(ms) * kMs, [] { return false; });
}

void MeshEndpoint::pumpUntil(qint64 endNs, const std::function<bool()> &done)
{
    const Blocking blocking(*this);
    while (!done() && nowNs() < endNs)
        pump(int(std::max<qint64>(1, (endNs - nowNs()) / kMs)));
}

// ---- demultiplexing ----

void MeshEndpoint::pump(int maxWaitMs)
{
    if (!m_socket)
        return;
    // At most 100 ms without a turn: a peer's punch invitation (3 s ahead, ≤ 1.2 s on the bus)
    // must be scheduled before its moment even while a session or probe is waiting here. Firing
    // after the peer lets its packets reach our NAT first, which then moves our mapping.
    qint64 wait = std::min(maxWaitMs, kTurnMs);
    if (const qint64 next = nextDeadlineNs())
        wait = std::clamp<qint64>((next - nowNs() + kMs - 1) / kMs, 0, wait);
    if (wait > 0)
        m_socket->waitReadable(int(wait));
    readAll();
    if (m_eachTurn)
        m_eachTurn();
    runDue();
    if (!m_inPump)
        armTimer();
}

void MeshEndpoint::readAll()
{
    for (int i = 0; i < 512 && m_socket; ++i) { // bounded: a flood cannot hold the thread
        auto d = m_socket->receive();
        if (!d || !d->has_value())
            return; // an error is transient for a UDP socket (a queued ICMP error)
        dispatch(**d);
    }
}

void MeshEndpoint::dispatch(const StampDatagram &d)
{
    if (StunWire::looksLikeStun(d.data)) {
        const auto m = m_wire.parse(d.data);
        if (!m)
            return;
        const bool fromTurn = m_nat.turn && d.from == m_nat.turn->address && d.port == m_nat.turn->port;
        if (m->kind == StunKind::DataIndication) {
            if (fromTurn) // relayed to us: its inside is what the peer sent to our relay address
                dispatchInner(m->data, {m->peer, true}, d.rxNs, d.ttl);
            return;
        }
        handleStun(*m, {{d.from, d.port}, false}, d.ttl);
        return;
    }
    dispatchInner(d.data, {{d.from, d.port}, false}, d.rxNs, d.ttl);
}

void MeshEndpoint::dispatchInner(const QByteArray &bytes, const MeshRoute &from, qint64 rxNs, int ttl)
{
    if (from.relayed && StunWire::looksLikeStun(bytes)) {
        if (const auto m = m_wire.parse(bytes); m && m->kind != StunKind::DataIndication)
            handleStun(*m, from);
        return;
    }
    if (m_sessionRoute && from == *m_sessionRoute && core::isStampReflectorAnswer(bytes, m_sessionMode)) {
        StampDatagram d;
        d.data = bytes;
        d.from = from.to.address;
        d.port = from.to.port;
        d.rxNs = rxNs;
        d.ttl = ttl;
        m_sessionQueue.push_back(std::move(d));
        return;
    }
    if (!m_policy)
        return;
    // T3 taken here: the reply is encoded and sent right after (a few µs).
    const QString source = from.text();
    if (auto reply = m_policy->reflect(source, bytes, rxNs, ttl, m_socket->nowNs())) {
        if (auto r = sendTo(from, *reply); !r && m_sendWarnings++ < 5)
            core::logger("mesh")->warn("{}", r.error().toString().toStdString());
    }
}

void MeshEndpoint::handleStun(const StunMessageInfo &m, const MeshRoute &from, int ttl)
{
    if (m.kind == StunKind::BindingRequest) {
        // Any agent may ask where it comes from (a probe or a punch); a peer's own request
        // getting through means the way from it to us is open.
        const QByteArray answer = m_wire.bindingAnswer(m, from.to, software());
        if (!answer.isEmpty())
            (void)sendTo(from, answer);
        if (!from.relayed && m.software.startsWith(QLatin1String(kSoftwarePrefix))) {
            const QString peer = m.software.mid(int(strlen(kSoftwarePrefix)));
            for (const PunchJob &j : m_punches)
                if (j.peer == peer && j.reflected.address == from.to.address)
                    lockPunch(peer, from.to);
        }
        return;
    }
    auto it = m_pending.find(m.transaction);
    if (it == m_pending.end())
        return;
    const Pending p = it->second;
    m_pending.erase(it);
    switch (p.purpose) {
    case Purpose::Reflected:
        if (m.kind == StunKind::BindingSuccess && !from.relayed)
            if (const auto routers = core::routersFromReceivedTtl(ttl))
                m_routersToStun = routers; // how far a punch's priming must reach (core/nat/punch_priming.h)
        if (m.kind == StunKind::BindingSuccess && !m.mapped.address.isNull() && m.mapped != m_reflected) {
            if (m_reflected)
                core::logger("mesh")->info("our reflected address moved from {} to {}",
                                           endpointText(m_reflected->address, m_reflected->port).toStdString(),
                                           endpointText(m.mapped.address, m.mapped.port).toStdString());
            const bool moved = m_reflected.has_value();
            m_reflected = m.mapped;
            if (moved)
                m_punched.clear(); // see forgetPunch()
            // Our allocation belongs to the old mapping's 5-tuple: the server no longer hears us
            // on it, so a new one is made from the new mapping (the old one expires by itself).
            if (moved && m_nat.turn && m_allocation.state == Allocation::Ready) {
                core::logger("mesh")->info("allocating a new relay: the TURN server sees us at a new address");
                allocate();
            }
            emit addressesChanged();
        }
        break;
    case Purpose::Probe:
        if (m.kind == StunKind::BindingSuccess)
            m_probeResults[m.transaction] = {double(nowNs() - p.sentNs) / 1e6, m.software};
        break;
    case Purpose::Keepalive:
        break;
    case Purpose::Punch:
        if (m.kind == StunKind::BindingSuccess && m.software == QString::fromLatin1(kSoftwarePrefix) + p.peer)
            lockPunch(p.peer, from.to);
        break;
    case Purpose::Allocate:
    case Purpose::Refresh:
    case Purpose::Permission:
    case Purpose::Release:
        if (p.purpose == Purpose::Permission) {
            const QString ip = p.permission.toString();
            if (m.kind == StunKind::PermissionSuccess)
                m_permissions[ip] = nowNs() + qint64(kPermissionLifetimeS - 60) * 1000 * kMs;
            else if (m.errorCode == 438)
                m_permissions.erase(ip); // a stale nonce: asked again (with the fresh one) on next use
            else // refused (e.g. 403 for an address the server forbids): not asked again for a while
                m_permissions[ip] = -(nowNs() + qint64(kPermissionRetryS) * 1000 * kMs);
        }
        allocationAnswer(m, p.purpose);
        break;
    }
}

// ---- deadlines ----

void MeshEndpoint::runDue()
{
    const qint64 now = nowNs();
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->second.expiresNs > now) {
            ++it;
            continue;
        }
        const Purpose purpose = it->second.purpose;
        it = m_pending.erase(it);
        if (purpose == Purpose::Allocate || purpose == Purpose::Refresh) {
            if (++m_allocation.attempts >= kAllocateAttempts) {
                const QString was = m_allocation.state == Allocation::Ready ? QStringLiteral(" (the allocation is lost)") : QString();
                m_allocation.state = Allocation::Failed;
                m_allocation.problem = QStringLiteral("TURN server %1 did not answer %2 requests%3")
                                           .arg(endpointText(m_nat.turn->address, m_nat.turn->port))
                                           .arg(kAllocateAttempts)
                                           .arg(was);
                m_allocation.nextNs = now + qint64(kRetryAfterFailureMs) * kMs;
                core::logger("mesh")->warn("{}; retrying in {} s", m_allocation.problem.toStdString(), kRetryAfterFailureMs / 1000);
                emit addressesChanged();
            } else {
                m_allocation.nextNs = now; // retransmit now
            }
        }
    }
    if (m_nat.turn && m_allocation.nextNs && m_allocation.nextNs <= now) {
        m_allocation.nextNs = 0;
        if (m_allocation.state == Allocation::Failed) {
            m_allocation.attempts = 0;
            allocate();
        } else {
            sendAllocationRequest();
        }
    }
    if (m_allocation.state == Allocation::Ready && now >= keepaliveDueNs())
        request(m_wire.bindingRequest(software()), Purpose::Keepalive, {*m_nat.turn, false}, 1000); // the answer is not needed
    // Every due punch's first packet (to the reflected port itself, the one a port-preserving NAT
    // maps) leaves before any job's other 63: several peers punching us at one moment must not
    // make the last of them late, and late is what breaks a punch (see schedulePunch).
    for (PunchJob &j : m_punches)
        if (!j.primed && j.atNs - qint64(kPrimeLeadMs) * kMs <= now) {
            j.primed = true;
            // Any datagram opens the mapping; a Binding request nobody will answer is as good as any.
            if (auto ok = m_socket->sendWithTtl(m_wire.bindingRequest(software()), j.reflected.address, j.reflected.port,
                                                 core::primeTtl(m_routersToStun));
                !ok)
                core::logger("mesh")->debug("priming the punch to {}: {}", j.peer.toStdString(), ok.error().toString().toStdString());
        }
    std::vector<PunchJob *> due;
    for (PunchJob &j : m_punches)
        if (j.fired < kPunchAttempts && j.atNs + qint64(j.fired) * kPunchSpacingMs * kMs <= now)
            due.push_back(&j);
    for (bool first : {true, false})
        for (PunchJob *j : due)
            firePunch(*j, first);
    std::erase_if(m_punches, [](const PunchJob &j) { return j.fired >= kPunchAttempts; });
}

qint64 MeshEndpoint::nextDeadlineNs() const
{
    qint64 next = m_allocation.nextNs;
    auto earliest = [&next](qint64 at) { next = next ? std::min(next, at) : at; };
    if (m_allocation.state == Allocation::Ready)
        earliest(keepaliveDueNs());
    for (const auto &[id, p] : m_pending)
        earliest(p.expiresNs);
    for (const PunchJob &j : m_punches)
        earliest(j.primed ? j.atNs + qint64(j.fired) * kPunchSpacingMs * kMs : j.atNs - qint64(kPrimeLeadMs) * kMs);
    return next;
}

void MeshEndpoint::armTimer()
{
    if (!m_timer)
        return;
    const qint64 next = nextDeadlineNs();
    if (!next) {
        m_timer->stop();
        return;
    }
    m_timer->start(int(std::clamp<qint64>((next - nowNs()) / kMs + 1, 0, 3'600'000)));
}

// ---- TURN allocation ----

void MeshEndpoint::allocate()
{
    m_permissions.clear(); // they belong to the allocation being replaced
    m_allocation.state = Allocation::Requesting;
    m_allocation.sentCredentials = false;
    m_allocation.nonceMessage.clear();
    m_allocation.attempts = 0;
    sendAllocationRequest();
}

void MeshEndpoint::sendAllocationRequest()
{
    const MeshRoute server{*m_nat.turn, false};
    if (m_allocation.state == Allocation::Ready) { // time to refresh
        request(m_wire.refresh(m_allocation.nonceMessage, m_nat.turnUser, m_nat.turnPassword, m_nat.allocationLifetimeS), Purpose::Refresh,
                server, kAllocateTimeoutMs);
        return;
    }
    // The first Allocate goes without credentials: the server's 401 brings its realm and nonce.
    const bool withCredentials = !m_allocation.nonceMessage.isEmpty();
    m_allocation.sentCredentials = withCredentials;
    request(m_wire.allocate(m_allocation.nonceMessage, withCredentials ? m_nat.turnUser : QString(),
                            withCredentials ? m_nat.turnPassword : QString(), m_nat.allocationLifetimeS),
            Purpose::Allocate, server, kAllocateTimeoutMs);
}

void MeshEndpoint::allocationAnswer(const StunMessageInfo &m, Purpose purpose)
{
    const QString server = endpointText(m_nat.turn->address, m_nat.turn->port);
    const bool error = m.kind == StunKind::AllocateError || m.kind == StunKind::RefreshError || m.kind == StunKind::PermissionError;
    if (error && (m.errorCode == 401 || m.errorCode == 438))
        m_allocation.nonceMessage = m.raw; // the realm and a fresh nonce for the next try
    if (purpose == Purpose::Release) {
        if (error && m.errorCode == 438 && !m_releaseRetried) { // the nonce went stale meanwhile: once more with the fresh one
            m_releaseRetried = true;
            request(m_wire.refresh(m_allocation.nonceMessage, m_nat.turnUser, m_nat.turnPassword, 0), Purpose::Release, {*m_nat.turn, false}, 300);
        }
        return;
    }
    if (error && m.errorCode == 437 && m_allocation.state == Allocation::Ready
        && (purpose == Purpose::Refresh || purpose == Purpose::Permission)) {
        // The server no longer knows our allocation (it expired, or the server restarted).
        core::logger("mesh")->warn("TURN server {} lost our allocation; allocating again", server.toStdString());
        allocate();
        emit addressesChanged();
        return;
    }
    if (purpose == Purpose::Permission)
        return;
    if (!error && (m.kind == StunKind::AllocateSuccess || m.kind == StunKind::RefreshSuccess)) {
        const bool fresh = m.kind == StunKind::AllocateSuccess;
        if (fresh) {
            m_allocation.relay = m.relay;
            core::logger("mesh")->info("TURN allocation on {}: relayed at {} for {} s", server.toStdString(),
                                       endpointText(m.relay.address, m.relay.port).toStdString(), m.lifetimeS);
            if (!m.mapped.address.isNull() && m.mapped != m_reflected && !m_nat.stun)
                m_reflected = m.mapped; // the TURN server is our STUN server when none is named
        }
        const bool changed = m_allocation.state != Allocation::Ready;
        m_allocation.state = Allocation::Ready;
        m_allocation.problem.clear();
        m_allocation.attempts = 0;
        const qint64 lifetime = std::max<qint64>(60, m.lifetimeS ? m.lifetimeS : m_nat.allocationLifetimeS);
        m_allocation.nextNs = nowNs() + lifetime / 2 * 1000 * kMs;
        if (changed || fresh)
            emit addressesChanged();
        return;
    }
    if (!error)
        return;
    if ((m.errorCode == 401 && !m_allocation.sentCredentials && purpose == Purpose::Allocate) || m.errorCode == 438) {
        m_allocation.nextNs = nowNs(); // answer the challenge (or the stale nonce) at once
        return;
    }
    if (m.errorCode == 437 && purpose == Purpose::Allocate) {
        // An allocation of ours from before (a restart within its lifetime) holds this 5-tuple.
        m_allocation.state = Allocation::Ready;
        request(m_wire.refresh(m_allocation.nonceMessage, m_nat.turnUser, m_nat.turnPassword, 0), Purpose::Release, {*m_nat.turn, false}, 500);
        m_allocation.state = Allocation::Failed;
        m_allocation.problem = QStringLiteral("TURN server %1 still holds our previous allocation; released, allocating again").arg(server);
        m_allocation.nextNs = nowNs() + 1000 * kMs;
        return;
    }
    m_allocation.state = Allocation::Failed;
    m_allocation.problem = m.errorCode == 401
                               ? QStringLiteral("TURN server %1 refused user '%2' (401 Unauthorized): check %3")
                                     .arg(server, m_nat.turnUser, m_nat.credentialsSource)
                               : QStringLiteral("TURN server %1 refused the allocation (error %2)").arg(server).arg(m.errorCode);
    m_allocation.nextNs = nowNs() + qint64(kRetryAfterFailureMs) * kMs;
    core::logger("mesh")->error("{}", m_allocation.problem.toStdString());
    emit addressesChanged();
}

void MeshEndpoint::permit(const QHostAddress &peerRelay)
{
    if (m_allocation.state != Allocation::Ready || peerRelay.isNull())
        return;
    const auto it = m_permissions.find(peerRelay.toString());
    if (it != m_permissions.end() && std::llabs(it->second) > nowNs())
        return; // granted and fresh, or refused and not to be asked again yet
    for (const auto &[id, p] : m_pending)
        if (p.purpose == Purpose::Permission && p.permission == peerRelay)
            return; // asked already
    request(m_wire.createPermission(m_allocation.nonceMessage, {peerRelay}, m_nat.turnUser, m_nat.turnPassword), Purpose::Permission,
            {*m_nat.turn, false}, kAllocateTimeoutMs, {}, peerRelay);
}

// ---- probes and punches ----

core::Result<double> MeshEndpoint::probe(const MeshRoute &route, const QString &peerName, int attempts, int spacingMs, int totalMs)
{
    const Blocking blocking(*this);
    const QString expected = QString::fromLatin1(kSoftwarePrefix) + peerName;
    const qint64 start = nowNs(), end = start + qint64(totalMs) * kMs;
    std::vector<QByteArray> ids;
    QString wrongPeer, sendError;
    std::optional<double> rtt;
    while (!rtt && nowNs() < end) {
        if (int(ids.size()) < attempts && nowNs() >= start + qint64(ids.size()) * spacingMs * kMs) {
            const QByteArray id = request(m_wire.bindingRequest(software()), Purpose::Probe, route, int((end - nowNs()) / kMs), peerName);
            if (id.isEmpty())
                sendError = QStringLiteral("cannot send a STUN request to %1 (see the log)").arg(route.text());
            ids.push_back(id);
        }
        const qint64 nextSend = int(ids.size()) < attempts ? start + qint64(ids.size()) * spacingMs * kMs : end;
        pump(int(std::max<qint64>(1, (std::min(nextSend, end) - nowNs()) / kMs)));
        for (const QByteArray &id : ids) {
            const auto it = m_probeResults.find(id);
            if (it == m_probeResults.end())
                continue;
            if (it->second.software == expected)
                rtt = it->second.rttMs;
            else
                wrongPeer = it->second.software.isEmpty() ? QStringLiteral("something that is not a Pathlens agent") : it->second.software;
            m_probeResults.erase(it);
        }
    }
    for (const QByteArray &id : ids) { // answers still on their way are not waited for
        m_pending.erase(id);
        m_probeResults.erase(id);
    }
    if (rtt)
        return *rtt;
    if (!wrongPeer.isEmpty())
        return core::makeError(core::ErrorCode::Io, QStringLiteral("%1 answered as %2, not %3").arg(route.text(), wrongPeer, peerName));
    if (!sendError.isEmpty())
        return core::makeError(core::ErrorCode::Io, sendError);
    return core::makeError(core::ErrorCode::Io, QStringLiteral("no answer from %1 to %2 requests within %3 s")
                                                    .arg(route.text())
                                                    .arg(attempts)
                                                    .arg(totalMs / 1000.0, 0, 'f', 1));
}

void MeshEndpoint::schedulePunch(const QString &peerName, const StunEndpoint &reflected, qint64 atUtcUs,
                                 const std::vector<StunEndpoint> &avoid)
{
    for (PunchJob &j : m_punches) {
        if (j.peer != peerName || !(j.reflected == reflected) || j.fired > 0)
            continue;
        // Both sides invited each other: both fire at the earlier moment. Firing later than the
        // peer would let its packets reach our NAT first, and a Linux NAT then keeps a stale
        // entry for them that moves our own mapping to another port.
        j.atNs = std::min(j.atNs, atUtcUs * 1000);
        if (!m_inPump)
            armTimer();
        return;
    }
    core::logger("mesh")->debug("punch to {} scheduled {:.1f} ms ahead", peerName.toStdString(), double(atUtcUs * 1000 - nowNs()) / 1e6);
    // A new punch replaces the way an earlier one found (it may lead nowhere now), but never the
    // one a punch still firing has just found.
    if (std::none_of(m_punches.begin(), m_punches.end(), [&](const PunchJob &j) { return j.peer == peerName; }))
        m_punched.erase(peerName);
    m_punches.push_back({peerName, reflected, atUtcUs * 1000, 0, avoid});
    if (!m_inPump)
        armTimer();
}

void MeshEndpoint::firePunch(PunchJob &job, bool firstPacket)
{
    if (m_punched.count(job.peer)) {
        job.fired = kPunchAttempts; // locked: stop firing
        return;
    }
    if (firstPacket) {
        core::logger("mesh")->debug("punch to {}: attempt {} at {:.1f} ms after its moment", job.peer.toStdString(), job.fired + 1,
                                    double(nowNs() - job.atNs - qint64(job.fired) * kPunchSpacingMs * kMs) / 1e6);
        request(m_wire.bindingRequest(software()), Purpose::Punch, {job.reflected, false}, kPunchTransactionMs, job.peer);
        return;
    }
    ++job.fired;
    for (quint16 port : punchPorts(job.reflected.port)) {
        if (port == job.reflected.port)
            continue; // sent first
        if (std::find(job.avoid.begin(), job.avoid.end(), StunEndpoint{job.reflected.address, port}) != job.avoid.end())
            continue;
        request(m_wire.bindingRequest(software()), Purpose::Punch, {{job.reflected.address, port}, false}, kPunchTransactionMs, job.peer);
    }
}

void MeshEndpoint::lockPunch(const QString &peer, const StunEndpoint &where)
{
    if (m_punched.count(peer))
        return;
    m_punched[peer] = where;
    core::logger("mesh")->info("punched through to {} at {}", peer.toStdString(), endpointText(where.address, where.port).toStdString());
}

std::optional<StunEndpoint> MeshEndpoint::punchedTo(const QString &peerName) const
{
    const auto it = m_punched.find(peerName);
    return it == m_punched.end() ? std::nullopt : std::optional(it->second);
}

core::Result<StunEndpoint> MeshEndpoint::punch(const QString &peerName, const StunEndpoint &reflected, qint64 atUtcUs,
                                               const std::vector<StunEndpoint> &avoid)
{
    schedulePunch(peerName, reflected, atUtcUs, avoid);
    // Attempts run from `at` for 5 × 200 ms; answers to the last may take a round trip more.
    pumpUntil(atUtcUs * 1000 + qint64(kPunchAttempts * kPunchSpacingMs + 1000) * kMs, [&] { return m_punched.count(peerName) > 0; });
    if (auto p = punchedTo(peerName))
        return *p;
    return core::makeError(core::ErrorCode::Io,
                           QStringLiteral("no answer from %1 on any of the %2 ports from %3 up, in %4 attempts")
                               .arg(reflected.address.toString())
                               .arg(kPunchDeltas)
                               .arg(reflected.port)
                               .arg(kPunchAttempts));
}

core::Result<StampSessionResult> MeshEndpoint::session(const StampSessionOptions &options, const MeshRoute &route)
{
    if (!m_socket)
        return core::makeError(core::ErrorCode::Io, QStringLiteral("the mesh socket is closed"));
    m_sessionRoute = route;
    m_sessionMode = options.mode;
    m_sessionQueue.clear();
    const Blocking blocking(*this);
    EndpointStampPath path(*this, route);
    auto result = runStampSession(options, path);
    m_sessionRoute.reset();
    m_sessionQueue.clear();
    return result;
}

} // namespace pathlens::collect
