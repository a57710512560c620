// SPDX-License-Identifier: GPL-3.0-or-later
// The agent's one mesh socket (the STAMP reflector port) and everything that must share it so a
// NAT sees one flow: reflecting peers' STAMP packets, our own STAMP sessions, STUN (our reflected
// address, the ladder's probes, hole punches) and the TURN allocation that relays when nothing
// else gets through (issue 12). Datagrams are told apart by STUN's magic cookie, TURN Data
// indications are unwrapped, and a STAMP answer is told from a peer's test packet by its receive
// timestamp.
#pragma once

#include "collectors/mesh/stamp_sender.h"
#include "collectors/mesh/stamp_socket.h"
#include "collectors/nat/stun_wire.h"
#include "core/mesh/stamp_reflector_policy.h"

#include <QObject>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>

class QSocketNotifier;
class QTimer;

namespace pathlens::collect {

struct NatTraversalConfig {
    std::optional<StunEndpoint> stun; // mesh.stun: where our reflected address is asked
    std::optional<StunEndpoint> turn; // mesh.turn.server
    QString turnUser, turnPassword;
    QString credentialsSource = QStringLiteral("mesh.turn.user and mesh.turn.password in the config"); // named in errors
    int allocationLifetimeS = 600;    // RFC 5766 default; refreshed at half of what the server grants
};

// A way to a peer: straight to an address, or through our TURN allocation to the peer's relayed address.
struct MeshRoute {
    StunEndpoint to;
    bool relayed = false;
    bool operator==(const MeshRoute &) const = default;
    QString text() const;
};

// Owned by the mesh collector; lives on its thread. Blocking calls (probe, punch, session) are
// bounded and keep answering everything else that arrives meanwhile; between them the socket
// notifier and one timer do. Knows nothing of peers beyond names and addresses.
class MeshEndpoint : public QObject {
    Q_OBJECT
public:
    static constexpr int kPunchSpacingMs = 200; // between the 5 attempts: one second of punching in all
    // Before its moment, a punch sends one packet that dies past our own NAT (its TTL: the routers to
    // the STUN server, 2…4, core/nat/punch_priming.h): our mapping then exists before the peer's first packet
    // can reach our NAT, however late either side fires. Without it, a side 9–17 ms late (several
    // punches at once on a busy CPU) let the peer's packet in first, and a Linux NAT's entry for it
    // moved our mapping to another port for the next 30 s (the NAT lab's a ↔ e, once).
    static constexpr int kPrimeLeadMs = 300;

    MeshEndpoint(quint16 port, std::optional<core::StampReflectorConfig> reflect, NatTraversalConfig nat, QString selfName,
                 QObject *parent = nullptr);
    ~MeshEndpoint() override;

    core::Result<void> start();
    void stop(); // releases the TURN allocation (a Refresh with lifetime 0)
    quint16 port() const;
    QString timestampMethod() const;

    // What the outside sees of us: the STUN server's view of this socket, and our relayed address.
    std::optional<StunEndpoint> reflected() const { return m_reflected; }
    std::optional<StunEndpoint> relay() const { return m_allocation.state == Allocation::Ready ? std::optional(m_allocation.relay) : std::nullopt; }
    QString relayProblem() const { return m_allocation.problem; } // why there is no relay (empty: none configured or fine)
    bool relayConfigured() const { return m_nat.turn.has_value(); }
    // STUN or TURN configured: missing rungs are then a failure to report, not a plain fleet.
    bool traversalConfigured() const { return m_nat.stun || m_nat.turn; }
    // Asks the STUN server again (each cycle: keeps the NAT's mapping alive and notices a new one),
    // waiting up to `waitMs` for the answer.
    void refreshReflected(int waitMs = 0);
    // Blocks up to `ms` doing what arrives (reflect, answer, refresh): lets the allocation settle.
    void serviceFor(int ms);

    // Binding requests to `route` (`attempts` of them, `spacingMs` apart), answered by the agent
    // called `peerName` within `totalMs` of the first: the round trip in ms of the first answer.
    core::Result<double> probe(const MeshRoute &route, const QString &peerName, int attempts, int spacingMs, int totalMs);
    // Fires kPunchAttempts × kPunchDeltas Binding requests at `reflected` from `atUtcUs` on; the
    // first answer (or the peer's own request arriving) locks the way. Blocking, ≈ at + 2 s.
    // `avoid`: other agents' reflected addresses, never sprayed (two agents behind one NAT sit a
    // port apart; a stray request to the other one's mapping would make its NAT move that
    // mapping when it punches itself).
    core::Result<StunEndpoint> punch(const QString &peerName, const StunEndpoint &reflected, qint64 atUtcUs,
                                     const std::vector<StunEndpoint> &avoid = {});
    // The same in the background, when a peer invites us: locks land in punchedTo().
    void schedulePunch(const QString &peerName, const StunEndpoint &reflected, qint64 atUtcUs, const std::vector<StunEndpoint> &avoid = {});
    std::optional<StunEndpoint> punchedTo(const QString &peerName) const;
    // A way punched before either side's mapping moved leads nowhere, and probing it from the new
    // mapping would leave the peer's NAT an entry that breaks the next punch: forget it.
    void forgetPunch(const QString &peerName) { m_punched.erase(peerName); }
    // Our allocation may carry traffic from and to this relayed address (renewed while in use).
    void permit(const QHostAddress &peerRelay);

    core::Result<StampSessionResult> session(const StampSessionOptions &options, const MeshRoute &route);

    // Called on every turn of the endpoint's loop, blocking calls included: the owner hands over
    // what arrived meanwhile (a peer's punch invitation cannot wait for a session to end).
    void setEachTurn(std::function<void()> hook) { m_eachTurn = std::move(hook); }

    const core::StampReflectorCounters *reflectorCounters() const { return m_policy ? &m_policy->counters() : nullptr; }
    int outstandingTransactions() const { return int(m_pending.size()); }

signals:
    void addressesChanged(); // reflected() or relay() changed

private:
    friend class EndpointStampPath;
    enum class Purpose { Reflected, Probe, Punch, Allocate, Refresh, Permission, Release, Keepalive };
    struct Pending {
        Purpose purpose;
        qint64 sentNs = 0, expiresNs = 0;
        QString peer;                 // Probe, Punch
        QHostAddress permission;      // Permission
    };
    struct Allocation {
        enum State { Off, Requesting, Ready, Failed } state = Off;
        StunEndpoint relay;
        QByteArray nonceMessage;     // the last answer carrying REALM and NONCE
        bool sentCredentials = false;
        int attempts = 0;
        qint64 nextNs = 0;           // next refresh, retransmission or retry
        QString problem;
    };
    struct PunchJob {
        QString peer;
        StunEndpoint reflected;
        qint64 atNs = 0;
        int fired = 0;
        std::vector<StunEndpoint> avoid;
        bool primed = false;
    };
    struct ProbeResult {
        double rttMs = 0;
        QString software;
    };

    void pump(int maxWaitMs);        // wait for a datagram or the next deadline, then do what is due
    void readAll();
    void dispatch(const StampDatagram &d);
    void dispatchInner(const QByteArray &bytes, const MeshRoute &from, qint64 rxNs, int ttl);
    void handleStun(const StunMessageInfo &m, const MeshRoute &from, int ttl = 0); // ttl: as received (0 unknown)
    void runDue();
    void armTimer();
    qint64 nextDeadlineNs() const; // the earliest of: allocation, keepalive, transaction expiries, punch attempts (0: none)
    void pumpUntil(qint64 endNs, const std::function<bool()> &done); // a blocking loop of pump()s
    class Blocking;
    core::Result<void> sendTo(const MeshRoute &route, const QByteArray &bytes);
    QByteArray request(const QByteArray &message, Purpose purpose, const MeshRoute &route, int timeoutMs, const QString &peer = {},
                       const QHostAddress &permission = {});
    void allocate();
    void sendAllocationRequest();
    void allocationAnswer(const StunMessageInfo &m, Purpose purpose);
    void firePunch(PunchJob &job, bool firstPacket);
    void lockPunch(const QString &peer, const StunEndpoint &where);
    QString software() const;
    qint64 keepaliveDueNs() const;

    quint16 m_port;
    std::optional<core::StampReflectorPolicy> m_policy;
    NatTraversalConfig m_nat;
    QString m_self;
    std::unique_ptr<StampSocket> m_socket;
    StunWire m_wire;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_timer = nullptr;
    std::map<QByteArray, Pending> m_pending;        // by transaction id
    std::map<QByteArray, ProbeResult> m_probeResults;
    std::optional<StunEndpoint> m_reflected;
    std::optional<int> m_routersToStun; // from the TTL of the STUN server's answers
    Allocation m_allocation;
    std::map<QString, qint64> m_permissions;        // relay IP (text) → expiry (ns); negative: refused until −value
    std::vector<PunchJob> m_punches;
    std::map<QString, StunEndpoint> m_punched;      // peer name → the way a punch found
    // The session running now (one at a time): its route and the answers that came for it.
    std::optional<MeshRoute> m_sessionRoute;
    core::StampMode m_sessionMode = core::StampMode::Unauthenticated;
    std::deque<StampDatagram> m_sessionQueue;
    int m_sendWarnings = 0;
    bool m_inPump = false;
    bool m_releaseRetried = false;
    qint64 m_lastToTurnNs = 0; // our last datagram to the TURN server (its NAT mapping's keepalive)
    std::function<void()> m_eachTurn;
};

} // namespace pathlens::collect
