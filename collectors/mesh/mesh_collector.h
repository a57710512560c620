// SPDX-License-Identifier: GPL-3.0-or-later
// The mesh Session-Sender: every cycle, to each peer, an echo series and packet trains over STAMP;
// one mesh_results row per peer and cycle, each direction measured on its own.
#pragma once

#include "collectors/host/collector.h"
#include "collectors/mesh/mesh_endpoint.h"
#include "collectors/mesh/mesh_path_finder.h"
#include "collectors/mesh/mesh_peer_directory.h"
#include "core/mesh/mesh_cycle.h"
#include "core/mesh/stamp_packet.h"

#include <QHostAddress>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>

class QTimer;

namespace pathlens::collect {

struct MeshCollectorOptions {
    QString selfName;
    // Who to measure, read afresh each cycle: configured peers and those the fleet bus discovers.
    std::shared_ptr<MeshPeerDirectory> peers = std::make_shared<MeshPeerDirectory>();
    int intervalS = 120;        // SPEC §4: a 2-minute cycle
    core::StampMode mode = core::StampMode::Unauthenticated;
    QByteArray key;
    int echoCount = 10;         // 10 × 44 B each way: RTT, loss and queueing
    int echoIntervalMs = 20;
    // Capacity from 3 trains of 3 back-to-back packets rather than SPEC's 5 pairs: a shaper's
    // token bucket of 2 frames (a common minimum) lets a pair through unspaced, and the lab
    // measured such pairs at 18× the shaped rate; the third packet of a train is spaced by it.
    int trains = 3;
    int trainLength = 3;
    int trainBytes = 1472;       // UDP payload of a 1500-byte IPv4 packet
    int trainIntervalMs = 20;
    int waitMs = 1000;          // answers still awaited after the last send
    // Each peer is traced (UDP, no privilege) every traceEveryCycles cycles, after the cycle's STAMP
    // sessions and off this thread: 10 minutes at the default cycle, so a route change shows in
    // the pair's drill-down. 0: never.
    int traceEveryCycles = 5;
    std::function<qint64()> allocateTraceId; // ids of traces rows; null: no traces
    // The mesh socket: sessions leave from it and (with `reflect`) peers' packets are answered on
    // it, so a NAT sees one flow per peer; STUN and TURN share it (the connection ladder).
    quint16 port = core::kStampDefaultPort;
    std::optional<core::StampReflectorConfig> reflect;
    NatTraversalConfig nat;
    bool allowLoopback = false; // a fleet on one machine (tests): loopback peers are fine
    // Bytes we send per peer per cycle: 10 × 44 + 9 × 1472 = 13,688 ≤ the 16 KB budget (issue 11);
    // the reflector returns as many.
    int bytesPerCycle() const { return echoCount * core::kStampUnauthSize + trains * trainLength * trainBytes; }
};

// Owned by CollectorHost; runs on its own thread. A cycle measures the peers one after another, one
// per event-loop turn, blocking that thread for at most (echo + trains + wait) ≈ 1.4 s per peer
// (0.3 s when every answer comes); stop() runs between peers. With no peers yet (a fleet still
// forming) a cycle does nothing.
class MeshCollector : public Collector {
    Q_OBJECT
public:
    explicit MeshCollector(MeshCollectorOptions options);
    ~MeshCollector() override;
    QString name() const override { return QStringLiteral("mesh"); }

public slots:
    void start() override;
    void stop() override;
    void runCycle(); // public so tests can run one without waiting for the timer

private:
    MeshCollectorOptions m_options;
    QTimer *m_timer = nullptr;
    void tracePeer(const MeshPeer &peer);
    void measureNext();
    void measure(const MeshPeer &peer);

    std::map<QString, core::MeshPairHistory> m_history; // by peer name: running one-way minima
    bool m_stopping = false;
    quint64 m_cycle = 0;
    bool m_traceInFlight = false; // the queue goes on when it is done
    std::deque<std::pair<MeshPeer, bool>> m_queue; // this cycle's steps still to do: measure a peer, or (true) trace it
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    MeshEndpoint *m_endpoint = nullptr;          // child, created in start()
    std::unique_ptr<MeshPathFinder> m_finder;
    QTimer *m_poll = nullptr;
    QString m_relayProblem; // the last TURN problem said in the events
    std::map<QString, qint64> m_lastInvite; // by peer: when its last invitation was accepted (µs UTC)
    static constexpr qint64 kInviteLateUs = 500'000;     // a moment this far past is still worth firing at
    static constexpr qint64 kInviteAheadUs = 10'000'000; // invitations say 3 s ahead
    static constexpr qint64 kInviteEveryUs = 4'000'000;  // one punch per peer at a time (a punch lasts ≈ 2 s)                     // punch invitations in, permissions, our addresses out
    void poll();
    void takeInvitations();
    void addressesChanged();
};

} // namespace pathlens::collect
