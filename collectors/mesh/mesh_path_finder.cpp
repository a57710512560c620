// SPDX-License-Identifier: GPL-3.0-or-later
// The connection ladder, rung by rung.
#include "collectors/mesh/mesh_path_finder.h"

#include "core/base/logging.h"
#include "core/base/time_utc.h"

#include <QElapsedTimer>
#include <QNetworkInterface>

#include <spdlog/spdlog.h>

namespace pathlens::collect {

namespace {
// 3 requests 250 ms apart, answers awaited 1.5 s: a GEO satellite hop (≈ 600 ms) still answers,
// and one lost request (or a relay permission still settling) is not a failed rung.
constexpr int kProbeAttempts = 3, kProbeSpacingMs = 250, kProbeWaitMs = 1500;
} // namespace

MeshPathFinder::MeshPathFinder(MeshEndpoint &endpoint, std::shared_ptr<MeshPeerDirectory> directory, QString selfName, bool allowLoopback)
    : m_endpoint(endpoint), m_directory(std::move(directory)), m_self(std::move(selfName)), m_allowLoopback(allowLoopback)
{
}

std::vector<LocalSubnet> MeshPathFinder::ownSubnets() const
{
    std::vector<LocalSubnet> out;
    for (const QNetworkInterface &i : QNetworkInterface::allInterfaces()) {
        if (!(i.flags() & QNetworkInterface::IsUp))
            continue;
        for (const QNetworkAddressEntry &e : i.addressEntries())
            if (!e.ip().isLinkLocal() && e.prefixLength() > 0 && (m_allowLoopback || !e.ip().isLoopback()))
                out.push_back({e.ip(), e.prefixLength()});
    }
    return out;
}

void MeshPathFinder::selfMoved()
{
    std::erase_if(m_known, [](const auto &k) { return k.second.choice.path == MeshPath::Punched; });
}

MeshPathChoice MeshPathFinder::choose(const MeshPeer &peer, std::vector<MeshRungOutcome> *outcomes)
{
    if (!peer.discovered) // a configured peer (maybe a third-party reflector): measured where it was named
        return {peer.path == QLatin1String("lan") ? MeshPath::Lan : MeshPath::Direct, {{peer.address, peer.port}, false}, {}, 0};
    if (auto it = m_known.find(peer.name); it != m_known.end()) {
        const bool recheck = it->second.choice.path == MeshPath::Relayed && ++it->second.uses > kRelayedRecheckCycles;
        if (it->second.reach == peer.reach && !recheck)
            return it->second.choice;
        m_known.erase(it); // the peer's addresses changed, or a relayed pair looks for a cheaper way: climb again
        m_endpoint.forgetPunch(peer.name);
    }
    QElapsedTimer whole;
    whole.start();
    const auto self = m_endpoint.reflected();
    const auto rungs = ladderRungs(peer.reach, ownSubnets(), self.has_value(), m_endpoint.relay().has_value(), m_allowLoopback);
    QStringList notes;
    MeshPathChoice choice;
    if (rungs.size() == 1 && !m_endpoint.traversalConfigured()
        && (rungs.front().path == MeshPath::Lan || rungs.front().path == MeshPath::Direct)) {
        // A ladder of one rung needs no climb: the measurement itself tells whether it works (a
        // cycle without answers climbs again), and a far peer (a satellite hop) costs no extra RTT.
        const LadderRung &only = rungs.front();
        choice = {only.path, {{only.address, only.port}, false}, QStringLiteral("%1 %2: the only way").arg(meshPathName(only.path), endpointText(only.address, only.port)), 0};
        if (outcomes)
            outcomes->push_back({only.path, choice.route.text(), true, 0, {}});
        m_known[peer.name] = {choice, peer.reach};
        return choice;
    }
    for (const LadderRung &rung : rungs) {
        QElapsedTimer t;
        t.start();
        MeshRoute route{{rung.address, rung.port}, rung.path == MeshPath::Relayed};
        core::Result<double> r = core::makeError(core::ErrorCode::Io, QStringLiteral("not tried"));
        if (rung.path == MeshPath::Lan || rung.path == MeshPath::Direct) {
            r = m_endpoint.probe(route, peer.name, kProbeAttempts, kProbeSpacingMs, kProbeWaitMs);
        } else if (rung.path == MeshPath::Punched) {
            if (const auto locked = m_endpoint.punchedTo(peer.name)) { // the peer's own punch got through already
                route.to = *locked;
                r = m_endpoint.probe(route, peer.name, kProbeAttempts, kProbeSpacingMs, kProbeWaitMs);
            }
        }
        if (rung.path == MeshPath::Punched && !r) {
            // Both sides fire at one agreed moment (clocks within a second of each other: NTP).
            route.to = {rung.address, rung.port};
            const qint64 at = core::nowUtcUs() + qint64(kInviteLeadMs) * 1000;
            m_directory->inviteOut({core::nowUtcUs(), m_self, peer.name, endpointText(self->address, self->port), at});
            auto punched = m_endpoint.punch(peer.name, route.to, at, m_directory->reflectedExcept(peer.name));
            if (punched) {
                route.to = *punched;
                r = m_endpoint.probe(route, peer.name, kProbeAttempts, kProbeSpacingMs, kProbeWaitMs);
            } else {
                r = punched.error();
            }
        } else if (rung.path == MeshPath::Relayed) {
            m_endpoint.permit(rung.address);
            r = m_endpoint.probe(route, peer.name, kProbeAttempts, kProbeSpacingMs, kProbeWaitMs);
        }
        const double s = t.nsecsElapsed() / 1e9;
        if (outcomes)
            outcomes->push_back({rung.path, route.text(), bool(r), s, r ? QString() : r.error().message});
        if (r) {
            choice = {rung.path, route, {}, 0};
            notes << QStringLiteral("%1 %2: answered in %3 ms (%4 s)")
                         .arg(meshPathName(rung.path), route.text())
                         .arg(*r, 0, 'f', 1)
                         .arg(s, 0, 'f', 2);
            break;
        }
        notes << QStringLiteral("%1 %2: %3 (%4 s)").arg(meshPathName(rung.path), route.text(), r.error().message).arg(s, 0, 'f', 2);
    }
    if (rungs.empty())
        notes << QStringLiteral("no rung to try: the peer advertises no address, and no reflected or relayed one");
    if (choice.path == MeshPath::Relayed && m_endpoint.relay())
        notes << QStringLiteral("our relay %1").arg(endpointText(m_endpoint.relay()->address, m_endpoint.relay()->port));
    if (!m_endpoint.relay() && m_endpoint.relayConfigured() && choice.path == MeshPath::None)
        notes << QStringLiteral("relay: %1").arg(m_endpoint.relayProblem().isEmpty() ? QStringLiteral("no allocation yet") : m_endpoint.relayProblem());
    choice.note = notes.join(QStringLiteral("; "));
    choice.seconds = whole.nsecsElapsed() / 1e9;
    core::logger("mesh")->info("ladder to {}: {} in {:.2f} s — {}", peer.name.toStdString(), meshPathName(choice.path).toStdString(),
                               choice.seconds, choice.note.toStdString());
    if (choice.path != MeshPath::None)
        m_known[peer.name] = {choice, peer.reach};
    return choice;
}

} // namespace pathlens::collect
